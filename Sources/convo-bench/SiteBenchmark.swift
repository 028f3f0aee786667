import Foundation
import HookKit

/// Command-line options of `convo-bench site`.
struct SiteBenchOptions {
    var convoHook = ""
    /// claude-code-log's command (`none` skips the comparison).
    var claudeCodeLog = "claude-code-log"
    var megabytes = 100
    var sessions = 2000
    var realMegabytes = 14
    var realSessions = 9
    var runs = 5
    var seed: UInt64 = 7
    var work = "Benchmarks/work/site"
    var resultsFile: String?
    var keep = false

    init(_ args: [String]) throws {
        try BenchArguments.parse(args) { flag, value in
            switch flag {
            case "--convo-hook": convoHook = try value()
            case "--claude-code-log": claudeCodeLog = try value()
            case "--mb": megabytes = max(1, Int(try value()) ?? megabytes)
            case "--sessions": sessions = max(1, Int(try value()) ?? sessions)
            case "--real-mb": realMegabytes = max(1, Int(try value()) ?? realMegabytes)
            case "--real-sessions": realSessions = max(1, Int(try value()) ?? realSessions)
            case "--runs": runs = max(1, Int(try value()) ?? runs)
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--work": work = try value()
            case "--results": resultsFile = try value()
            case "--keep": keep = true
            default: throw BenchError(description: "unknown option \(flag)")
            }
        }
        guard !convoHook.isEmpty else { throw BenchError(description: "--convo-hook PATH is required") }
    }
}

/// Times `convo-hook export --html` as whole processes (wall time, CPU time, peak RSS):
/// 1. on the search corpus (100 MB, 2,000 sessions, committed): a first export into an empty folder, and a
///    re-run with nothing changed;
/// 2. on 9 Claude Code sessions of real sizes (14 MB together), side by side with claude-code-log on the
///    very same JSONL files (each tool's runs alternate; claude-code-log gets a fresh copy of the folder and a
///    fresh cache database each time, convo-hook a fresh output folder).
struct SiteBenchmark {
    let options: SiteBenchOptions

    struct Sample {
        var seconds: Double
        var cpu: Double
        var peakKiB: Int
    }

