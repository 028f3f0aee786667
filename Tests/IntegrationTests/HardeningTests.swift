import Foundation
import TestSupport
import Testing

/// Faults and concurrency: nothing is lost, duplicated or half-written, and git never stops working.
@Suite struct HardeningTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        try repo.write("README", "base\n")
        try repo.gitOK("add", "README")
        try repo.gitOK("commit", "-qm", "base")
        #expect(try repo.convoHook("install").status == 0)
    }

    private func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = repo.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Every archived line of the session, in archive order, as the JSONL `show` reassembles.
    private func archivedLines(_ session: String) throws -> [String] {
        let result = try repo.convoHook("show", session, "--format", "jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func twoWorktreesCommittingAtTheSameMoment() throws {
        var sessions: [ClaudeTranscript] = []
        var trees: [String] = []
        for name in ["wt1", "wt2"] {
            let tree = repo.root + "/" + name
            try repo.gitOK("worktree", "add", "-q", tree, "-b", name)
            sessions.append(try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: tree, prompt: "work in \(name)"))
            try repo.write(tree + "/\(name).txt", name)
            try repo.gitOK("add", "\(name).txt", in: tree)
            trees.append(tree)
        }
        let processes = try trees.map { try start(["git", "commit", "-q", "-m", "concurrent"], in: $0) }
        processes.forEach { $0.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        for (tree, session) in zip(trees, sessions) {
            let files = try repo.gitOK("show", "--name-only", "--format=", "HEAD", in: tree)
            #expect(try ArchiveView(repo, in: tree).lines(session: session.sessionID).count == 1)
            #expect(!files.contains(sessions.first { $0.sessionID != session.sessionID }!.sessionID))
            #expect(try repo.gitOK("status", "--porcelain", in: tree) == "")
            let state = try Data(contentsOf: URL(fileURLWithPath: repo.path + "/.git/worktrees/\(tree.split(separator: "/").last!)/convo-hook/state.json"))
            #expect((try? JSONSerialization.jsonObject(with: state)) != nil, "state file intact")
        }
    }

    @Test func writerAppendingWhileCommitsRun() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "seq 0")
        let total = 200
        let cwd = repo.path
        let writer = Thread {
            for i in 1..<total {
                let line = "{\"type\":\"user\",\"cwd\":\"\(cwd)\",\"message\":{\"role\":\"user\",\"content\":\"seq \(i)\"}}\n"
                let bytes = Data(line.utf8)
                let cut = bytes.count / 2
                try? session.appendRaw(bytes.prefix(cut))
                usleep(300)
                try? session.appendRaw(bytes.suffix(from: cut))
            }
        }
        writer.start()
        for _ in 0..<12 {
            #expect(try repo.git("commit", "-q", "--allow-empty", "-m", "tick").status == 0)
        }
        while !writer.isFinished { usleep(10_000) }
        #expect(try repo.git("commit", "-q", "--allow-empty", "-m", "last").status == 0)
        let seqs = try archivedLines(session.sessionID).compactMap { line -> Int? in
            guard let range = line.range(of: "seq ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(seqs == Array(0..<total), "complete, in order, none duplicated or lost")
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    @Test func killDashNineDuringCaptureRecovers() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "big")
        let filler = String(repeating: "x", count: 2000)
        var blob = Data()
        for i in 1...6000 { blob.append(Data("{\"type\":\"assistant\",\"n\":\(i),\"text\":\"\(filler)\"}\n".utf8)) }
        try session.appendRaw(blob)
        for delay in [30_000, 120_000] as [useconds_t] {
            let capture = try start([Products.convoHook, "capture"], in: repo.path)
            usleep(delay)
            kill(capture.processIdentifier, SIGKILL)
            capture.waitUntilExit()
        }
        let commit = try repo.git("commit", "-q", "--allow-empty", "-m", "after kill")
        #expect(commit.status == 0, "\(commit.stderr)")
        let lines = try archivedLines(session.sessionID)
        #expect(lines.count == 6001)
        #expect(Set(lines).count == 6001, "no line twice")
        let tracked = try repo.gitOK("ls-files")
        #expect(!tracked.contains(".convo-tmp-"))
        #expect(try repo.gitOK("status", "--porcelain", "--ignored") == "")
    }

    @Test func everydayGitOperationsKeepWorking() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "ops")
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        #expect(try repo.git("commit", "-q", "-m", "feat: a").status == 0)
        try repo.write("a.txt", "a fixed\n")
        try session.append(role: "assistant", text: "fixed")
        try repo.gitOK("add", "a.txt")
        #expect(try repo.git("commit", "-q", "--fixup", "HEAD").status == 0)

        var results: [(String, ProcessResult)] = []
        results.append(("gc", try repo.git("gc", "-q")))
        try repo.write("a.txt", "wip\n")
        results.append(("stash", try repo.git("stash", "-q")))
        results.append(("stash pop", try repo.git("stash", "pop", "-q")))
        results.append(("checkout", try repo.git("checkout", "-q", "--", "a.txt")))
        repo.environment["GIT_SEQUENCE_EDITOR"] = "true"
        results.append(("rebase -i", try repo.git("rebase", "-q", "-i", "--autosquash", "HEAD~2")))
        results.append(("branch", try repo.git("checkout", "-q", "-b", "pick", "HEAD~1")))
        results.append(("cherry-pick", try repo.git("cherry-pick", "main")))
        try repo.gitOK("checkout", "-q", "main")
        results.append(("worktree add", try repo.git("worktree", "add", "-q", repo.root + "/gone")))
        results.append(("worktree remove", try repo.git("worktree", "remove", repo.root + "/gone")))
        for (name, result) in results {
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("convo-hook:"), "\(name): \(result.stderr)")
        }
        #expect(try repo.gitOK("log", "--format=%s") == "feat: a\nbase\n")
        #expect(try archivedLines(session.sessionID).count == 2)
        let fsck = try repo.git("fsck", "--no-progress", "--no-dangling")
        #expect(fsck.status == 0 && fsck.stdout.isEmpty, "\(fsck.stdout)\(fsck.stderr)")
    }

    @Test func missingHomeFailsOpen() throws {
        repo.environment.removeValue(forKey: "HOME")
        repo.environment.removeValue(forKey: "CLAUDE_CONFIG_DIR")
        repo.environment.removeValue(forKey: "CODEX_HOME")
        let result = try repo.git("commit", "-q", "--allow-empty", "-m", "no home")
        #expect(result.status == 0)
        #expect(result.stderr.split(separator: "\n").count <= 1, "\(result.stderr)")
    }

    @Test(
        .enabled(if: getuid() == 0, "mounting a small file system needs root"),
        arguments: ["ro,size=1m", "size=16k"])
    func unwritableOrFullArchiveFailsOpenWithOneLine(_ options: String) throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "disk")
        try session.appendRaw(Data(String(repeating: "{\"type\":\"assistant\",\"text\":\"\(String(repeating: "y", count: 1000))\"}\n", count: 64).utf8))
        let archive = repo.path + "/.claude/conversations"
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        #expect(try Shell.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", archive], in: repo.path, environment: repo.environment).status == 0)
        defer { _ = try? Shell.run(["umount", archive], in: repo.path, environment: repo.environment) }
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        let result = try repo.git("commit", "-q", "-m", "disk trouble")
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("convo-hook: pre-commit hook: "), "\(result.stderr)")
        #expect(try repo.gitOK("show", "--name-only", "--format=", "HEAD") == "a.txt\n")
    }
}
