import Foundation
import HookKit

/// Command-line options of `convo-bench why`.
struct WhyBenchOptions {
    var convoHook = ""
    /// Archived sessions in all (the file's own sessions included) and their total size.
    var sessions = 1000
    var megabytes = 50
    /// Lines of the traced file, written `linesPerCommit` at a time by one session's Edit each.
    var lines = 2000
    var linesPerCommit = 20
    var runs = 5
    var seed: UInt64 = 19
    var work = "Benchmarks/work/why"
    var resultsFile: String?
    var keep = false

    init(_ args: [String]) throws {
        try BenchArguments.parse(args) { flag, value in
            switch flag {
            case "--convo-hook": convoHook = try value()
            case "--sessions": sessions = max(1, Int(try value()) ?? sessions)
            case "--mb": megabytes = max(1, Int(try value()) ?? megabytes)
            // The range row asks for 40 lines somewhere in the file.
            case "--lines": lines = max(100, Int(try value()) ?? lines)
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

/// `convo-hook why` on a file of `lines` lines built by `lines / linesPerCommit` commits, each carrying the
/// session whose Edit wrote its lines (trailer and note as the hooks write them), in a repository whose
/// archive holds `sessions` sessions; one commit in ten also changes two earlier lines by hand (why follows
/// them back to the tool's version) and adds one line by hand. Times the whole file and single lines as
/// whole processes.
struct WhyBenchmark {
    let options: WhyBenchOptions

    func run() throws {
        let fm = FileManager.default
        let work = URL(fileURLWithPath: options.work, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).standardizedFileURL.path
        let repo = work + "/repo"
        let home = work + "/home"
        try? fm.removeItem(atPath: work)
        try fm.createDirectory(atPath: repo + "/src", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { if !options.keep { try? fm.removeItem(atPath: work) } }

        let commits = options.lines / options.linesPerCommit
        let filler = max(0, options.sessions - commits)
        var generator = ArchiveGenerator(seed: options.seed, root: repo + "/.claude/conversations")
        let perSession = options.megabytes * 1_000_000 / max(1, options.sessions)
        for i in 0..<filler { try generator.writeSession(index: i, bytes: perSession) }
        try git(["init", "-q", "-b", "main"], in: repo, home: home)
        try git(["add", "-A"], in: repo, home: home)
        try git(["commit", "-q", "--allow-empty", "-m", "archive"], in: repo, home: home, date: "2025-06-01T00:00:00Z")

        var r = BenchRandom(seed: options.seed)
        var file: [String] = []
        var planted = (tool: 0, hand: 0, edited: 0)
        for k in 0..<commits {
            let id = r.uuid()
            let start = 1_750_000_000 + (filler + k) * 3_600
            let stamp = WhyBenchmark.iso(start)
            let folder = ".claude/conversations/claude/" + WhyBenchmark.folderStamp(start) + "-" + id
            try fm.createDirectory(atPath: repo + "/" + folder, withIntermediateDirectories: true)
            // The session's Edit inserts a function after a line the file has (or writes the first one).
            let function = WhyBenchmark.function(k, lines: options.linesPerCommit)
            let at = file.isEmpty ? 0 : r.int(0..<(file.count + 1))
            let anchor = at > 0 ? file[at - 1] : nil
            var records: [String] = [
                WhyBenchmark.record(
                    "user", session: id, time: stamp, message: ["role": "user", "content": "Add function f\(k) that sums the first \(k) squares"]),
                WhyBenchmark.record(
                    "assistant", session: id, time: WhyBenchmark.iso(start + 30),
                    message: [
                        "id": "msg_\(k)", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                        "content": [
                            ["type": "thinking", "thinking": "A loop over 0..<\(k) is enough for f\(k)."],
                            ["type": "text", "text": "I'll add f\(k) to src/big.swift."],
                            [
                                "type": "tool_use", "id": "toolu_\(k)", "name": anchor == nil ? "Write" : "Edit",
                                "input": anchor.map {
                                    ["file_path": "/home/dev/acme-api/src/big.swift", "old_string": $0 + "\n", "new_string": $0 + "\n" + function.joined(separator: "\n") + "\n"]
                                } ?? ["file_path": "/home/dev/acme-api/src/big.swift", "content": function.joined(separator: "\n") + "\n"],
                            ],
                        ],
                        "usage": ["input_tokens": 10, "output_tokens": 200],
                    ]),
                WhyBenchmark.record(
                    "user", session: id, time: WhyBenchmark.iso(start + 31),
                    message: ["role": "user", "content": [["type": "tool_result", "tool_use_id": "toolu_\(k)", "content": "The file was updated."]]]),
            ]
            records += String(decoding: generator.records(bytes: perSession, topics: []), as: UTF8.self).split(separator: "\n").map(String.init)
            let part = Array((records.joined(separator: "\n") + "\n").utf8)
            let name = ArchivePartName(first: 1, last: records.count, bytes: part, ext: "jsonl").fileName
            try Data(part).write(to: URL(fileURLWithPath: repo + "/" + folder + "/" + name))
            file.insert(contentsOf: function, at: at)
            planted.tool += function.count
            if k % 10 == 9 {
                // By hand: two earlier tool lines get a small change, one line is added.
                for _ in 0..<2 {
                    let i = r.int(0..<file.count)
                    if file[i].contains("* 3") {
                        file[i] = file[i].replacingOccurrences(of: "* 3", with: "* 4")
                        planted.edited += 1
                        planted.tool -= 1
                    }
                }
                file.insert("    // reviewed by hand in step \(k)", at: r.int(0..<(file.count + 1)))
                planted.hand += 1
            }
            try (file.joined(separator: "\n") + "\n").write(toFile: repo + "/src/big.swift", atomically: true, encoding: .utf8)
            let date = WhyBenchmark.iso(start + 600)
            try git(["add", "-A"], in: repo, home: home)
            try git(["commit", "-q", "-m", "f\(k)\n\nConversation: claude/\(id)"], in: repo, home: home, date: date)
            let note = "{\"sessions\":[{\"folder\":\"\(folder)\",\"lines\":[{\"first\":1,\"last\":\(records.count),\"stream\":\"main\"}],\"session\":\"claude/\(id)\"}]}"
            try git(["notes", "--ref=convo", "add", "-f", "-m", note, "HEAD"], in: repo, home: home)
        }
        let fileLines = file.count
        log("repository: \(options.sessions) sessions (\(Double(generator.bytesWritten) / 1e6) MB of filler), src/big.swift \(fileLines) lines in \(commits) commits")

        // Sanity: what why finds against what was planted.
        let json = try output(options.convoHook, ["why", "src/big.swift", "--json"], in: repo, home: home)
        let counts = (try JSONSerialization.jsonObject(with: json) as? [String: Any])?["counts"] as? [String: Int] ?? [:]
        log("why found: \(counts); planted: tool \(planted.tool), edited \(planted.edited), hand \(planted.hand)")

        var whole: [Double] = []
        var wholeJSON: [Double] = []
        var single: [Double] = []
        var range: [Double] = []
        for _ in 0..<options.runs {
            whole.append(try time(["why", "src/big.swift"], in: repo, home: home))
            wholeJSON.append(try time(["why", "src/big.swift", "--json"], in: repo, home: home))
            let line = r.int(1..<(fileLines + 1))
            single.append(try time(["why", "src/big.swift:\(line)"], in: repo, home: home))
            let first = r.int(1..<(fileLines - 40))
            range.append(try time(["why", "src/big.swift:\(first),\(first + 39)"], in: repo, home: home))
        }
        func cell(_ xs: [Double]) -> String {
            let s = xs.sorted()
            return String(format: "%.0f ms (%.0f–%.0f)", s[s.count / 2] * 1000, s[0] * 1000, s[s.count - 1] * 1000)
        }
        let machine = ProcessInfo.processInfo.activeProcessorCount
        let report = """
            ## why

            Measured \(RedactionBenchmark.today()) on \(RedactionBenchmark.cpuModel()) (`nproc` = \(machine), shared with other builds), `swift build -c release`. Whole `convo-hook` processes, median of \(options.runs) runs (min–max).
            Repository: \(options.sessions) archived sessions (\(String(format: "%.0f", Double(generator.bytesWritten + commits * perSession) / 1e6)) MB), `src/big.swift` of \(fileLines) lines built by \(commits) commits, each carrying the session whose `Edit` wrote its \(options.linesPerCommit) lines (trailer and note as the hooks write them); one commit in ten also changes two earlier lines by hand and adds one. Generated by `convo-bench why` (`Benchmarks/run-why.sh`).

            | `convo-hook why` | time |
            |---|---|
            | whole file (\(fileLines) lines) | **\(cell(whole))** |
            | whole file, `--json` | \(cell(wholeJSON)) |
            | one line | \(cell(single)) |
            | 40 lines | \(cell(range)) |

            Goal: the whole file under 1 s. What why found: \(counts["tool"] ?? 0) lines written by tool calls, \(counts["edited"] ?? 0) edited after, \(counts["hand"] ?? 0) by hand (planted: \(planted.tool), \(planted.edited), \(planted.hand)).
            """
        print(report)
        if let file = options.resultsFile { try ResultsFile.replaceSection("## why", with: report, in: file) }
    }

    /// A function of `lines` lines, unique to step `k`.
    static func function(_ k: Int, lines: Int) -> [String] {
        var out = ["func f\(k)() -> Int {", "    var total\(k) = 0"]
        var i = 0
        while out.count < lines - 2 {
            out.append("    total\(k) += \(i) * 3 + \(k % 7)  // term \(i) of f\(k)")
            i += 1
        }
        out += ["    return total\(k)", "}"]
        return out
    }

    static func record(_ type: String, session: String, time: String, message: [String: Any]) -> String {
        let object: [String: Any] = [
            "type": type, "sessionId": session, "cwd": "/home/dev/acme-api", "gitBranch": "main", "timestamp": time, "uuid": UUID().uuidString, "message": message,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func iso(_ epoch: Int) -> String {
        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    static func folderStamp(_ epoch: Int) -> String {
        let f = DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    private func environment(home: String, date: String?) -> [String: String] {
        var env = ["HOME": home, "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8", "TZ": "UTC"]
        env["GIT_AUTHOR_NAME"] = "bench"
        env["GIT_AUTHOR_EMAIL"] = "bench@example.com"
        env["GIT_COMMITTER_NAME"] = "bench"
        env["GIT_COMMITTER_EMAIL"] = "bench@example.com"
        if let date {
            env["GIT_AUTHOR_DATE"] = date
            env["GIT_COMMITTER_DATE"] = date
        }
        return env
    }

    private func git(_ args: [String], in dir: String, home: String, date: String? = nil) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = environment(home: home, date: date)
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError(description: "git \(args.joined(separator: " ")) failed") }
    }

    private func output(_ binary: String, _ args: [String], in dir: String, home: String) throws -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = environment(home: home, date: nil)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    /// Wall time of one whole process, output discarded.
    private func time(_ args: [String], in dir: String, home: String) throws -> Double {
        let start = Date()
        let status = try ReaderBenchmark.runProcess(options.convoHook, args, in: dir, home: home)
        guard status == 0 else { throw BenchError(description: "convo-hook \(args.joined(separator: " ")) exited \(status)") }
        return Date().timeIntervalSince(start)
    }

    private func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}
