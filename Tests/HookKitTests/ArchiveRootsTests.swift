import Foundation
import TestSupport
import Testing

@testable import HookKit

/// Changing `convo.dir` keeps one archive: the folders an earlier setting filled are still found.
@Suite struct ArchiveRootsTests {
    @Test func rootsOfArchivePaths() {
        #expect(ArchiveRoots.root(of: ".claude/conversations/claude/20261125-100000-abc/0001.jsonl") == ".claude/conversations")
        #expect(ArchiveRoots.root(of: "docs/convos/codex/20261125-100000-abc/subagents/a/000001-000002-0123abcd.jsonl") == "docs/convos")
        #expect(ArchiveRoots.root(of: "convos/claude/20261125-100000-abc/0001.jsonl") == "convos")
        #expect(ArchiveRoots.root(of: "claude/20261125-100000-abc/0001.jsonl") == nil, "a source folder alone is not a root")
        #expect(ArchiveRoots.root(of: "src/2026/20261125-100000-abc") == nil, "a file named like a session folder is not one")
        #expect(ArchiveRoots.root(of: "README") == nil)
    }

    @Test func theOldFolderIsFoundAfterConvoDirChanges() throws {
        let repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Before the move")
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        try repo.gitOK("commit", "-qm", "a")
        try repo.gitOK("config", "convo.dir", "docs/convos")
        let repository = try Repository.discover(from: repo.path)
        #expect(ArchiveRoots.tracked(by: repository, configured: "docs/convos") == ["docs/convos", ".claude/conversations"])
        let head = try repository.commit(try #require(repository.resolveCommit("HEAD")))
        #expect(try ArchiveRoots.inTree(head.tree(), repository: repository, configured: "docs/convos") == ["docs/convos", ".claude/conversations"])
        #expect(ArchiveRoots.tracked(by: repository, configured: ".claude/conversations") == [".claude/conversations"])
    }
}
