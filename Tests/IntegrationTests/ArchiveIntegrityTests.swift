import Foundation
import TestSupport
import Testing

/// One Claude Code session that goes on while the user works across branches: no git operation
/// conflicts on an archive file, and the next commit always holds every line of the transcript.
@Suite struct ArchiveIntegrityTests {
    let repo: TemporaryRepository
    let session: ClaudeTranscript

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Start the feature")
    }

    /// The session says one more thing.
    private func say(_ text: String) throws {
        try session.append(role: "assistant", text: text + " " + UUID().uuidString)
    }

    /// A code change and a commit through the hooks; then time passes (the transcripts and everything
    /// else the shim watches look older than the commit), so the next commit without a new line takes the
    /// shim's fast path, as it does in real use, instead of a full run.
    @discardableResult
    private func commit(_ name: String = UUID().uuidString, _ extra: String...) throws -> ProcessResult {
        try repo.write(name, UUID().uuidString + "\n")
        try repo.gitOK("add", name)
        let result = try repo.git(["commit", "-q", "-m", "change \(name)"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        try repo.ageWatchedFiles()
        return result
    }

    private var transcriptLines: [String] {
        get throws {
            try String(contentsOfFile: session.path, encoding: .utf8).split(separator: "\n").map(String.init)
        }
    }

    /// HEAD holds every line of the transcript, each once, in order.
    private func expectEveryLine(in revision: String = "HEAD", _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let archived = try ArchiveView(repo, revision: revision).lines(session: session.sessionID)
        #expect(archived == (try transcriptLines), comment, sourceLocation: sourceLocation)
    }

    private func expectNoConflict(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!(result.stdout + result.stderr).contains("CONFLICT"), "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
    }

    /// main and topic both carry lines of the session: topic forked before it began.
    private func sessionAcrossTwoBranches() throws {
        try repo.gitOK("branch", "topic")
        try commit("main-1")
        try say("on main")
        try commit("main-2")
        try repo.gitOK("checkout", "-q", "topic")
        try say("on topic")
        try commit("topic-1")
        try expectEveryLine(in: "HEAD", "topic's first commit holds the lines main committed too")
        try say("more on topic")
        try commit("topic-2")
        try repo.gitOK("checkout", "-q", "main")
        try say("back on main")
        try commit("main-3")
    }

    @Test func mergeInBothDirectionsNeverConflicts() throws {
        try sessionAcrossTwoBranches()
        expectNoConflict(try repo.git("merge", "-q", "--no-edit", "topic"))
        try expectEveryLine()
        try repo.gitOK("checkout", "-q", "topic")
        try say("after the merge")
        expectNoConflict(try repo.git("merge", "-q", "--no-edit", "main"))
        try commit("topic-3")
        try expectEveryLine()
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    @Test func rebaseAndPullRebaseNeverConflict() throws {
        try sessionAcrossTwoBranches()
        try repo.gitOK("checkout", "-q", "topic")
        expectNoConflict(try repo.git("rebase", "-q", "main"))
        try say("after the rebase")
        try commit("topic-3")
        try expectEveryLine()

        let remote = repo.root + "/remote.git"
        try repo.gitOK("clone", "-q", "--bare", repo.path, remote)
        try repo.gitOK("remote", "add", "origin", remote)
        try repo.gitOK("fetch", "-q", "origin")
        try repo.gitOK("branch", "-q", "--set-upstream-to=origin/main")
        try say("before pull --rebase")
        try commit("topic-4")
        expectNoConflict(try repo.git("pull", "-q", "--rebase"))
        try commit("topic-5")
        try expectEveryLine()
    }

    @Test func cherryPickAndRevertNeverConflict() throws {
        try sessionAcrossTwoBranches()
        let topicTip = try repo.gitOK("rev-parse", "topic").trimmingCharacters(in: .whitespacesAndNewlines)
        expectNoConflict(try repo.git("cherry-pick", topicTip))
        expectNoConflict(try repo.git("cherry-pick", "topic~1"))
        try expectEveryLine()
        expectNoConflict(try repo.git("revert", "--no-edit", "HEAD"))
        try say("after the revert")
        try commit("main-4")
        try expectEveryLine(in: "HEAD", "the lines the revert took out are back")
    }

    @Test func interactiveRebaseEditSquashFixupAndDrop() throws {
        for i in 1...4 {
            try say("step \(i)")
            try commit("step-\(i)")
        }
        // edit the first of the four, squash the second into it, fixup the third, drop the fourth.
        let todo = repo.root + "/todo.sh"
        try repo.write(todo, "#!/bin/sh\nsed -i -e '1s/^pick/edit/' -e '2s/^pick/squash/' -e '3s/^pick/fixup/' -e '4s/^pick/drop/' \"$1\"\n", mode: 0o755)
        repo.environment["GIT_SEQUENCE_EDITOR"] = "'\(todo)'"
        repo.environment["GIT_EDITOR"] = "true"
        expectNoConflict(try repo.git("rebase", "-q", "-i", "HEAD~4"))
        try say("while editing")
        try repo.write("edited.txt", "e\n")
        try repo.gitOK("add", "edited.txt")
        expectNoConflict(try repo.git("commit", "-q", "--amend", "--no-edit"))
        expectNoConflict(try repo.git("rebase", "--continue"))
        let message = try repo.gitOK("log", "-1", "--format=%B")
        #expect(message.components(separatedBy: "Conversation: claude/\(session.sessionID)").count == 2, "one trailer: \(message)")
        #expect(message.hasSuffix("Conversation: claude/\(session.sessionID)\n\n"), "the trailer block ends the message: \(message)")
        try commit("after")
        try expectEveryLine(in: "HEAD", "lines of the dropped commit come back")
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    @Test func stashAndStashPopAfterCaptureNeverConflict() throws {
        try commit("first")
        try say("captured between commits")
        #expect(try repo.convoHook("capture").status == 0)
        #expect(try repo.gitOK("status", "--porcelain") == "", "capture leaves the worktree clean")
        try repo.write("README", "work in progress\n")
        expectNoConflict(try repo.git("stash", "-q"))
        try say("while stashed")
        try commit("second")
        expectNoConflict(try repo.git("stash", "pop", "-q"))
        try repo.gitOK("add", "README")
        try commit("third")
        try expectEveryLine()
    }

    @Test(arguments: ["--hard", "--mixed", "--soft"])
    func resetsLoseNoLine(_ mode: String) throws {
        try commit("one")
        try say("two")
        try commit("two")
        try say("three")
        try commit("three")
        try repo.gitOK("reset", "-q", mode, "HEAD~2")
        try say("after the reset")
        try commit("four", "-a")
        try expectEveryLine()
        let status = try repo.gitOK("status", "--porcelain", "--untracked-files=all", "--", ".claude")
        #expect(status == "", "\(status)")
    }

    @Test func anAbandonedDetachedHeadAndBranchLoseNoLine() throws {
        try commit("one")
        try repo.gitOK("checkout", "-q", "--detach")
        try say("on a detached HEAD")
        try commit("detached")
        try repo.gitOK("checkout", "-q", "-b", "abandoned")
        try say("on a branch that is dropped")
        try commit("abandoned")
        try repo.gitOK("checkout", "-q", "main")
        try repo.gitOK("branch", "-q", "-D", "abandoned")
        try commit("back")
        try expectEveryLine()
        let older = try repo.gitOK("rev-list", "--max-parents=0", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.gitOK("checkout", "-q", older)
        try commit("from-the-start")
        try expectEveryLine(in: "HEAD", "a commit on a checked-out older commit")
    }

    @Test func anAmendThatDropsArchiveFilesLosesNoLine() throws {
        try commit("one")
        try repo.gitOK("rm", "-r", "-q", "--cached", ".claude/conversations")
        expectNoConflict(try repo.git("commit", "-q", "--amend", "--no-verify", "-m", "one, without the archive"))
        #expect(try ArchiveView(repo).paths().isEmpty)
        try commit("two")
        try expectEveryLine()
    }

    @Test func capturedLinesNeverBlockACheckout() throws {
        try repo.gitOK("branch", "other")
        try commit("one")
        try say("between commits")
        #expect(try repo.convoHook("capture").status == 0)
        let input = "{\"session_id\":\"\(session.sessionID)\",\"cwd\":\"\(repo.path)\",\"hook_event_name\":\"Stop\"}"
        #expect(try repo.convoHook("capture", "--hook-input", input: input).status == 0)
        #expect(try repo.gitOK("status", "--porcelain", "--untracked-files=all") == "")
        expectNoConflict(try repo.git("checkout", "-q", "other"))
        expectNoConflict(try repo.git("switch", "-q", "main"))
    }

    @Test func logPatchOfAMegabyteOfConversationStaysSmall() throws {
        let chunk = String(repeating: "The parser handles nested expressions and reports errors with positions. ", count: 20)
        for _ in 0..<700 { try session.append(role: "assistant", text: chunk) }
        try commit("big")
        let added = try ArchiveView(repo).parts(session: session.sessionID).map { try ArchiveView(repo).content($0.path).utf8.count }.reduce(0, +)
        #expect(added > 1_000_000)
        let patch = try repo.gitOK("log", "-p", "-1")
        #expect(patch.utf8.count < 20_000, "git log -p: \(patch.utf8.count) bytes")
        #expect(try repo.gitOK("diff", "HEAD~1", "--", ".claude").utf8.count < 20_000)
    }

    @Test func aLastLineWithoutItsNewlineIsArchivedOnceWhenItStoodStill() throws {
        try commit("one")
        let line = "{\"type\":\"assistant\",\"sessionId\":\"\(session.sessionID)\",\"message\":{\"role\":\"assistant\",\"content\":\"no newline yet\"}}"
        try session.appendRaw(Data(line.utf8))
        try commit("two")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1, "a line still being written waits")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-5)], ofItemAtPath: session.path)
        #expect(try repo.convoHook("status").stdout.contains("next commit: 1 lines of 1 sessions"))
        try commit("three")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).last == line)
        try session.appendRaw(Data("\n".utf8))
        try say("and more")
        try commit("four")
        try expectEveryLine(in: "HEAD", "its newline and more lines arrive: no line twice")
    }

    @Test func anUnreadableTranscriptIsNamedAndTheCommitGoesOn() throws {
        // A transcript that cannot be opened (a link to a file that is gone; CI runs as root, which reads any mode).
        let broken = (session.path as NSString).deletingLastPathComponent + "/broken-session.jsonl"
        try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: repo.root + "/nowhere/broken.jsonl")
        let result = try commit("one")
        #expect(result.stderr.contains("convo-hook: warning: cannot read \(broken)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").filter { $0.contains("broken-session") }.count == 1, "one line")
        try expectEveryLine(in: "HEAD", "the other sessions are archived")
        let status = try repo.convoHook("status")
        #expect(status.stderr.contains("convo-hook: warning: cannot read \(broken)"))
    }

    @Test func anUnknownSourceIsAUsageError() throws {
        let result = try repo.convoHook("capture", "--source", "cursorr")
        #expect(result.status == 2)
        #expect(result.stderr == "convo-hook: unknown source 'cursorr' (known: claude, codex, aider, gemini, copilot, cursor, opencode, amp, cline)\n")
    }

    @Test func amendWithANewMessageKeepsTheTrailer() throws {
        try commit("one")
        #expect(try repo.git("commit", "-q", "--amend", "-m", "a new message").status == 0)
        #expect(try repo.gitOK("log", "-1", "--format=%(trailers:key=Conversation,valueonly)") == "claude/\(session.sessionID)\n\n")
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains(session.sessionID))
    }
}

