import Foundation
import TestSupport
import Testing

/// `convo-hook commit -m`, `Conversation:` trailers and notes on `refs/notes/convo`.
@Suite struct CommitLinkTests {
    let repo: TemporaryRepository
    let session: ClaudeTranscript

    init() throws {
        repo = try TemporaryRepository()
        #expect(try repo.convoHook("install").status == 0)
        session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Design the cache layer")
    }

    private var trailer: String { "Conversation: claude/\(session.sessionID)" }

    private func base() throws {
        try repo.write("README", "base\n")
        try repo.gitOK("add", "README")
        try repo.gitOK("commit", "-qm", "base", "--no-verify")
    }

    /// The values of HEAD's `Conversation:` trailers, as `git log` prints them.
    private func headConversationTrailers() throws -> String {
        try repo.gitOK("log", "-1", "--format=%(trailers:key=Conversation,valueonly)")
    }

    /// Writes and stages a small file.
    private func stage(_ name: String) throws {
        try repo.write(name, String(name.prefix(1)) + "\n")
        try repo.gitOK("add", name)
    }

    private func headFiles() throws -> [String] {
        try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").map(String.init)
    }

    @Test func commitDashMCommitsOnlyTheArchive() throws {
        try base()
        let archivedBefore = try repo.gitOK("ls-tree", "-r", "--name-only", "HEAD")
        #expect(!archivedBefore.contains(".claude"), "--no-verify skipped the archive")
        try repo.write("staged.txt", "s\n")
        try repo.gitOK("add", "staged.txt")
        try repo.write("README", "unstaged edit\n")
        let result = try repo.convoHook("commit", "-m", "docs: keep the cache design session")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try headFiles().allSatisfy { $0.hasPrefix(".claude/conversations/") })
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.gitOK("diff", "--cached", "--name-only") == "staged.txt\n")
        #expect(try repo.gitOK("diff", "--name-only") == "README\n")
        #expect(try repo.gitOK("status", "--porcelain", "--", ".claude") == "")
        #expect(try repo.gitOK("log", "-1", "--format=%s%n%an <%ae>") == "docs: keep the cache design session\nTest User <test@example.com>\n")
        #expect(try repo.gitOK("reflog", "-1", "--format=%gs") == "commit: docs: keep the cache design session\n")
        let trailers = try headConversationTrailers()
        #expect(trailers == "claude/\(session.sessionID)\n\n")
        let note = try repo.gitOK("notes", "--ref=convo", "show", "HEAD")
        #expect(note.contains("\"session\":\"claude\\/\(session.sessionID)\"") || note.contains("\"session\":\"claude/\(session.sessionID)\""))
        #expect(note.contains("\"first\":1") && note.contains("\"last\":1"))

        let again = try repo.convoHook("commit", "-m", "again")
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing new"))
        #expect(try repo.gitOK("log", "-1", "--format=%s") == "docs: keep the cache design session\n")
    }

    @Test func commitDashMOnAnUnbornBranchWithTheDefaultMessage() throws {
        let result = try repo.convoHook("commit")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try repo.gitOK("log", "--format=%s") == "chore: archive conversation for Design the cache layer\n")
        #expect(try repo.gitOK("reflog", "-1", "--format=%gs") == "commit (initial): chore: archive conversation for Design the cache layer\n")
    }

    @Test func commitDashMRefusesADetachedHeadAndAMerge() throws {
        try base()
        try repo.gitOK("checkout", "-q", "--detach")
        let detached = try repo.convoHook("commit", "-m", "x")
        #expect(detached.status == 1)
        #expect(detached.stderr == "convo-hook: HEAD is detached; check out a branch first\n")
        try repo.gitOK("checkout", "-q", "main")
        try repo.gitOK("checkout", "-q", "-b", "other")
        try repo.write("README", "other\n")
        try repo.gitOK("commit", "-qam", "other", "--no-verify")
        try repo.gitOK("checkout", "-q", "main")
        try repo.write("README", "mine\n")
        try repo.gitOK("commit", "-qam", "mine", "--no-verify")
        #expect(try repo.git("merge", "-q", "other").status != 0)
        let merging = try repo.convoHook("commit", "-m", "x")
        #expect(merging.status == 1)
        #expect(merging.stderr.contains("a merge is in progress"))
        #expect(try repo.gitOK("log", "-1", "--format=%s") == "mine\n")
    }

    @Test func hookCommitsGetOneTrailerThatSurvivesAmendAndParses() throws {
        try base()
        try session.append(role: "assistant", text: "Use an LRU.")
        try stage("a.txt")
        #expect(try repo.git("commit", "-q", "-m", "feat: cache\n\nBody text.").status == 0)
        let message = try repo.gitOK("log", "-1", "--format=%B")
        #expect(message.hasSuffix("\n\n\(trailer)\n\n"), "\(message)")
        let parsed = try repo.git(["interpret-trailers", "--parse"], input: message)
        #expect(parsed.stdout == trailer + "\n")

        try session.append(role: "user", text: "Also evict on size.")
        #expect(try repo.git("commit", "-q", "--amend", "--no-edit").status == 0)
        let amended = try repo.gitOK("log", "-1", "--format=%B")
        #expect(amended.components(separatedBy: trailer).count == 2, "one trailer after --amend: \(amended)")

        try repo.write("a.txt", "changed\n")
        try session.append(role: "assistant", text: "Done.")
        #expect(try repo.git("commit", "-q", "-a", "-m", "all").status == 0)
        #expect(try headConversationTrailers() == "claude/\(session.sessionID)\n\n")
    }

    @Test func emptyingTheMessageInTheEditorStillAbortsAndRemovedTrailersStayRemoved() throws {
        try base()
        try stage("a.txt")
        repo.environment["GIT_EDITOR"] = "true"
        let aborted = try repo.git("commit", "-q")
        #expect(aborted.status != 0)
        #expect(aborted.stderr.contains("empty commit message"))
        #expect(try repo.gitOK("log", "-1", "--format=%s") == "base\n")

        let editor = repo.root + "/editor.sh"
        try repo.write(editor, "#!/bin/sh\nprintf 'my own message\\n' > \"$1\"\n", mode: 0o755)
        repo.environment["GIT_EDITOR"] = "'\(editor)'"
        let edited = try repo.git("commit", "-q")
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try repo.gitOK("log", "-1", "--format=%B") == "my own message\n\n")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
    }

    @Test func notesFollowAmendAndRebase() throws {
        try base()
        try repo.gitOK("checkout", "-q", "-b", "topic")
        try repo.write("t.txt", "t\n")
        try repo.gitOK("add", "t.txt")
        #expect(try repo.git("commit", "-q", "-m", "topic work").status == 0)
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains(session.sessionID))
        #expect(try repo.git("commit", "-q", "--amend", "-m", "topic work, amended").status == 0)
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains(session.sessionID))

        try repo.gitOK("checkout", "-q", "main")
        try repo.write("m.txt", "m\n")
        try repo.gitOK("add", "m.txt")
        try repo.gitOK("commit", "-qm", "main moves", "--no-verify")
        try repo.gitOK("checkout", "-q", "topic")
        let rebase = try repo.git("rebase", "-q", "main")
        #expect(rebase.status == 0, "\(rebase.stderr)")
        #expect(try repo.gitOK("log", "-1", "--format=%s") == "topic work, amended\n")
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains(session.sessionID))
    }

    @Test func anAbortedCommitLosesNothingAndLendsNoTrailer() throws {
        try base()
        try stage("a.txt")
        repo.environment["GIT_EDITOR"] = "true"
        #expect(try repo.git("commit", "-q", "-a").status != 0, "the emptied message aborts")
        repo.environment.removeValue(forKey: "GIT_EDITOR")
        #expect(try repo.git("commit", "-q", "--no-verify", "--allow-empty", "-m", "unrelated").status == 0)
        #expect(try repo.gitOK("log", "-1", "--format=%B") == "unrelated\n\n", "no trailer for a commit pre-commit did not prepare")
        try repo.write("b.txt", "b\n")
        try repo.gitOK("add", "b.txt")
        #expect(try repo.git("commit", "-q", "-m", "real").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try ArchiveView(repo).paths().contains(".claude/conversations/.ignore"))
        #expect(try repo.gitOK("status", "--porcelain") == "")
        #expect(try headConversationTrailers() == "claude/\(session.sessionID)\n\n")
    }

    @Test func editorCommitsKeepTheSubjectApartFromTheTrailer() throws {
        try base()
        let editor = repo.root + "/subject.sh"
        // Types the subject on line 1, as a person in an editor would.
        try repo.write(editor, "#!/bin/sh\n{ printf 'My subject'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n", mode: 0o755)
        repo.environment["GIT_EDITOR"] = "'\(editor)'"
        try stage("a.txt")
        #expect(try repo.git("commit", "-q").status == 0)
        #expect(try repo.gitOK("log", "-1", "--format=%s") == "My subject\n")
        #expect(try headConversationTrailers() == "claude/\(session.sessionID)\n\n")
    }

    @Test func signOffAloneStillAbortsAndHashLinesInDashMStayContent() throws {
        try base()
        try stage("a.txt")
        repo.environment["GIT_EDITOR"] = "true"
        #expect(try repo.git("commit", "-q", "-s").status != 0, "only Signed-off-by and our trailer: git aborts")
        repo.environment.removeValue(forKey: "GIT_EDITOR")
        #expect(try repo.git("commit", "-q", "-m", "#42 fix\n\nDetails\n---\nmore").status == 0)
        let message = try repo.gitOK("log", "-1", "--format=%B")
        #expect(message.hasSuffix("more\n\n\(trailer)\n\n"), "\(message)")
    }
}
