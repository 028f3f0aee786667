import Foundation
import HookKit

/// Command-line options of `convo-bench readers`.
struct ReaderBenchOptions {
    var convoHook = ""
    /// An older build to compare with (it needs `--layout legacy` when it predates round-2 parts).
    var baseline: String?
    var megabytes = 100
    var sessions = 2000
    var bigMegabytes = 4
    var runs = 7
    var seed: UInt64 = 7
    var layout = ArchiveGenerator.Layout.parts
    var work = "Benchmarks/work/readers"
    var resultsFile: String?
    var keep = false

    init(_ args: [String]) throws {
        try BenchArguments.parse(args) { flag, value in
            switch flag {
            case "--convo-hook": convoHook = try value()
            case "--baseline": baseline = try value()
            case "--mb": megabytes = max(1, Int(try value()) ?? megabytes)
            case "--sessions": sessions = max(1, Int(try value()) ?? sessions)
            case "--big-mb": bigMegabytes = max(1, Int(try value()) ?? bigMegabytes)
            case "--runs": runs = max(1, Int(try value()) ?? runs)
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--layout":
                guard let l = ArchiveGenerator.Layout(rawValue: try value()) else { throw BenchError(description: "--layout takes parts or legacy") }
                layout = l
            case "--work": work = try value()
            case "--results": resultsFile = try value()
            case "--keep": keep = true
            default: throw BenchError(description: "unknown option \(flag)")
            }
        }
        guard !convoHook.isEmpty else { throw BenchError(description: "--convo-hook PATH is required") }
    }
}

/// Times every reading command as a user runs it (whole processes) on the search corpus plus one big session:
/// `log`, `show` (big and small, markdown and JSONL), `export` of the big session, `stats`, and warm searches.
/// With `--baseline`, the same commands of another build alternate with these, run for run, each build in
/// its own worktree of the same commit (so their caches and indexes never mix).
struct ReaderBenchmark {
    let options: ReaderBenchOptions

