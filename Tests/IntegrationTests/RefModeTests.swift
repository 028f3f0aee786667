import Foundation
import TestSupport
import Testing

/// Archive-ref mode: the archive lives on refs/convo/archive, code history stays free of transcripts.
@Suite struct RefModeTests {
    let repo: TemporaryRepository
    let session: ClaudeTranscript

    init() throws {
        repo = try TemporaryRepository()
        let install = try repo.convoHook("install", "--mode", "ref")
        #expect(install.status == 0, "\(install.stderr)")
        session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Sketch the sync protocol")
    }

    private func commit(_ name: String) throws {
        try repo.write(name, name + "\n")
        try repo.gitOK("add", name)
        let result = try repo.git("commit", "-q", "-m", name)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func threeCommitsMakeThreeArchiveCommitsAndNoArchiveInTheBranch() throws {
        try commit("one")
        try session.append(role: "assistant", text: "Use a log of operations.")
        try commit("two")
        try session.append(role: "user", text: "And conflicts?")
        try commit("three")

        #expect(!(try repo.gitOK("ls-tree", "-r", "--name-only", "HEAD")).contains(".claude"))
        #expect(try repo.gitOK("status", "--porcelain") == "")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.claude"))
        let archiveLog = try repo.gitOK("log", "--format=%s", "refs/convo/archive").split(separator: "\n")
        #expect(archiveLog.count == 3)
        let codeCommits = try repo.gitOK("log", "--format=%H").split(separator: "\n").map(String.init)
        let named = try repo.gitOK("log", "--format=%(trailers:key=Code-Commit,valueonly)", "refs/convo/archive")
            .split(separator: "\n").map(String.init)
        #expect(named == codeCommits)
        #expect(try ArchiveView(repo, revision: "refs/convo/archive").parts(session: session.sessionID).map(\.first) == [1, 2, 3])
        #expect(try repo.gitOK("log", "-1", "--format=%(trailers:key=Conversation,valueonly)") == "claude/\(session.sessionID)\n\n")

        let show = try repo.convoHook("show", "HEAD~1")
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Use a log of operations."))
        #expect(!show.stdout.contains("And conflicts?"))
        #expect(try repo.convoHook("log").stdout.contains("claude/\(session.sessionID)  3 lines"))
        let export = try repo.convoHook("export")
        #expect(export.status == 0, "\(export.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/knowledge-base/sessions")
        #expect(pages == ["2026-11-25-sketch-the-sync-protocol.md"])
    }

    @Test func commitDashMCommitsOnTheArchiveRefOnly() throws {
        try repo.write("staged.txt", "s\n")
        try repo.gitOK("add", "staged.txt")
        let result = try repo.convoHook("commit", "-m", "keep it")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[refs/convo/archive "))
        #expect(try repo.gitOK("log", "-1", "--format=%s", "refs/convo/archive") == "keep it\n")
        #expect(try repo.git("rev-parse", "--verify", "-q", "HEAD").status != 0, "the branch is still unborn")
        #expect(try repo.gitOK("diff", "--cached", "--name-only") == "staged.txt\n")
    }
}
