import Foundation

/// The hook-path scenarios of the benchmark: no-op commits against their baselines, the stat-only
/// pre-commit, new lines in a growing transcript, `.git` growth, 1,000 sessions and peak memory.
struct HookBenchmark {
    let convoHook: String
    let runs: Int
    let resultsPath: String?
    /// Runs only this scenario (`noop`, `sessions`, `sources`, `newlines`, `attribution`, `growth`, `memory`); nil runs them all.
    let only: String?

    static let scenarios = ["noop", "sessions", "sources", "newlines", "attribution", "growth", "memory"]

    static let commitHooks = ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit"]

    func run() throws {
        var lines: [String] = []
        func report(_ line: String) {
            print(line)
            lines.append(line)
        }
        report("| scenario | median | min | max | target |")
        report("|---|---|---|---|---|")

        // Each scenario starts after the file system has settled from the last one (its scratch folders,
        // thousands of files for 1,000 sessions, are removed as it ends).
        func selected(_ name: String) -> Bool {
            guard only == nil || only == name else { return false }
            sync()
            sleep(2)
            return true
        }
        if selected("noop") {
            let noop = try noOpCommits(sessions: 20, liveTranscripts: 20)
            report(row("commit, no hooks (git alone)", noop.none, target: "baseline"))
            report(row("commit, 4 empty `#!/bin/sh` hooks", noop.empty, target: "floor"))
            report(row("commit, convo-hook installed, nothing new (20 sessions)", noop.installed, target: "≤ 1.05× floor"))
            report("| ratio installed ÷ empty hooks | \(ratio(noop.installed, noop.empty)) | | | ≤ 1.05× |")
            report("| ratio installed ÷ no hooks | \(ratio(noop.installed, noop.none)) | | | — |")
            report(row("pre-commit shim alone, nothing new", noop.shimAlone, target: "≤ 3 ms"))
            report(row("commit -a of a code change, 4 empty hooks", noop.emptyCode, target: "floor"))
            report(row("commit -a of a code change, installed, nothing new (index changed: its archive paths compared)", noop.installedCode, target: "—"))
            report("| ratio code change installed ÷ empty hooks | \(ratio(noop.installedCode, noop.emptyCode)) | | | — |")
        }
        if selected("sessions") {
            // 1,000 sessions archived in the repository, of which the last 20 still have their transcript on
            // this machine (Claude Code deletes transcripts after 30 days; teammates' sessions never had one here).
            let archived = try noOpCommits(sessions: 1000, liveTranscripts: 20)
            report(row("commit, empty hooks, 1,000 archived sessions", archived.empty, target: "floor"))
            report(row("commit, installed, nothing new, 1,000 archived sessions (20 transcripts here)", archived.installed, target: "≤ 1.1× floor"))
            report("| ratio (1,000 archived sessions) installed ÷ empty hooks | \(ratio(archived.installed, archived.empty)) | | | ≤ 1.10× |")
            report(row("pre-commit shim alone, 1,000 archived sessions", archived.shimAlone, target: "≤ 3 ms"))
            // All 1,000 transcripts still on this machine, so the shim stats 1,000 files.
            let live = try noOpCommits(sessions: 1000, liveTranscripts: 1000)
            report(row("commit, installed, nothing new, 1,000 transcripts on this machine", live.installed, target: "≤ 1.10× floor"))
            report(row("commit, empty hooks, 1,000 transcripts on this machine", live.empty, target: "floor"))
            report("| ratio (1,000 transcripts here) installed ÷ empty hooks | \(ratio(live.installed, live.empty)) | | | ≤ 1.10× |")
            report(row("pre-commit shim alone, 1,000 transcripts here", live.shimAlone, target: "—"))
        }
        if selected("sources") {
            let all = try allSourcesCommits(perSource: 3, newLines: true)
            let label = "all nine sources, 3 sessions each here (\(all.watched) watched paths)"
            report(row("commit, 4 empty hooks, \(label)", all.empty, target: "floor"))
            report(row("commit, installed, nothing new, \(label)", all.installed, target: "≤ 1.05× floor"))
            report("| ratio (all nine sources) installed ÷ empty hooks | \(ratio(all.installed, all.empty)) | | | ≤ 1.05× |")
            report(row("pre-commit shim alone, all nine sources", all.shimAlone, target: "≤ 3 ms"))
            report(row("commit after OpenCode wrote a message (its database read by the static helper), added over no-op", all.openCode, target: "—"))
            report(row("commit after Gemini CLI appended a message, added over no-op", all.gemini, target: "—"))
            report(row("start of convo-hook-hook (static, SQLite linked)", all.helperStart, target: "—"))
            report(row("start of convo-hook-changed (static, Glibc only)", all.changedStart, target: "—"))
            report(row("start of convo-hook (libgit2, Foundation)", all.fullStart, target: "—"))
            let many = try allSourcesCommits(perSource: 10, newLines: false)
            let manyLabel = "all nine sources, 10 sessions each here (\(many.watched) watched paths: convo-hook-changed stats them)"
            report(row("commit, 4 empty hooks, \(manyLabel)", many.empty, target: "floor"))
            report(row("commit, installed, nothing new, \(manyLabel)", many.installed, target: "—"))
            report("| ratio (10 sessions per source) installed ÷ empty hooks | \(ratio(many.installed, many.empty)) | | | — |")
        }
        if selected("newlines") {
            for megabytes in [5, 20, 50] {
                let added = try newLinesCommit(transcriptMB: megabytes)
                report(row("commit with 100 KB new lines, \(megabytes) MB transcript (added over no-op)", added, target: "≤ 40 ms"))
            }
        }
        if selected("attribution") {
            let a = try attributionCommits()
            report(row("no-op commit, attribution on", a.noopOn, target: "—"))
            report(row("no-op commit, attribution off (`convo.attribution=false`)", a.noopOff, target: "—"))
            report("| ratio no-op on ÷ off | \(ratio(a.noopOn, a.noopOff)) | | | ≈ 1.00× |")
            report(row("commit with 100 KB new lines (a Write of 80 code lines), attribution on", a.linesOn, target: "—"))
            report(row("the same commit, attribution off", a.linesOff, target: "—"))
            report("| attribution's share: difference of the medians | \(ms(median(a.linesOn) - median(a.linesOff))) | | | small |")
            report("| ratio 100 KB commit on ÷ off | \(ratio(a.linesOn, a.linesOff)) | | | — |")
            report(row("CPU time of that commit (git + hooks), attribution on", a.linesOnCPU, target: "—"))
            report(row("CPU time of that commit, attribution off", a.linesOffCPU, target: "—"))
            report("| attribution's CPU: difference of the medians | \(ms(median(a.linesOnCPU) - median(a.linesOffCPU))) | | | small |")
        }
        if selected("growth") {
            let growth = try gitGrowth()
            report("| `.git` growth, 100 commits of a transcript growing to 10 MB | \(growth.growth / 1024) KiB | | | ≤ 2× gzip |")
            report("| the transcript gzip'd | \(growth.gzip / 1024) KiB | | | |")
            report("| growth ÷ gzip size | \(String(format: "%.2f×", Double(growth.growth) / Double(growth.gzip))) | | | ≤ 2.00× |")
        }
        if selected("memory") {
            let peak = try peakMemory(megabytes: 100)
            report("| peak RSS of the pre-commit hook, 100 MB single-line transcript | \(peak / 1024) MiB | | | bounded |")
        }

        // A partial run prints its rows but never replaces the recorded results.
        if let resultsPath, only == nil { try writeResults(lines, to: resultsPath) }
    }