/// An archive written before the write-once layout (`meta.json`, `0001.jsonl`…) keeps being read, and its
/// sessions go on in new-style parts numbered after their old lines.
@Suite struct RoundOneArchiveTests {
    @Test func aRoundOneSessionContinuesAfterItsOldParts() throws {
        let repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Old times")
        try session.append(role: "assistant", text: "archived by round 1")
        let old = try String(contentsOfFile: session.path, encoding: .utf8)
        let folder = ".claude/conversations/claude/20261125-100000-\(session.sessionID)"
        try repo.write(folder + "/0001.jsonl", old)
        try repo.write(
            folder + "/meta.json",
            """
            {"source":"claude","sessionID":"\(session.sessionID)","lineCount":2,"title":"Old times",
             "firstTimestamp":"2026-11-25T10:00:00.000Z","streams":{"main":{"lines":2,"sourceLines":2,"parts":1}}}
            """)
        try repo.write(".claude/conversations/.ignore", "*\n")
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-q", "--no-verify", "-m", "round 1 archive")
        // Round 1's state file (version 1) is not read: the archive itself says how far the session went.
        try repo.write(".git/convo-hook/state.json", "{\"version\":1,\"sessions\":{}}")
        try repo.write(".git/convo-hook/pending", "{\"paths\":[\"x\"],\"sessions\":[]}")
        try session.append(role: "user", text: "new in round 2")
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        #expect(try repo.git("commit", "-q", "-m", "round 2").status == 0)
        let added = try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").filter { $0.hasPrefix(folder) }
        #expect(added.count == 1 && added[0].hasPrefix(folder + "/000003-000003-"), "\(added)")
        #expect(try ArchiveView(repo).content(String(added[0])).contains("new in round 2"))
        #expect(
            (try? FileManager.default.attributesOfItem(atPath: repo.path + "/.git/convo-hook/pending")[.size] as? Int) == 0,
            "round 1's pending record is gone, so the fast path works again")
        #expect(try repo.convoHook("log").stdout.contains("claude/\(session.sessionID)  3 lines"))
        let jsonl = try repo.convoHook("show", session.sessionID, "--format", "jsonl").stdout
        #expect(jsonl == (try String(contentsOfFile: session.path, encoding: .utf8)))
    }
}
