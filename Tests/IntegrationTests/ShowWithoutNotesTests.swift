import Foundation
import TestSupport
import Testing

/// `show COMMIT` on a clone that has no notes prints what the author's machine prints: the lines the
/// commit itself added (tree mode), or those of the archive commit naming it (ref mode).
@Suite struct ShowWithoutNotesTests {
    let remote: TeamRemote
    let alice: TemporaryRepository

    init() throws {
        remote = try TeamRemote()
        alice = try remote.clone(as: "Alice")
    }

    private func commit(_ file: String) throws -> String {
        try alice.write(file, file + "\n")
        try alice.gitOK("add", file)
        let result = try alice.git("commit", "-q", "-m", "add \(file)")
        #expect(result.status == 0, "\(result.stderr)")
        return try alice.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Two commits carrying lines 1-2 and 3-4 of one session.
    private func twoCommitsOfOneSession() throws -> (String, String) {
        try alice.write("README", "hello\n")
        try alice.gitOK("add", "README")
        try alice.gitOK("commit", "-q", "-m", "base")
        let session = try ClaudeTranscript(configDir: alice.home + "/.claude", cwd: alice.path, prompt: "Sketch the retry policy")
        try session.append(role: "assistant", text: "Exponential backoff with jitter.")
        let first = try commit("retry.txt")
        try session.append(role: "user", text: "Cap it at five attempts.")
        try session.append(role: "assistant", text: "Done: five attempts, then give up.")
        let second = try commit("cap.txt")
        return (first, second)
    }

    private func expectSameShow(_ commits: [String], on clone: TemporaryRepository) throws {
        for commit in commits {
            for format in ["jsonl", "md"] {
                let mine = try alice.convoHook("show", commit, "--format", format)
                let theirs = try clone.convoHook("show", commit, "--format", format)
                #expect(mine.status == 0 && theirs.status == 0, "\(mine.stderr)\(theirs.stderr)")
                #expect(theirs.stdout == mine.stdout, "\(format) of \(commit.prefix(7))")
            }
        }
    }

    @Test func treeModeReadsTheCommitsOwnParts() throws {
        #expect(try alice.convoHook("install").status == 0)
        let (first, second) = try twoCommitsOfOneSession()
        try alice.gitOK("push", "-q", "origin", "main")  // no convo.remote: the notes stay with Alice

        let dave = try remote.clone(as: "Dave")
        #expect(try dave.git("notes", "--ref=convo", "list").stdout == "")
        try expectSameShow([first, second], on: dave)
        let lines = try dave.convoHook("show", second, "--format", "jsonl").stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("Cap it at five attempts."))
    }

    @Test func refModeReadsTheArchiveCommitNamingIt() throws {
        #expect(try alice.convoHook("install", "--mode", "ref").status == 0)
        let (first, second) = try twoCommitsOfOneSession()
        try alice.gitOK("push", "-q", "origin", "main", "refs/convo/archive")

        let dave = try remote.clone(as: "Dave")
        try dave.gitOK("fetch", "-q", "origin", "refs/convo/archive:refs/convo/archive")
        #expect(try dave.git("rev-parse", "-q", "--verify", "refs/notes/convo").status != 0, "no notes on this clone")
        try expectSameShow([first, second], on: dave)
    }
}