    // MARK: - Scenarios

    struct NoOp {
        var none: [Double] = []
        var empty: [Double] = []
        var installed: [Double] = []
        var shimAlone: [Double] = []
        /// `git commit -a` of a changed code file: the index changed, so the shim checks its archive paths.
        var emptyCode: [Double] = []
        var installedCode: [Double] = []
    }

    /// The same empty commit with no hooks, empty hooks and convo-hook (nothing new), interleaved, in a
    /// repository with `sessions` archived sessions of which the last `liveTranscripts` still have a transcript.
    private func noOpCommits(sessions: Int, liveTranscripts: Int) throws -> NoOp {
        let env = try HookBenchEnvironment(convoHook: convoHook, name: "noop\(sessions)-\(liveTranscripts)")
        var seed: UInt64 = 7
        for i in 0..<sessions { try env.append(to: env.transcriptPath(session: "session-\(i)"), bytes: 2_000, seed: &seed) }
        try env.run([convoHook, "install"])
        try env.run(["git", "commit", "-q", "--allow-empty", "-m", "archive"])
        for i in 0..<(sessions - liveTranscripts) { try FileManager.default.removeItem(atPath: env.transcriptPath(session: "session-\(i)")) }
        // The removals changed the watched folder: this commit runs the binary, which writes the shorter watch list.
        try env.run(["git", "commit", "-q", "--allow-empty", "-m", "expire"])
        try env.ageWatchedFiles()
        try env.run(["git", "commit", "-q", "--allow-empty", "-m", "settle"])
        try env.outlastRacyIndex()
        let emptyDir = env.root + "/empty-hooks"
        let noneDir = env.root + "/no-hooks"
        try env.emptyHooks(Self.commitHooks, in: emptyDir)
        try FileManager.default.createDirectory(atPath: noneDir, withIntermediateDirectories: true)
        var result = NoOp()
        for _ in 0..<3 { try env.run(["git", "commit", "-q", "--allow-empty", "-m", "warm"]) }
        // An untimed `reset --soft` after each baseline commit puts HEAD back on convo-hook's last commit:
        // each variant commits on the same parent, right after the same git process.
        for _ in 0..<runs {
            result.none.append(try env.run(["git", "-c", "core.hooksPath=\(noneDir)", "commit", "-q", "--allow-empty", "-m", "x"]))
            try env.run(["git", "reset", "-q", "--soft", "HEAD~1"])
            result.empty.append(try env.run(["git", "-c", "core.hooksPath=\(emptyDir)", "commit", "-q", "--allow-empty", "-m", "x"]))
            try env.run(["git", "reset", "-q", "--soft", "HEAD~1"])
            result.installed.append(try env.run(["git", "commit", "-q", "--allow-empty", "-m", "x"]))
            result.shimAlone.append(try env.run([env.repo + "/.git/hooks/pre-commit"]))
        }
        // A code change in every commit, as in real use: `commit -a` writes a new index, whose archive paths
        // the shim compares with the record (`convo-hook-changed --index`). Every commit of a repository with
        // convo-hook runs its hooks, so the measured one follows one of convo-hook's commits (an untimed one
        // after each baseline commit).
        for _ in 0..<runs {
            try env.changeCodeFile()
            result.emptyCode.append(try env.run(["git", "-c", "core.hooksPath=\(emptyDir)", "commit", "-q", "-a", "-m", "x"]))
            try env.changeCodeFile()
            try env.run(["git", "commit", "-q", "-a", "-m", "after a commit without convo-hook's hooks"])
            try env.changeCodeFile()
            result.installedCode.append(try env.run(["git", "commit", "-q", "-a", "-m", "x"]))
        }
        let pending = (try? FileManager.default.attributesOfItem(atPath: env.repo + "/.git/convo-hook/pending"))?[.size] as? Int ?? 0
        guard pending == 0 else {
            throw BenchError("the no-op commit started the binary: the stat-only path was not taken")
        }
        let watching = (try? String(contentsOfFile: env.repo + "/.git/convo-hook/watching", encoding: .utf8)) ?? ""
        guard watching.split(separator: " ").count == 2 else {
            throw BenchError("no watcher answered the no-op commits (watching: '\(watching)')")
        }
        return result
    }

