import Foundation

/// What post-commit's attribution adds to a commit: two repositories alike in everything but
/// `convo.attribution` (on: the default; off: `false`), each with a Claude Code session of this
/// repository, commit in turn — a second apart, the order alternating run by run — first with 100 KB of
/// new transcript lines holding a Write of 80 code lines that the commit adds (with 5 lines typed by hand),
/// then with nothing new. The sessions start at 1 MB, so the first archive commit fills the written-lines
/// cache (a longer one would be counted by readers while the cache catches up; see the README).
extension HookBenchmark {
    struct AttributionRuns {
        var noopOn: [Double] = []
        var noopOff: [Double] = []
        var linesOn: [Double] = []
        var linesOff: [Double] = []
        /// CPU time of the same commits (git, its hooks and their helpers): steadier than wall time on a shared machine.
        var linesOnCPU: [Double] = []
        var linesOffCPU: [Double] = []
    }

    func attributionCommits() throws -> AttributionRuns {
        let on = try HookBenchEnvironment(convoHook: convoHook, name: "attribution-on")
        let off = try HookBenchEnvironment(convoHook: convoHook, name: "attribution-off")
        var seeds: [UInt64] = [17, 17]
        var transcripts: [String] = []
        for (k, env) in [on, off].enumerated() {
            let transcript = try env.transcriptPath(session: "4c0de000-attribution")
            try env.append(to: transcript, bytes: 1 << 20, seed: &seeds[k])
            try env.run([convoHook, "install"])
            if env === off { try env.run(["git", "config", "convo.attribution", "false"]) }
            try env.run(["git", "commit", "-q", "--allow-empty", "-m", "archive"])
            try env.outlastRacyIndex()
            transcripts.append(transcript)
        }
        var result = AttributionRuns()
        for run in 0...max(10, runs / 2) {
            let order = run % 2 == 0 ? [0, 1] : [1, 0]
            var lines = [0.0, 0.0]
            var cpu = [0.0, 0.0]
            var noop = [0.0, 0.0]
            for k in order {
                let env = k == 0 ? on : off
                usleep(1_000_000)
                try writeCode(run: run, env: env, transcript: transcripts[k], seed: &seeds[k])
                lines[k] = try env.run(["git", "commit", "-q", "-m", "lines \(run)"])
                cpu[k] = env.lastCPU
            }
            for k in order {
                let env = k == 0 ? on : off
                usleep(1_000_000)
                try env.ageWatchedFiles()
                noop[k] = try env.run(["git", "commit", "-q", "--allow-empty", "-m", "noop"])
            }
            guard run > 0 else { continue }  // run 0 warms the page cache and the binaries
            result.linesOn.append(lines[0])
            result.linesOff.append(lines[1])
            result.linesOnCPU.append(cpu[0])
            result.linesOffCPU.append(cpu[1])
            result.noopOn.append(noop[0])
            result.noopOff.append(noop[1])
        }
        // The measured commits did what they claim: counted with attribution on, not counted with it off.
        let counted = try on.output(["git", "notes", "--ref=convo", "show", "HEAD~1"])
        guard counted.contains(#""attribution":{"added":85,"edited":0,"hand":5,"rule":1,"tool":80}"#) else {
            throw BenchError("attribution on: the last commit with lines was not counted as planted: \(counted)")
        }
        guard !(try off.output(["git", "notes", "--ref=convo", "show", "HEAD~1"])).contains(#""attribution":"#) else {
            throw BenchError("attribution off: the note holds a count")
        }
        return result
    }

    /// Appends ~100 KB to the transcript: prose, then a Write of `src/m<run>.swift` (80 lines) and its
    /// result; writes that file with 5 more lines typed by hand and stages it.
    private func writeCode(run: Int, env: HookBenchEnvironment, transcript: String, seed: inout UInt64) throws {
        try env.append(to: transcript, bytes: 96 << 10, seed: &seed)
        let path = "src/m\(run).swift"
        let code = (0..<78).map { "    let value\(run)_\($0) = compute(\(run), \($0)) * scale + offset\($0 % 7)" }
        let content = "func m\(run)() {\n" + code.joined(separator: "\n") + "\n}\n"
        func json(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        let call = try json([
            "type": "assistant", "uuid": "w\(run)", "sessionId": "4c0de000-attribution", "cwd": env.repo, "timestamp": "2026-11-25T10:00:00.000Z",
            "message": [
                "id": "msg_w\(run)", "role": "assistant", "model": "claude-sonnet-4-5",
                "content": [["type": "tool_use", "id": "toolu_w\(run)", "name": "Write", "input": ["file_path": env.repo + "/" + path, "content": content]]],
            ],
        ])
        let answer = try json([
            "type": "user", "uuid": "r\(run)", "sessionId": "4c0de000-attribution", "cwd": env.repo, "timestamp": "2026-11-25T10:00:01.000Z",
            "message": ["role": "user", "content": [["type": "tool_result", "tool_use_id": "toolu_w\(run)", "content": "File created successfully"]]],
        ])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: transcript))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((call + "\n" + answer + "\n").utf8))
        try handle.close()
        let hand = (0..<5).map { "    // checked by hand, step \(run).\($0)" }.joined(separator: "\n")
        try FileManager.default.createDirectory(atPath: env.repo + "/src", withIntermediateDirectories: true)
        // The hand lines go first, so the closing brace's neighbour is the tool's line (the rule for `}`).
        let committed = "func m\(run)() {\n" + hand + "\n" + code.joined(separator: "\n") + "\n}\n"
        try Data(committed.utf8).write(to: URL(fileURLWithPath: env.repo + "/" + path))
        try env.run(["git", "add", path])
    }
}
