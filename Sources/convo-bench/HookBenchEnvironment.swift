import Foundation

/// A scratch repository with a fake HOME, convo-hook on PATH and helpers to time whole commands.
final class HookBenchEnvironment {
    let root: String
    let repo: String
    let home: String
    let environment: [String: String]
    /// User + system CPU time (ms) of the last command `run` timed, its waited-for descendants included.
    private(set) var lastCPU = 0.0

    init(convoHook: String, name: String) throws {
        root = NSTemporaryDirectory() + "convo-bench-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        repo = root + "/repo"
        home = root + "/home"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
        try "[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n"
            .write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
        var environment = [
            "HOME": home, "GIT_CONFIG_GLOBAL": home + "/.gitconfig", "GIT_CONFIG_NOSYSTEM": "1",
            "CLAUDE_CONFIG_DIR": home + "/.claude", "CODEX_HOME": home + "/.codex", "LANG": "C.UTF-8",
            "PATH": URL(fileURLWithPath: convoHook).deletingLastPathComponent().path + ":/usr/bin:/bin",
        ]
        // Profiling a run: git's own timing of every hook (GIT_TRACE2_PERF=/path) passes through.
        if let trace = ProcessInfo.processInfo.environment["GIT_TRACE2_PERF"] { environment["GIT_TRACE2_PERF"] = trace }
        self.environment = environment
        try run(["git", "init", "-q"])
        for i in 0..<200 { try "file \(i)\n".write(toFile: repo + "/f\(i).txt", atomically: false, encoding: .utf8) }
        try run(["git", "add", "-A"])
        try run(["git", "commit", "-q", "-m", "init"])
    }

    deinit {
        if ProcessInfo.processInfo.environment["CONVO_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Runs a command in the repository; throws when it fails. Returns the wall time in milliseconds.
    /// Spawned directly (posix_spawn, no shell, no Foundation.Process) so the baseline carries no extra cost.
    @discardableResult
    func run(_ arguments: [String], in directory: String? = nil, allowFailure: Bool = false) throws -> Double {
        let executable = arguments[0].hasPrefix("/") ? arguments[0] : try resolve(arguments[0])
        let errorFile = root + "/stderr.txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(directory ?? repo)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { throw BenchError("cannot start \(executable)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        // The child's CPU time includes that of the processes it waited for (git: its hooks and their helpers).
        lastCPU = (Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3)
        guard status == 0 || allowFailure else {
            let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
            throw BenchError("\(arguments.joined(separator: " ")) failed (\(status)): \(message)")
        }
        return elapsed
    }

    private func resolve(_ name: String) throws -> String {
        for dir in (environment["PATH"] ?? "").split(separator: ":") where access("\(dir)/\(name)", X_OK) == 0 {
            return "\(dir)/\(name)"
        }
        throw BenchError("\(name) is not on PATH")
    }

    /// What a command printed on stdout.
    func output(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repo)
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A Claude Code transcript for this repository: `<session>.jsonl` in the encoded project folder.
    func transcriptPath(session: String) throws -> String {
        let encoded = String(repo.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        let folder = home + "/.claude/projects/" + encoded
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/" + session + ".jsonl"
    }

    /// Appends about `bytes` of realistic, roughly 3×-compressible transcript lines.
    func append(to path: String, bytes: Int, seed: inout UInt64) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        var chunk = Data()
        while chunk.count < bytes {
            chunk.append(Data(TranscriptLine.make(cwd: repo, seed: &seed).utf8))
        }
        try handle.write(contentsOf: chunk)
    }

    /// Dates every file the pre-commit shim stats in the past, as if the last commit was a while ago.
    /// Changes the tracked code file `code.txt` (created and committed on first use).
    func changeCodeFile() throws {
        let path = repo + "/code.txt"
        let isNew = !FileManager.default.fileExists(atPath: path)
        try Data(UUID().uuidString.utf8).write(to: URL(fileURLWithPath: path))
        if isNew {
            try run(["git", "add", "code.txt"])
            try run(["git", "commit", "-q", "--no-verify", "-m", "code"])
            try Data(UUID().uuidString.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    func ageWatchedFiles() throws {
        let state = repo + "/.git/convo-hook"
        var watch = try output(["sh", "-c", ". .git/convo-hook/watch; for p do echo \"$p\"; done"]).split(separator: "\n").map(String.init)
        if watch == ["--many"], let list = FileManager.default.contents(atPath: state + "/watch.list") {
            watch = String(decoding: list, as: UTF8.self).split(separator: "\0").map(String.init)
        }
        let past = Date().addingTimeInterval(-120)
        for path in watch where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: String(path))
        }
    }

    /// Waits until git's index was written in an earlier second than now, then commits once untimed.
    /// Files written in the same second as the index are "racily clean": until the clock moves on, every
    /// commit re-hashes them (megabytes right after an archive commit), which no later commit pays.
    func outlastRacyIndex() throws {
        usleep(1_100_000)
        try run(["git", "commit", "-q", "--allow-empty", "-m", "after the racy second"])
    }

    /// Writes empty `#!/bin/sh` hooks into `folder` for the given hook names.
    func emptyHooks(_ names: [String], in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in names {
            try "#!/bin/sh\n".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/" + name)
        }
    }

    /// Total bytes of the files below `path`.
    static func size(of path: String) -> UInt64 {
        let paths = FileManager.default.subpaths(atPath: path) ?? []
        return paths.reduce(0) { total, sub in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + sub)
            return total + ((attributes?[.type] as? FileAttributeType) == .typeRegular ? (attributes?[.size] as? UInt64 ?? 0) : 0)
        }
    }
}

extension BenchError {
    init(_ description: String) { self.init(description: description) }
}

/// Claude Code-shaped records with varied prose, so that compression behaves like real transcripts.
enum TranscriptLine {
    static let words = [
        "the", "parser", "cache", "request", "handler", "returns", "error", "value", "config", "file",
        "test", "build", "swift", "index", "commit", "branch", "session", "token", "field", "struct",
        "function", "because", "should", "update", "read", "write", "line", "offset", "state", "hook",
    ]

    static func make(cwd: String, seed: inout UInt64) -> String {
        var text = ""
        let count = 20 + Int(next(&seed) % 120)
        for i in 0..<count {
            if i > 0 { text += " " }
            text += words[Int(next(&seed) % UInt64(words.count))]
            if next(&seed) % 9 == 0 { text += String(next(&seed) % 100_000) }
        }
        let role = next(&seed) % 2 == 0 ? "user" : "assistant"
        let id = String(next(&seed), radix: 16)
        return
            "{\"type\":\"\(role)\",\"uuid\":\"\(id)\",\"cwd\":\"\(cwd)\",\"timestamp\":\"2026-11-25T10:00:00.000Z\",\"message\":{\"role\":\"\(role)\",\"content\":\"\(text)\"}}\n"
    }

    static func next(_ state: inout UInt64) -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