    func run() throws {
        let fm = FileManager.default
        let work = URL(fileURLWithPath: options.work, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).standardizedFileURL.path
        let repo = work + "/repo"
        let other = work + "/baseline"
        let home = work + "/home"
        try? fm.removeItem(atPath: work)
        try fm.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { if !options.keep { try? fm.removeItem(atPath: work) } }
        let search = SearchBenchmark(options: try SearchBenchOptions([]))

        var generator = ArchiveGenerator(seed: options.seed, root: repo + "/.claude/conversations", layout: options.layout)
        let perSession = options.megabytes * 1_000_000 / options.sessions
        for i in 0..<options.sessions { try generator.writeSession(index: i, bytes: perSession) }
        try generator.writeSession(index: options.sessions, bytes: options.bigMegabytes * 1_000_000)
        // Session ids (the folder name after its stamp): what every build's `show` takes.
        let big = String(URL(fileURLWithPath: generator.folders.last!).lastPathComponent.dropFirst(16))
        let small = String(URL(fileURLWithPath: generator.folders[options.sessions / 2]).lastPathComponent.dropFirst(16))
        let bigLines = generator.lines.last!
        try search.git(["init", "-q", "-b", "main"], in: repo)
        try search.git(["add", "-A"], in: repo)
        try search.git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "archive"], in: repo)
        if options.baseline != nil { try search.git(["worktree", "add", "-q", other, "HEAD"], in: repo) }
        log(
            String(
                format: "archive: %.1f MB in %d sessions + one of %.1f MB (%d lines), %@ layout", Double(generator.bytesWritten) / 1e6,
                options.sessions, Double(options.bigMegabytes), bigLines, options.layout.rawValue))

        let queries = ["memoization", "refactor cache", "debounce AND queue", "parse*", "why did we pick sharding"]
        var commands: [(label: String, args: [String])] = [
            ("log", ["log"]), ("log --json", ["log", "--json"]),
            ("show, \(options.bigMegabytes) MB session", ["show", big]), ("show, one session of the corpus", ["show", small]),
            ("show --format jsonl, \(options.bigMegabytes) MB session", ["show", big, "--format", "jsonl"]),
            ("export --session, \(options.bigMegabytes) MB session", ["export", "--session", big, "--out", work + "/kb-SIDE"]),
        ]
        commands += queries.map { ("search \($0)", ["search", $0]) }
        commands += [("stats --by model", ["stats", "--by", "model"]), ("stats --by commit", ["stats", "--by", "commit"])]

        // First runs: derived data built (facts cache, search index), each timed once.
        var once: [String] = []
        for (name, dir, binary) in sides(repo: repo, other: other) {
            let t0 = Date()
            _ = try? Self.runProcess(binary, ["log"], in: dir, home: home)
            let facts = Date().timeIntervalSince(t0)
            let t1 = Date()
            _ = try? Self.runProcess(binary, ["search", "memoization"], in: dir, home: home)
            let index = Date().timeIntervalSince(t1)
            once.append("| \(name): first `log` (reads every session) | \(String(format: "%.2f s", facts)) |")
            once.append("| \(name): first `search` (builds the index) | \(String(format: "%.2f s", index)) |")
            log(String(format: "%@: first log %.2f s, first search %.2f s", name, facts, index))
        }

        var rows: [String] = []
        var worst = 0.0
        for command in commands {
            var times: [String: [Double]] = [:]
            for run in 0..<(options.runs + 1) {
                for (name, dir, binary) in sides(repo: repo, other: other) where name == "after" || !command.label.hasPrefix("stats") {
                    let args = command.args.map { $0.replacingOccurrences(of: "SIDE", with: name) }
                    let t0 = Date()
                    guard (try? Self.runProcess(binary, args, in: dir, home: home)) == 0 else {
                        throw BenchError(description: "\(name): convo-hook \(args.joined(separator: " ")) failed")
                    }
                    if run > 0 { times[name, default: []].append(Date().timeIntervalSince(t0)) }  // run 0 warms up
                }
            }
            func cell(_ xs: [Double]?) -> String {
                guard let xs, !xs.isEmpty else { return "—" }
                return String(format: "%.1f ms (%.1f–%.1f)", SearchBenchmark.median(xs) * 1000, (xs.min() ?? 0) * 1000, (xs.max() ?? 0) * 1000)
            }
            let after = SearchBenchmark.median(times["after"] ?? [])
            if let before = times["before"], command.label.hasPrefix("stats") == false {
                let ratio = after / SearchBenchmark.median(before)
                // A question in plain words: the earlier build requires every word (stop words too) and finds
                // nothing; its time is no baseline for an answer.
                let question = command.label.contains("why did we")
                if !question { worst = max(worst, ratio) }
                rows.append(
                    "| `\(command.label)` | \(cell(before))\(question ? " (finds nothing)" : "") | \(cell(times["after"])) | \(String(format: "%.2f×", ratio))\(question ? " (new behaviour)" : "") |"
                )
            } else {
                rows.append("| `\(command.label)` | \(cell(times["before"])) | \(cell(times["after"])) | |")
            }
            log("\(command.label): " + rows.last!)
        }

        let heading = options.baseline == nil ? "## Readers" : "## Readers against an earlier build"
        let report = """
            \(heading)

            Measured \(RedactionBenchmark.today()) on \(RedactionBenchmark.cpuModel()) (`nproc` = \(ProcessInfo.processInfo.activeProcessorCount), \
            shared with other builds), `swift build -c release`. Whole `convo-hook` processes, median of \(options.runs) runs after one \
            warm-up (min–max in parentheses)\(options.baseline == nil ? "" : ", the two builds alternating run for run, each in its own worktree of the same commit").
            Archive: the search corpus (\(options.megabytes) MB in \(options.sessions) sessions, seed \(options.seed)) plus one session of \
            \(options.bigMegabytes) MB (\(bigLines) lines), \(options.layout == .parts ? "round-2 parts named by line range" : "round-1 `0001.jsonl` + `meta.json`"), \
            committed. Generated by `convo-bench readers` (`Benchmarks/run-readers.sh`).

            | derived data, built once | time |
            |---|---|
            \(once.joined(separator: "\n"))

            | command | before | after | after ÷ before |
            |---|---|---|---|
            \(rows.joined(separator: "\n"))
            \(options.baseline == nil ? "" : String(format: "\nLargest ratio after ÷ before, commands that existed before: **%.2f×** (target ≤ 1.2×).\n", worst))
            """
        print(report)
        if let file = options.resultsFile { try ResultsFile.replaceSection(heading, with: report, in: file) }
    }

    /// (name, worktree, binary) of each build timed.
    func sides(repo: String, other: String) -> [(String, String, String)] {
        var out: [(String, String, String)] = []
        if let baseline = options.baseline { out.append(("before", other, baseline)) }
        out.append(("after", repo, options.convoHook))
        return out
    }

    /// Runs a command with a private HOME, output discarded; returns its exit status. Spawned directly
    /// (posix_spawn and waitpid: Foundation's Process rounds its wait to tens of milliseconds).
    static func runProcess(_ binary: String, _ args: [String], in dir: String, home: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        let environment: [String] = ["HOME=" + home, "PATH=/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM=1", "LANG=C.UTF-8"]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(dir)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, nil, argv, envp) == 0 else { throw BenchError(description: "cannot start \(binary)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}