    struct AllSourcesRuns {
        var empty: [Double] = []
        var installed: [Double] = []
        var shimAlone: [Double] = []
        var openCode: [Double] = []
        var gemini: [Double] = []
        var helperStart: [Double] = []
        var changedStart: [Double] = []
        var fullStart: [Double] = []
        /// Paths the pre-commit shim checks.
        var watched = 0
    }

    /// The no-op commit with sessions of all nine built-in sources on the machine (this repository's and other
    /// projects'), nothing new, against four empty hooks, interleaved; then commits after OpenCode or Gemini CLI
    /// wrote a message, each followed by a no-op commit (a second apart, as in `newLinesCommit`); and the start-up
    /// time of the three binaries.
    private func allSourcesCommits(perSource: Int, newLines: Bool) throws -> AllSourcesRuns {
        let env = try HookBenchEnvironment(convoHook: convoHook, name: "sources\(perSource)")
        let sources = AllSources(env: env, perSource: perSource, elsewhere: 20)
        try sources.write()
        try env.run([convoHook, "install"])
        try env.run(["git", "commit", "-q", "--allow-empty", "-m", "archive"])
        let status = try env.output([convoHook, "status"])
        let n = perSource
        guard status.contains("sources: claude \(n), codex \(n), aider 1, gemini \(n), copilot \(n), cursor \(n), opencode \(n), amp \(n), cline \(n)") else {
            throw BenchError("not every source was found: \(status)")
        }
        try env.ageWatchedFiles()
        try env.run(["git", "commit", "-q", "--allow-empty", "-m", "settle"])
        try env.outlastRacyIndex()
        let emptyDir = env.root + "/empty-hooks"
        try env.emptyHooks(Self.commitHooks, in: emptyDir)
        var result = AllSourcesRuns()
        for _ in 0..<3 { try env.run(["git", "commit", "-q", "--allow-empty", "-m", "warm"]) }
        // Every full run saves the capture state: unchanged, it proves no measured commit started a binary.
        let stateFile = env.repo + "/.git/convo-hook/state.json"
        let stateBefore = try FileManager.default.attributesOfItem(atPath: stateFile)[.modificationDate] as? Date
        let bin = URL(fileURLWithPath: convoHook).deletingLastPathComponent().path
        for _ in 0..<runs {
            try env.run(["git", "reset", "-q", "--soft", "HEAD"])  // as in `noOpCommits`: each timed commit after a git process
            result.empty.append(try env.run(["git", "-c", "core.hooksPath=\(emptyDir)", "commit", "-q", "--allow-empty", "-m", "x"]))
            try env.run(["git", "reset", "-q", "--soft", "HEAD~1"])
            result.installed.append(try env.run(["git", "commit", "-q", "--allow-empty", "-m", "x"]))
            result.shimAlone.append(try env.run([env.repo + "/.git/hooks/pre-commit"]))
            result.helperStart.append(try env.run([bin + "/convo-hook-hook", "--start-only"]))
            result.changedStart.append(try env.run([bin + "/convo-hook-changed", "--start-only"], allowFailure: true))
            result.fullStart.append(try env.run([convoHook, "--version"]))
        }
        guard try FileManager.default.attributesOfItem(atPath: stateFile)[.modificationDate] as? Date == stateBefore else {
            throw BenchError("a no-op commit started the binary: the stat-only path was not taken")
        }
        let list = try env.output(["sh", "-c", ". .git/convo-hook/watch; for p do echo \"$p\"; done"])
        result.watched =
            list == "--many\n"
            ? (FileManager.default.contents(atPath: env.repo + "/.git/convo-hook/watch.list").map { $0.filter { $0 == 0 }.count } ?? 0)
            : list.split(separator: "\n").count
        guard newLines else { return result }
        var noop: [Double] = []
        // `--runs 1` checks the scenario works: one warm-up and one measured commit of each kind.
        for run in 0...(runs == 1 ? 1 : max(10, runs / 2)) {
            for (k, write) in [sources.openCodeMessage, sources.geminiMessage].enumerated() {
                usleep(1_000_000)
                try write(run)
                let with = try env.run(["git", "commit", "-q", "--allow-empty", "-m", "new"])
                usleep(1_000_000)
                try env.ageWatchedFiles()
                let nothing = try env.run(["git", "commit", "-q", "--allow-empty", "-m", "noop"])
                guard run > 0 else { continue }  // run 0 warms the caches
                if k == 0 { result.openCode.append(with) } else { result.gemini.append(with) }
                noop.append(nothing)
            }
        }
        let base = median(noop)
        result.openCode = result.openCode.map { $0 - base }
        result.gemini = result.gemini.map { $0 - base }
        return result
    }

