import Foundation
import TestSupport
import Testing

/// `convo-hook restore`: an archived session goes back where its assistant resumes it, on any clone,
/// after any cleanup, and continues as the same session.
@Suite struct RestoreTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
    }

    private func commit(_ name: String = UUID().uuidString, in directory: String? = nil) throws {
        let folder = directory ?? repo.path
        try repo.write(folder + "/" + name, "x\n")
        try repo.gitOK("add", name, in: folder)
        let result = try repo.git(["commit", "-q", "-m", name], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
    }

    private func codexRollout(id: String, cwd: String) throws -> String {
        let path = repo.home + "/.codex/sessions/2026/11/25/rollout-2026-11-25T09-00-00-\(id).jsonl"
        let lines = [
            "{\"timestamp\":\"2026-11-25T09:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"\(id)\",\"timestamp\":\"2026-11-25T09:00:00.000Z\",\"cwd\":\"\(cwd)\",\"git\":{\"branch\":\"main\"}}}",
            "{\"timestamp\":\"2026-11-25T09:00:01.000Z\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"\(cwd)\",\"model\":\"gpt-5-codex\"}}",
            "{\"timestamp\":\"2026-11-25T09:00:02.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Port the lexer\"}]}}",
        ]
        try repo.write(path, lines.joined(separator: "\n") + "\n")
        return path
    }

    @Test func aDeletedClaudeAndCodexSessionComeBackByteForByte() throws {
        let claude = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Remember this session")
        try claude.append(role: "assistant", text: "I will.")
        let subagent = (claude.path as NSString).deletingPathExtension + "/subagents/agent-a1.jsonl"
        try repo.write(
            subagent,
            "{\"type\":\"user\",\"isSidechain\":true,\"sessionId\":\"\(claude.sessionID)\",\"cwd\":\"\(repo.path)\",\"message\":{\"role\":\"user\",\"content\":\"explore\"}}\n")
        let codexID = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
        let codex = try codexRollout(id: codexID, cwd: repo.path)
        try commit()
        let originals = try [claude.path, subagent, codex].map { try String(contentsOfFile: $0, encoding: .utf8) }
        // Claude Code's cleanup and a new machine: the transcripts are gone.
        try FileManager.default.removeItem(atPath: repo.home + "/.claude/projects")
        try FileManager.default.removeItem(atPath: repo.home + "/.codex/sessions")
        let log = try repo.convoHook("log").stdout
        #expect(log.contains("restorable"), "log marks sessions whose transcript is gone: \(log)")
        #expect(try repo.convoHook("status").stdout.contains("restorable: 2 archived sessions"))

        let first = try repo.convoHook("restore", claude.sessionID)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("stays redacted"))
        #expect(try String(contentsOfFile: claude.path, encoding: .utf8) == originals[0])
        #expect(try String(contentsOfFile: subagent, encoding: .utf8) == originals[1])
        #expect(try repo.convoHook("restore", "codex/" + codexID).status == 0)
        #expect(try String(contentsOfFile: codex, encoding: .utf8) == originals[2])

        let again = try repo.convoHook("restore", claude.sessionID)
        #expect(again.status == 0 && again.stdout.contains("already restored"), "\(again.stdout)")

        // The assistant goes on: the next commit archives only the new line, as the same session.
        try claude.append(role: "user", text: "Continue after the restore")
        try commit()
        let added = try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").filter { $0.contains(claude.sessionID) }
        #expect(added.count == 1 && added[0].contains("/000003-000003-"), "\(added)")
        #expect(try ArchiveView(repo).lines(session: claude.sessionID).count == 3)
    }

    @Test func aTeammatesCloneAtAnotherPathGetsItsOwnWorkingDirectory() throws {
        let claude = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Work from a clone")
        try commit()
        let clone = repo.root + "/elsewhere/teammate-clone"
        try FileManager.default.createDirectory(atPath: repo.root + "/elsewhere", withIntermediateDirectories: true)
        try repo.gitOK("clone", "-q", repo.path, clone)
        #expect(try repo.convoHook("install", in: clone).status == 0)
        let teammateHome = repo.root + "/teammate-home"
        repo.environment["CLAUDE_CONFIG_DIR"] = teammateHome + "/.claude"
        let restore = try repo.convoHook("restore", claude.sessionID, in: clone)
        #expect(restore.status == 0, "\(restore.stderr)")
        let encoded = String(clone.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" })
        let restored = teammateHome + "/.claude/projects/\(encoded)/\(claude.sessionID).jsonl"
        let text = try String(contentsOfFile: restored, encoding: .utf8)
        // The fixture writes JSON as Foundation does, slashes escaped; the rewrite keeps that style.
        func escaped(_ path: String) -> String { path.replacingOccurrences(of: "/", with: "\\/") }
        #expect(text.contains("\"cwd\":\"\(escaped(clone))\""), "the working directory is the clone's: \(text)")
        #expect(!text.contains(escaped(repo.path) + "\""))
        let original = try String(contentsOfFile: claude.path, encoding: .utf8)
        #expect(text.replacingOccurrences(of: escaped(clone), with: escaped(repo.path)) == original, "no other byte changes")
        try repo.write(
            restored, text + "{\"type\":\"user\",\"sessionId\":\"\(claude.sessionID)\",\"cwd\":\"\(clone)\",\"message\":{\"role\":\"user\",\"content\":\"teammate goes on\"}}\n")
        try commit(in: clone)
        let added = try repo.gitOK("show", "--name-only", "--format=", "HEAD", in: clone).split(separator: "\n").filter { $0.contains(claude.sessionID) }
        #expect(added.count == 1 && added[0].contains("/000002-000002-"), "\(added)")
    }

    @Test func aTranscriptThatDiffersIsNotOverwrittenWithoutForce() throws {
        let claude = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Keep my local file")
        try commit()
        try claude.append(role: "assistant", text: "only on this machine")
        let refused = try repo.convoHook("restore", claude.sessionID)
        #expect(refused.status == 1)
        #expect(refused.stderr == "convo-hook: \(claude.path) exists and differs from the archive; --force replaces it\n")
        #expect(try String(contentsOfFile: claude.path, encoding: .utf8).contains("only on this machine"))
        let forced = try repo.convoHook("restore", claude.sessionID, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!(try String(contentsOfFile: claude.path, encoding: .utf8)).contains("only on this machine"))
    }

    @Test func aSessionOfAnotherWorktreeIsNotGoneAndIsNotCopiedWithoutForce() throws {
        let claude = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Started in the main worktree")
        try commit()
        let linked = repo.root + "/linked"
        try repo.gitOK("worktree", "add", "-q", linked, "-b", "feature")
        let log = try repo.convoHook(["log"], in: linked)
        #expect(log.status == 0 && log.stdout.contains("Started in the main worktree"), "\(log.stderr)")
        #expect(!log.stdout.contains("restorable"), "the transcript is on this machine, for the main worktree: \(log.stdout)")
        #expect(!(try repo.convoHook(["status"], in: linked).stdout.contains("restorable")))
        let refused = try repo.convoHook(["restore", claude.sessionID], in: linked)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("convo-hook: claude/\(claude.sessionID) still has its transcript on this machine, at \(claude.path)"), "\(refused.stderr)")
        let copied = try repo.convoHook(["restore", claude.sessionID, "--force"], in: linked)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("-linked/") || copied.stderr.contains("-linked/"), "\(copied.stdout)\(copied.stderr)")
    }

    @Test func aSourceWithoutAResumableFileSaysWhy() throws {
        try repo.write(".aider.chat.history.md", "\n# aider chat started at 2026-11-25 08:00:00\n\n#### hello\n\nhi\n")
        try commit()
        let id = try #require(try ArchiveView(repo).paths().first { $0.contains("/aider/") }?.split(separator: "/")[3].dropFirst(16))
        let result = try repo.convoHook("restore", "aider/" + id)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot be restored: aider"), "\(result.stderr)")
    }
}
