import Foundation
import HookKit

/// Command-line options of `convo-bench search`.
struct SearchBenchOptions {
    var megabytes = 100
    var sessions = 2000
    var runs = 5
    var seed: UInt64 = 7
    var work = "Benchmarks/work/search"
    var resultsFile: String?
    var keep = false
    var layout = ArchiveGenerator.Layout.parts

    init(_ args: [String]) throws {
        try BenchArguments.parse(args) { flag, value in
            switch flag {
            case "--mb": megabytes = max(1, Int(try value()) ?? megabytes)
            case "--sessions": sessions = max(1, Int(try value()) ?? sessions)
            case "--runs": runs = max(1, Int(try value()) ?? runs)
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--work": work = try value()
            case "--results": resultsFile = try value()
            case "--keep": keep = true
            case "--layout":
                guard let l = ArchiveGenerator.Layout(rawValue: try value()) else { throw BenchError(description: "--layout takes parts or legacy") }
                layout = l
            default: throw BenchError(description: "unknown option \(flag)")
            }
        }
    }
}

/// Generates a tree-mode archive (N sessions of Claude Code–shaped records, committed in a git
/// repository), then times: the first indexing, indexing 1 MB of new part files, 20 queries through
/// `ArchiveSearch.search` (freshness check + FTS5 query + commit lookup) and the same 20 queries
/// with `git grep -i` over the archive.
struct SearchBenchmark {
    let options: SearchBenchOptions

    /// Terms planted in a share of the sessions, from rare to common, as decisions would be.
    static let topics: [(word: String, share: Double)] = [
        ("memoization", 0.005), ("backpressure", 0.01), ("idempotency", 0.02), ("flatbuffers", 0.03), ("sharding", 0.04),
        ("tombstone", 0.05), ("debounce", 0.06), ("quorum", 0.08), ("zstd", 0.10), ("bloom", 0.12),
    ]

    /// The 20 queries, with the literal `git grep -i` gets for each (git grep has no ranking or
    /// boolean operators across lines: it gets the query's first term or phrase).
    static let queries: [(query: String, grep: String)] = [
        ("memoization", "memoization"),
        ("backpressure", "backpressure"),
        ("idempotency", "idempotency"),
        ("flatbuffers", "flatbuffers"),
        ("\"decided to use sharding\"", "decided to use sharding"),
        ("tombst*", "tombst"),
        ("debounce AND queue", "debounce"),
        ("quorum OR zstd", "quorum"),
        ("bloom NOT cache", "bloom"),
        ("memoization AND performance", "memoization"),
        ("zst*", "zst"),
        ("\"because the quorum\"", "because the quorum"),
        ("(sharding OR tombstone) AND commit", "sharding"),
        ("regex", "regex"),
        ("\"swift test\"", "swift test"),
        ("refactor cache", "refactor"),
        ("parse*", "parse"),
        ("rebase", "rebase"),
        ("lock AND thread NOT async", "lock"),
        ("\"transcript archive\"", "transcript archive"),
    ]