    /// Time added by a commit that archives 100 KB of new lines, for a transcript of the given size. Each
    /// run appends 100 KB and commits, then ages the watched files and commits with nothing new: the two
    /// alternate, so a disturbance on this shared machine lands on both sides, and start a second apart as
    /// a user's commits do (a commit in the same second as the last one would re-hash every part written
    /// in that second: git's racy-index check). Returns each run's time minus the median no-op commit.
    private func newLinesCommit(transcriptMB: Int) throws -> [Double] {
        let env = try HookBenchEnvironment(convoHook: convoHook, name: "grow\(transcriptMB)")
        var seed: UInt64 = 11
        let transcript = try env.transcriptPath(session: "big")
        try env.append(to: transcript, bytes: transcriptMB << 20, seed: &seed)
        try env.run([convoHook, "install"])
        try env.run(["git", "commit", "-q", "--allow-empty", "-m", "archive"])
        try env.outlastRacyIndex()
        var with: [Double] = []
        var noop: [Double] = []
        for run in 0...max(10, runs / 2) {
            usleep(1_000_000)
            try env.append(to: transcript, bytes: 100 << 10, seed: &seed)
            let lines = try env.run(["git", "commit", "-q", "--allow-empty", "-m", "lines"])
            usleep(1_000_000)
            try env.ageWatchedFiles()
            let nothing = try env.run(["git", "commit", "-q", "--allow-empty", "-m", "noop"])
            // Run 0 warms the page cache and the binaries.
            if run > 0 {
                with.append(lines)
                noop.append(nothing)
            }
        }
        let base = median(noop)
        if ProcessInfo.processInfo.environment["CONVO_BENCH_VERBOSE"] != nil {
            print("  \(transcriptMB) MB: no-op \(ms(base)), with 100 KB \(ms(median(with)))")
        }
        return with.map { $0 - base }
    }

