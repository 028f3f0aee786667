import Foundation
import Testing

@testable import HookCore

/// prepare-commit-msg places the `Conversation:` block itself where the message's shape leaves no doubt,
/// and asks `git interpret-trailers` otherwise: wherever it answers, the bytes are git's.
@Suite struct TrailerPlacementTests {
    static let messages: [String] = [
        "x\n", "x", "Fix the parser\n", "Fix: the parser\n", "subject\n\nbody line\n", "subject\n\nbody\n\n\n",
        "subject\n\nfirst paragraph\n\nsecond paragraph\nwith two lines\n",
        "x\n# Please enter the commit message for your changes.\n#\n",
        "x\n\n# Please enter\n# ------------------------ >8 ------------------------\ndiff --git a/f b/f\n",
        "subject\n\nbody\n\nSigned-off-by: A U Thor <a@example.com>\n",
        "subject\n\nbody\n\nReviewed-by: someone\nnot a trailer\n",
        "subject\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
        "subject\n\nCo-authored-by: B <b@example.com>\n# comment\n",
        "subject\nSigned-off-by: A <a@example.com>\n",
        "subject\n\nbody\n    indented continuation\n",
        "\n\nsubject after blank lines\n", "# only a comment\n", "\n", "",
        "subject\n\nbody with a URL https://example.com/a\n",
        "subject\n# a comment between\nmore text\n",
        "subject\r\n\r\nbody\r\n",
    ]

    @Test(arguments: messages)
    func placesTheBlockAsGitDoes(_ message: String) throws {
        let trailers = ["Conversation: claude/0b7e-session", "Conversation: codex/rollout-2"]
        guard let placed = ConversationTrailers.appendedBlock(to: Array(message.utf8), trailers: trailers, commentChar: "#") else { return }
        let git = try GitCommand(directory: FileManager.default.temporaryDirectory.path, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
        let result = try git.run(
            ["-c", "core.commentChar=#", "interpret-trailers", "--no-divider", "--if-exists", "addIfDifferent", "--where", "end"]
                + trailers.flatMap { ["--trailer", $0] }, input: Array(message.utf8))
        #expect(result.status == 0)
        #expect(String(decoding: placed, as: UTF8.self) == String(decoding: result.stdout, as: UTF8.self))
    }

    @Test func theCommonMessagesNeedNoGit() {
        for message in ["x\n", "subject\n\nbody line\n", "x\n# Please enter the commit message for your changes.\n#\n"] {
            #expect(ConversationTrailers.appendedBlock(to: Array(message.utf8), trailers: ["Conversation: claude/s"], commentChar: "#") != nil, "\(message)")
        }
        #expect(ConversationTrailers.appendedBlock(to: Array("subject\n\nSigned-off-by: A <a@b>\n".utf8), trailers: ["Conversation: claude/s"], commentChar: "#") == nil)
    }
}