    /// The load average (1, 5, 15 min): the machine is shared, and wall times move with it.
    static func load() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }

    func run() throws {
        let loadBefore = SiteBenchmark.load()
        let fm = FileManager.default
        let work = URL(fileURLWithPath: options.work, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).standardizedFileURL.path
        try? fm.removeItem(atPath: work)
        let home = work + "/home"
        try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { if !options.keep { try? fm.removeItem(atPath: work) } }
        let search = SearchBenchmark(options: try SearchBenchOptions([]))

        // 1. The search corpus.
        let corpus = work + "/corpus"
        try fm.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        var generator = ArchiveGenerator(seed: options.seed, root: corpus + "/.claude/conversations")
        let perSession = options.megabytes * 1_000_000 / options.sessions
        for i in 0..<options.sessions { try generator.writeSession(index: i, bytes: perSession) }
        try commit(corpus, search)
        log(String(format: "corpus: %.1f MB in %d sessions", Double(generator.bytesWritten) / 1e6, options.sessions))
        var first: [Sample] = []
        for run in 0...options.runs {
            let out = work + "/corpus-site-\(run)"
            let sample = try measure(options.convoHook, ["export", "--html", "--out", out], in: corpus, home: home)
            if run > 0 { first.append(sample) }  // run 0 warms the page cache
            if run < options.runs { try? fm.removeItem(atPath: out) }
            log("corpus, first export: " + describe(sample))
        }
        let kept = work + "/corpus-site-\(options.runs)"
        let (files, bytes) = size(of: kept)
        var again: [Sample] = []
        for _ in 0..<options.runs {
            again.append(try measure(options.convoHook, ["export", "--html", "--out", kept], in: corpus, home: home))
            log("corpus, re-run: " + describe(again.last!))
        }

        // 2. Real-sized sessions, both tools on the same files.
        let real = work + "/real"
        let input = work + "/real-jsonl"
        try fm.createDirectory(atPath: input, withIntermediateDirectories: true)
        var writer = RealSessionWriter(seed: options.seed + 1)
        let sizes = RealSessionWriter.sizes(total: options.realMegabytes * 1_000_000, count: options.realSessions)
        var realBytes = 0
        var realLines = 0
        for (k, target) in sizes.enumerated() {
            let session = writer.session(bytes: target, index: k)
            realBytes += session.data.count
            realLines += session.lines
            try Data(session.data).write(to: URL(fileURLWithPath: input + "/" + session.id + ".jsonl"))
            let folder = real + "/.claude/conversations/claude/" + session.folder
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let name = ArchivePartName(first: 1, last: session.lines, bytes: session.data, ext: "jsonl").fileName
            try Data(session.data).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        try commit(real, search)
        log(
            String(
                format: "real-sized: %.1f MB in %d sessions (%@ MB), %d lines", Double(realBytes) / 1e6, sizes.count,
                sizes.map { String(format: "%.1f", Double($0) / 1e6) }.joined(separator: ", "), realLines))
        let ccl = options.claudeCodeLog == "none" ? nil : which(options.claudeCodeLog)
        var mine: [Sample] = []
        var theirs: [Sample] = []
        var theirOutput = (files: 0, bytes: 0)
        var myOutput = (files: 0, bytes: 0)
        for run in 0...options.runs {
            let out = work + "/real-site-\(run)"
            let a = try measure(options.convoHook, ["export", "--html", "--out", out], in: real, home: home)
            myOutput = size(of: out)
            try? fm.removeItem(atPath: out)
            if run > 0 { mine.append(a) }
            log("real, convo-hook: " + describe(a))
            guard let ccl else { continue }
            let copy = work + "/ccl-\(run)"
            try fm.copyItem(atPath: input, toPath: copy)
            // Its cache (SQLite) is where it finds the sessions to write one page each: a fresh one per run.
            let b = try measure(ccl, [copy], in: work, home: home, extra: ["CLAUDE_CODE_LOG_CACHE_PATH=" + work + "/ccl-cache-\(run).db"])
            let produced = size(of: copy)
            theirOutput = (produced.files - sizes.count, produced.bytes - realBytes)
            try? fm.removeItem(atPath: copy)
            if run > 0 { theirs.append(b) }
            log("real, claude-code-log: " + describe(b))
        }

        func row(_ label: String, _ xs: [Sample]) -> String {
            guard !xs.isEmpty else { return "| \(label) | — | — | — |" }
            let t = xs.map(\.seconds)
            let c = xs.map(\.cpu)
            let m = xs.map { Double($0.peakKiB) / 1024 }
            return String(
                format: "| %@ | **%.2f s** (%.2f–%.2f) | %.2f s (%.2f–%.2f) | %.0f MiB (%.0f–%.0f) |", label, SearchBenchmark.median(t), t.min()!,
                t.max()!, SearchBenchmark.median(c), c.min()!, c.max()!, SearchBenchmark.median(m), m.min()!, m.max()!)
        }
        var comparison = ""
        if !theirs.isEmpty {
            let speed = SearchBenchmark.median(theirs.map(\.seconds)) / SearchBenchmark.median(mine.map(\.seconds))
            let memory = SearchBenchmark.median(theirs.map { Double($0.peakKiB) }) / SearchBenchmark.median(mine.map { Double($0.peakKiB) })
            let cpu = SearchBenchmark.median(theirs.map(\.cpu)) / SearchBenchmark.median(mine.map(\.cpu))
            comparison = String(
                format: "\nconvo-hook is **%.1f× faster** (wall-time medians; goal ≥ 10×), uses %.1f× less CPU time and peaks at **%.1f× less memory**.\n",
                speed, cpu, memory)
        }
        let report = """
            ## Site

            Measured \(RedactionBenchmark.today()) on \(RedactionBenchmark.cpuModel()) (`nproc` = \(ProcessInfo.processInfo.activeProcessorCount), \
            shared with other builds), `swift build -c release`, Swift \(RedactionBenchmark.swiftVersion()). Whole processes, median of \(options.runs) \
            runs after one warm-up (min–max in parentheses); CPU is user + system time; peak memory is the largest resident set of the \
            process or any process it waited for (`wait4`). Load average when the runs started: \(loadBefore); when they ended: \
            \(SiteBenchmark.load()) (other engineers' builds; CPU times move less than wall times). Generated by `convo-bench site` \
            (`Benchmarks/run-site.sh`).

            **The search corpus** (\(options.megabytes) MB in \(options.sessions) Claude Code–shaped sessions, seed \(options.seed), \
            round-2 parts, committed in one commit): `convo-hook export --html` writes \(files) files, \
            \(String(format: "%.1f", Double(bytes) / 1e6)) MB.

            | run | wall time | CPU | peak memory |
            |---|---|---|---|
            \(row("first export, empty folder", first))
            \(row("re-run, nothing changed (no page rewritten)", again))

            **\(sizes.count) real-sized Claude Code sessions** (\(String(format: "%.1f", Double(realBytes) / 1e6)) MB, \(realLines) lines; \
            sessions of \(sizes.map { String(format: "%.1f", Double($0) / 1e6) }.joined(separator: ", ")) MB: prompts, streamed assistant \
            messages with thinking, text and tool calls, Bash/Read/Edit/Grep results duplicated in `toolUseResult` as Claude Code writes \
            them, a few errors), the same JSONL bytes given to both tools: convo-hook reads them as committed archive parts \
            (`export --html`, \(myOutput.files) files, \(String(format: "%.1f", Double(myOutput.bytes) / 1e6)) MB written); \
            claude-code-log 1.7.0 (PyPI) reads the folder of `<session>.jsonl` files cold (a fresh copy and a fresh cache database \
            each run) and writes its default output for a folder, a combined transcript and a page per session \
            (\(theirOutput.files) files, \(String(format: "%.1f", Double(theirOutput.bytes) / 1e6)) MB written), with its own default \
            parallelism on the 2 cores; convo-hook uses one.

            | tool | wall time | CPU | peak memory |
            |---|---|---|---|
            \(row("convo-hook export --html", mine))
            \(row("claude-code-log DIR", theirs))
            \(comparison)
            What the comparison is and is not: the sessions are generated (`RealSessionWriter`, shaped like Claude Code's records, \
            sized like real ones), not real transcripts. Both tools show every prompt, reply, thinking block, tool call and full \
            result; claude-code-log also renders markdown fully (tables, lists, links) and highlights code, where convo-hook renders \
            a safe subset (paragraphs, fenced code, code spans, bold) and shows the rest as text; claude-code-log writes a combined \
            transcript beside the per-session pages and inlines its stylesheet and scripts in every file (hence its larger output), \
            convo-hook writes one stylesheet and leaves out what Claude Code duplicates (`toolUseResult`, thinking signatures). \
            Most of claude-code-log's time is its own parsing and templating (its CPU time is close to its wall time), not writing.

            Reproduce: `Benchmarks/run-site.sh` (`pip install claude-code-log==1.7.0` first; `--claude-code-log none` skips the comparison).
            """
        print(report)
        if let file = options.resultsFile { try ResultsFile.replaceSection("## Site", with: report, in: file) }
    }

    private func commit(_ repo: String, _ search: SearchBenchmark) throws {
        try search.git(["init", "-q", "-b", "main"], in: repo)
        try search.git(["add", "-A"], in: repo)
        try search.git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "archive"], in: repo)
    }

    /// Files and bytes below `folder`.
    private func size(of folder: String) -> (files: Int, bytes: Int) {
        var files = 0
        var bytes = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + path), attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            files += 1
            bytes += (attributes[.size] as? Int) ?? 0
        }
        return (files, bytes)
    }

    private func which(_ name: String) -> String? {
        if name.contains("/") { return name }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        log("\(name) not found: the comparison is skipped")
        return nil
    }

    /// Runs a command (output discarded) with a private HOME; wall time, CPU time and peak RSS from `wait4`.
    func measure(_ binary: String, _ args: [String], in dir: String, home: String, extra: [String] = []) throws -> Sample {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = ["HOME=" + home, "PATH=" + path, "GIT_CONFIG_NOSYSTEM=1", "LANG=C.UTF-8", "TZ=UTC"] + extra
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(dir)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let t0 = Date()
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, nil, argv, envp) == 0 else { throw BenchError(description: "cannot start \(binary)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(t0)
        guard status == 0 else { throw BenchError(description: "\(binary) \(args.joined(separator: " ")) exited with \(status)") }
        func time(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return Sample(seconds: seconds, cpu: time(usage.ru_utime) + time(usage.ru_stime), peakKiB: usage.ru_maxrss)
    }

    private func describe(_ s: Sample) -> String { String(format: "%.2f s wall, %.2f s CPU, %d MiB", s.seconds, s.cpu, s.peakKiB / 1024) }

    func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}

/// Claude Code sessions shaped as Claude Code 2.x writes them: a prompt, then rounds of one streamed
/// assistant message (thinking, text and a tool call on separate lines under one `message.id`, each with
/// `usage`) and the tool's result (also in `toolUseResult`), then a closing reply.
struct RealSessionWriter {
    var c: CorpusGenerator

    init(seed: UInt64) { c = CorpusGenerator(seed: seed, targetBytes: 0) }

    /// Sizes of real sessions: a few small ones, most around a megabyte, one or two large (sums to `total`).
    static func sizes(total: Int, count: Int) -> [Int] {
        let weights = (0..<count).map { 1.0 + Double($0) * Double($0) / Double(max(1, count - 1)) }
        let sum = weights.reduce(0, +)
        return weights.map { Int(Double(total) * $0 / sum) }
    }

    mutating func session(bytes: Int, index: Int) -> (id: String, folder: String, data: [UInt8], lines: Int) {
        let id = c.r.uuid()
        c.session = id
        c.parent = ""
        c.clock = 36_000 + index * 7_200
        var out: [UInt8] = []
        var lines = 0
        let model = "claude-sonnet-4-5-20250929"
        func add(_ s: String) {
            // The first record has no parent.
            out += (lines == 0 ? s.replacingOccurrences(of: #""parentUuid":"""#, with: #""parentUuid":null"#) : s).utf8
            out.append(0x0A)
            lines += 1
        }
        let folderTime = c.clock
        while out.count < bytes {
            add(c.userPrompt(c.prose(c.r.int(1..<5))))
            for _ in 0..<c.r.int(1..<8) {
                let message = "msg_01" + c.r.string(Alphabet.alnum, 22)
                let tool = "toolu_01" + c.r.string(Alphabet.alnum, 22)
                let usage =
                    #""usage":{"input_tokens":\#(c.r.int(1..<50)),"cache_creation_input_tokens":\#(c.r.int(0..<5000)),"cache_read_input_tokens":\#(c.r.int(1000..<90000)),"output_tokens":\#(c.r.int(10..<900)),"service_tier":"standard"}"#
                func assistant(_ content: String) -> String {
                    "{" + c.header("assistant")
                        + #","message":{"id":"\#(message)","type":"message","role":"assistant","model":"\#(model)","content":[\#(content)],"stop_reason":null,"stop_sequence":null,\#(usage)},"requestId":"req_011C\#(c.r.string(Alphabet.alnum, 20))"}"#
                }
                if c.r.chance(0.6) {
                    add(
                        assistant(
                            #"{"type":"thinking","thinking":"\#(CorpusGenerator.esc(c.prose(c.r.int(2..<8))))","signature":"\#(c.r.string(Alphabet.base64, c.r.int(200..<600)))"}"#)
                    )
                }
                add(assistant(#"{"type":"text","text":"\#(CorpusGenerator.esc(c.prose(c.r.int(1..<5))))"}"#))
                let (call, output) = toolCall()
                add(assistant(#"{"type":"tool_use","id":"\#(tool)",\#(call)}"#))
                let failed = c.r.chance(0.05)
                let e = CorpusGenerator.esc(failed ? "Exit code 1\n" + output : output)
                add(
                    "{" + c.header("user")
                        + #","message":{"role":"user","content":[{"tool_use_id":"\#(tool)","type":"tool_result","content":"\#(e)","is_error":\#(failed)}]},"toolUseResult":{"stdout":"\#(e)","stderr":"","interrupted":false,"isImage":false}}"#
                )
            }
            let message = "msg_01" + c.r.string(Alphabet.alnum, 22)
            add(
                "{" + c.header("assistant")
                    + #","message":{"id":"\#(message)","type":"message","role":"assistant","model":"\#(model)","content":[{"type":"text","text":"\#(CorpusGenerator.esc(c.prose(c.r.int(2..<8))))"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"cache_read_input_tokens":40000,"output_tokens":\#(c.r.int(50..<400))}}}"#
            )
        }
        let stamp = String(format: "20250718-%02d%02d%02d", folderTime / 3600 % 24, folderTime / 60 % 60, folderTime % 60)
        return (id, stamp + "-" + id, out, lines)
    }

    /// A tool call's `name` and `input` members, and what it printed.
    private mutating func toolCall() -> (String, String) {
        let path = "/home/dev/acme-api/Sources/" + c.identifier() + ".swift"
        switch c.r.int(0..<10) {
        case 0..<4:
            let command = c.r.pick(["swift build", "swift test --filter Redact", "git log --oneline -20", "ls -la Sources", "git diff --stat"])
            return (#""name":"Bash","input":{"command":"\#(command)","description":"\#(CorpusGenerator.esc(c.sentence()))"}"#, c.toolOutput())
        case 4..<7:
            return (#""name":"Read","input":{"file_path":"\#(path)"}"#, c.swiftFile(lines: c.r.int(40..<400)))
        case 7..<9:
            let old = CorpusGenerator.esc(c.swiftFile(lines: c.r.int(3..<15)))
            let new = CorpusGenerator.esc(c.swiftFile(lines: c.r.int(3..<20)))
            return (#""name":"Edit","input":{"file_path":"\#(path)","old_string":"\#(old)","new_string":"\#(new)"}"#, "The file \(path) has been updated.")
        default:
            return (#""name":"Grep","input":{"pattern":"\#(c.identifier())","path":"Sources"}"#, c.lsOutput(c.r.int(3..<30)))
        }
    }
}