    /// `.git` growth over 100 commits of a transcript growing to 10 MB, before `git gc`, and its gzip size.
    private func gitGrowth() throws -> (growth: UInt64, gzip: UInt64) {
        let env = try HookBenchEnvironment(convoHook: convoHook, name: "growth")
        var seed: UInt64 = 13
        let transcript = try env.transcriptPath(session: "growing")
        try env.run([convoHook, "install"])
        let before = HookBenchEnvironment.size(of: env.repo + "/.git")
        for _ in 0..<100 {
            try env.append(to: transcript, bytes: 100 << 10, seed: &seed)
            try env.run(["git", "commit", "-q", "--allow-empty", "-m", "step"])
        }
        let growth = HookBenchEnvironment.size(of: env.repo + "/.git") - before
        let gzip = try env.output(["sh", "-c", "gzip -c '\(transcript)' | wc -c"])
        return (growth, UInt64(gzip.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1)
    }

    /// Peak resident memory (KiB) of the pre-commit hook archiving one 100 MB line.
    private func peakMemory(megabytes: Int) throws -> UInt64 {
        let env = try HookBenchEnvironment(convoHook: convoHook, name: "memory")
        let transcript = try env.transcriptPath(session: "oneline")
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: (megabytes << 20) / 27)
        try Data("{\"type\":\"user\",\"cwd\":\"\(env.repo)\",\"message\":{\"role\":\"user\",\"content\":\"\(filler)\"}}\n".utf8)
            .write(to: URL(fileURLWithPath: transcript))
        try env.run(["git", "config", "convo.partBytes", "4m"])
        let report = env.root + "/time.txt"
        try env.run(["/usr/bin/time", "-o", report, "-f", "%M", convoHook, "hook", "pre-commit"])
        return UInt64(try String(contentsOfFile: report, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    // MARK: - Reporting

    func row(_ name: String, _ samples: [Double], target: String) -> String {
        let s = samples.sorted()
        return "| \(name) | \(ms(s[s.count / 2])) | \(ms(s.first!)) | \(ms(s.last!)) | \(target) |"
    }

    func ratio(_ a: [Double], _ b: [Double]) -> String {
        String(format: "%.2f×", median(a) / median(b))
    }

    func median(_ samples: [Double]) -> Double { samples.sorted()[samples.count / 2] }

    func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }

    private func writeResults(_ rows: [String], to path: String) throws {
        let cpu = RedactionBenchmark.cpuModel()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let section =
            "## Hooks\n\n\(formatter.string(from: Date())), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu); "
            + "\(runs) interleaved runs per commit variant, release build, wall time of whole processes.\n\n"
            + rows.joined(separator: "\n") + "\n"
        try ResultsFile.replaceSection("## Hooks", with: section, in: path)
    }
}