    func run() throws {
        let fm = FileManager.default
        let work = URL(fileURLWithPath: options.work, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).standardizedFileURL.path
        let repo = work + "/repo"
        try? fm.removeItem(atPath: work)
        try fm.createDirectory(atPath: repo, withIntermediateDirectories: true)
        defer { if !options.keep { try? fm.removeItem(atPath: work) } }

        var t0 = Date()
        var generator = ArchiveGenerator(seed: options.seed, root: repo + "/.claude/conversations", layout: options.layout)
        let perSession = options.megabytes * 1_000_000 / options.sessions
        for i in 0..<options.sessions { try generator.writeSession(index: i, bytes: perSession) }
        let generated = generator.bytesWritten
        log(
            String(
                format: "archive: %.1f MB in %d sessions, %d part files; generated in %.1f s",
                Double(generated) / 1e6, options.sessions, generator.partFiles, Date().timeIntervalSince(t0)))
        t0 = Date()
        try git(["init", "-q", "-b", "main"], in: repo)
        try git(["add", "-A"], in: repo)
        try git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "archive"], in: repo)
        log(String(format: "committed in %.1f s", Date().timeIntervalSince(t0)))

        let repository = try Repository.discover(from: repo)
        let search = try ArchiveSearch.repository(repository, notice: { _ in })

        // First indexing.
        t0 = Date()
        let first = try search.update()
        let firstSeconds = Date().timeIntervalSince(t0)
        let indexBytes = (try? fm.attributesOfItem(atPath: repo + "/.git/convo-hook/search.sqlite")[.size] as? Int) ?? 0
        log(
            String(
                format: "first indexing: %.2f s (%d parts, %.1f MB read, %d pieces of text), index %.1f MB",
                firstSeconds, first.partsIndexed, Double(generated) / 1e6, first.documentsAdded, Double(indexBytes) / 1e6))

        // Incremental: 1 MB of new lines (new parts of existing sessions and a few new sessions), committed.
        let before = generator.bytesWritten
        try generator.appendNewParts(totalBytes: 1_000_000, sessions: options.sessions)
        try git(["add", "-A"], in: repo)
        try git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "more"], in: repo)
        t0 = Date()
        let incremental = try search.update()
        let incrementalSeconds = Date().timeIntervalSince(t0)
        log(
            String(
                format: "incremental: %.3f s for %.2f MB (%d parts)", incrementalSeconds,
                Double(generator.bytesWritten - before) / 1e6, incremental.partsIndexed))

        // Nothing new: the freshness check alone (fingerprint unchanged), and listing every part file
        // (what a search pays when the fingerprint changed).
        var freshness: [Double] = []
        var listing: [Double] = []
        for _ in 0..<options.runs {
            t0 = Date()
            _ = try search.update()
            freshness.append(Date().timeIntervalSince(t0))
            t0 = Date()
            let reader = ArchiveReader(storage: FolderStorage(root: repo), layout: .repository(root: ".claude/conversations"))
            _ = reader.sessions().map { reader.streams(of: $0) }
            listing.append(Date().timeIntervalSince(t0))
        }

        // Queries.
        var ours: [Double] = []
        var grep: [Double] = []
        var hitCounts: [Int] = []
        var rows: [String] = []
        for (query, literal) in Self.queries {
            let parsed = try SearchQuery(query)
            var times: [Double] = []
            var hits = 0
            for _ in 0..<options.runs {
                let start = Date()
                hits = try search.search(parsed, filter: SearchFilter(limit: 20)).count
                times.append(Date().timeIntervalSince(start))
            }
            var grepTimes: [Double] = []
            var grepLines = 0
            for _ in 0..<options.runs {
                let start = Date()
                grepLines = try gitGrepCount(literal, in: repo)
                grepTimes.append(Date().timeIntervalSince(start))
            }
            let m = Self.median(times)
            let g = Self.median(grepTimes)
            ours.append(m)
            grep.append(g)
            hitCounts.append(hits)
            rows.append(
                String(
                    format: "| `%@` | %d | %.1f ms | %d lines | %.1f ms | %.0f× |",
                    query.replacingOccurrences(of: "|", with: "\\|"), hits, m * 1000, grepLines, g * 1000, g / m))
            log(String(format: "%-36@ %7.1f ms   git grep -i %7.1f ms", query as NSString, m * 1000, g * 1000))
        }

        let medianOurs = Self.median(ours)
        let medianGrep = Self.median(grep)
        let cpu = RedactionBenchmark.cpuModel()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let report = """
            ## Search

            Measured \(RedactionBenchmark.today()) on \(cpu) (`nproc` = \(cores), shared with other builds), \
            `swift build -c release`, SQLite \(Self.sqliteVersion()) FTS5 (Debian libsqlite3), git \(Self.gitVersion()).
            Archive: \(String(format: "%.1f", Double(generated) / 1e6)) MB (10^6 bytes) of Claude Code–shaped part files \
            (user prompts, assistant text + thinking + tool calls, tool output), \(options.sessions) sessions, \
            \(generator.partFiles) part files (\(options.layout == .parts ? "round-2 parts named by line range" : "round-1 0001.jsonl + meta.json")), committed in one git repository (tree mode), seed \(options.seed). \
            Generated by `convo-bench search` (`Benchmarks/run-search.sh`).

            | step | time |
            |---|---|
            | first indexing (\(first.partsIndexed) parts, \(first.documentsAdded) pieces of text; index file \(String(format: "%.0f MB", Double(indexBytes) / 1e6))) | **\(String(format: "%.1f s", firstSeconds))** (\(String(format: "%.1f MB/s of archive", Double(generated) / 1e6 / firstSeconds))) |
            | incremental indexing of \(String(format: "%.2f MB", Double(generator.bytesWritten - before) / 1e6)) of new part files (\(incremental.partsIndexed) parts) | **\(String(format: "%.0f ms", incrementalSeconds * 1000))** |
            | freshness check with nothing new (fingerprint: HEAD, git index, capture state, source folder times), median of \(options.runs) | \(String(format: "%.1f ms", Self.median(freshness) * 1000)) |
            | listing every session folder and part file (paid once after the fingerprint changed), median of \(options.runs) | \(String(format: "%.1f ms", Self.median(listing) * 1000)) |
            | query, median of the 20 per-query medians (\(options.runs) runs each; includes the freshness check, FTS5 + BM25 ranking, snippets, commit lookup) | **\(String(format: "%.1f ms", medianOurs * 1000))** (min \(String(format: "%.1f", (ours.min() ?? 0) * 1000)), max \(String(format: "%.1f", (ours.max() ?? 0) * 1000)) ms) |
            | `git grep -i -c` of the query's first term or phrase, same 20 queries, median | \(String(format: "%.1f ms", medianGrep * 1000)) (min \(String(format: "%.1f", (grep.min() ?? 0) * 1000)), max \(String(format: "%.1f", (grep.max() ?? 0) * 1000)) ms) |
            | ratio git grep / search (medians) | **\(String(format: "%.0f×", medianGrep / medianOurs))** |

            Per query (hits are capped at 20 and 5 per session; git grep counts matching lines and cannot rank, \
            combine terms across lines, or tell roles apart):

            | query | hits | search | git grep -i | grep | ratio |
            |---|---|---|---|---|---|
            \(rows.joined(separator: "\n"))

            """
        print(report)
        if let file = options.resultsFile { try ResultsFile.replaceSection("## Search", with: report, in: file) }
    }

    func gitGrepCount(_ literal: String, in repo: String) throws -> Int {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = ["grep", "-i", "-F", "-c", "-e", literal, "--", ".claude/conversations"]
        p.currentDirectoryURL = URL(fileURLWithPath: repo)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").reduce(0) { $0 + (Int($1.split(separator: ":").last ?? "") ?? 0) }
    }

    func git(_ args: [String], in dir: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError(description: "git \(args.joined(separator: " ")) exited \(p.terminationStatus)") }
    }

    func log(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func median(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.sorted()[xs.count / 2] }

    static func sqliteVersion() -> String { firstLine(["sqlite3", "--version"]).split(separator: " ").first.map(String.init) ?? "3" }

    static func gitVersion() -> String { firstLine(["git", "--version"]).split(separator: " ").last.map(String.init) ?? "" }

    static func firstLine(_ args: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        guard (try? p.run()) != nil else { return "" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }
}

/// Writes session folders shaped like convo-hook's archive: round-2 parts named by line range and hash
/// (`claude/<stamp>-<id>/000001-000042-1a2b3c4d.jsonl`), or round-1 `0001.jsonl` + `meta.json` (`legacy`).
struct ArchiveGenerator {
    enum Layout: String { case parts, legacy }

    var corpus: CorpusGenerator
    let root: String
    let layout: Layout
    var bytesWritten = 0
    var partFiles = 0
    var folders: [String] = []
    var nextPart: [Int] = []
    /// Lines written per session folder (round-2 part names continue from them).
    var lines: [Int] = []

    init(seed: UInt64, root: String, layout: Layout = .parts) {
        corpus = CorpusGenerator(seed: seed, targetBytes: 0)
        self.root = root
        self.layout = layout
    }

    /// Writes `data` as the next part of session `k`.
    mutating func writePart(_ data: [UInt8], session k: Int) throws {
        let count = data.filter { $0 == 0x0A }.count
        let name: String
        switch layout {
        case .legacy:
            name = String(format: "%04d.jsonl", nextPart[k])
            nextPart[k] += 1
        case .parts:
            name = ArchivePartName(first: lines[k] + 1, last: lines[k] + count, bytes: data, ext: "jsonl").fileName
        }
        lines[k] += count
        try Data(data).write(to: URL(fileURLWithPath: folders[k] + "/" + name))
        bytesWritten += data.count
        partFiles += 1
    }

    /// Records for about `bytes` bytes of one session; planted topics appear in sessions by their share.
    mutating func records(bytes: Int, topics: [String]) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < bytes {
            let record: String
            switch corpus.r.int(0..<100) {
            case 0..<15:
                var text = corpus.prose(corpus.r.int(1..<5))
                if let t = topics.randomElement(using: &corpus.r) { text += " Should we use \(t) here? What about the \(t) cost?" }
                record = corpus.userPrompt(text)
            case 15..<50:
                var text = corpus.prose(corpus.r.int(1..<4))
                if let t = topics.randomElement(using: &corpus.r) {
                    text += " We decided to use \(t) because the \(t) approach keeps the \(corpus.r.pick(CorpusGenerator.words)) simple."
                }
                record = corpus.assistant(
                    text: text, command: corpus.r.pick(["swift build", "git log --oneline -5", "swift test --filter Search", "ls -la Sources", "cat Package.swift"]))
            default:
                record = corpus.toolResult(corpus.toolOutput())
            }
            out += Array(record.utf8)
            out.append(0x0A)
        }
        return out
    }

    mutating func writeSession(index: Int, bytes: Int) throws {
        let id = corpus.r.uuid()
        corpus.session = id
        corpus.clock = 0
        let epoch = 1_750_000_000 + index * 3_600
        let date = Date(timeIntervalSince1970: TimeInterval(epoch))
        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        let folder = root + "/claude/" + f.string(from: date) + "-" + id
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        let topics = SearchBenchmark.topics.filter { corpus.r.chance($0.share) }.map(\.word)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let data = records(bytes: bytes, topics: topics)
        folders.append(folder)
        nextPart.append(1)
        lines.append(0)
        try writePart(data, session: folders.count - 1)
        guard layout == .legacy else { return }
        let meta = """
            {
              "branch" : "main",
              "cwd" : "/home/dev/acme-api",
              "firstTimestamp" : "\(f.string(from: date))",
              "lastTimestamp" : "\(f.string(from: date.addingTimeInterval(3000)))",
              "lineCount" : \(data.filter { $0 == 0x0A }.count),
              "sessionID" : "\(id)",
              "source" : "claude",
              "streams" : { "main" : { "lines" : 0, "parts" : 1, "sourceLines" : 0 } },
              "title" : "session \(index)"
            }

            """
        try Data(meta.utf8).write(to: URL(fileURLWithPath: folder + "/meta.json"))
    }

    /// New parts for existing sessions (as the next commit of a session adds one), ~`totalBytes` in all.
    mutating func appendNewParts(totalBytes: Int, sessions: Int) throws {
        var written = 0
        while written < totalBytes {
            let k = corpus.r.int(0..<folders.count)
            let data = records(bytes: 20_000, topics: ["backpressure"])
            try writePart(data, session: k)
            written += data.count
        }
    }
}

extension BenchRandom: RandomNumberGenerator {}
