import Foundation
import TestSupport
import Testing

@testable import HookKit

/// The libgit2 wrapper, checked against what the real `git` binary reads back.
@Suite struct GitWrapperTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        _ = ConfigIsolation.applied
    }

    @Test func discoversPathsFromASubfolderAndALinkedWorktree() throws {
        try repo.write("a/b/file", "x\n")
        let main = try Repository.discover(from: repo.path + "/a/b")
        #expect(main.workdir == repo.path)
        #expect(main.gitDir == repo.path + "/.git")
        #expect(main.commonDir == repo.path + "/.git")
        #expect(!main.isWorktree)

        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "one")
        try repo.gitOK("worktree", "add", "-q", repo.root + "/wt")
        let linked = try Repository.discover(from: repo.root + "/wt")
        #expect(linked.isWorktree)
        #expect(linked.workdir == repo.root + "/wt")
        #expect(linked.gitDir == repo.path + "/.git/worktrees/wt")
        #expect(linked.commonDir == repo.path + "/.git")
        #expect(try linked.hooksDirectory() == repo.path + "/.git/hooks")
    }

    @Test func hooksDirectoryFollowsCoreHooksPath() throws {
        let repository = try Repository.discover(from: repo.path)
        #expect(try repository.hooksDirectory() == repo.path + "/.git/hooks")
        try repo.gitOK("config", "core.hooksPath", ".husky/_")
        #expect(try Repository.discover(from: repo.path).hooksDirectory() == repo.path + "/.husky/_")
        try repo.gitOK("config", "core.hooksPath", "/opt/hooks/")
        #expect(try Repository.discover(from: repo.path).hooksDirectory() == "/opt/hooks")
        try repo.gitOK("config", "core.hooksPath", "~/hooks")
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        #expect(try Repository.discover(from: repo.path).hooksDirectory() == home + "/hooks")
    }

    @Test func configReadsAndWritesWhatGitSees() throws {
        let local = try Repository.discover(from: repo.path).config().localLevel()
        try local.set("convo.mode", to: "ref")
        try local.add("convo.redact", value: "one")
        try local.add("convo.redact", value: "two")
        try local.set("convo.partBytes", to: "4m")
        try local.set("convo.strict", to: "yes")
        #expect(try repo.gitOK("config", "convo.mode") == "ref\n")
        #expect(try repo.gitOK("config", "--get-all", "convo.redact") == "one\ntwo\n")

        let config = try Repository.discover(from: repo.path).config()
        #expect(try config.values("convo.redact") == ["one", "two"])
        #expect(try config.int("convo.partBytes") == 4 * 1024 * 1024)
        #expect(try config.bool("convo.strict") == true)
        #expect(try config.string("convo.missing") == nil)
        #expect(try config.entries(matching: "^convo\\.").map(\.name).sorted() == ["convo.mode", "convo.partbytes", "convo.redact", "convo.redact", "convo.strict"])

        try local.remove("convo.redact")
        try local.remove("convo.never-set")
        #expect(try repo.git("config", "--get-all", "convo.redact").stdout == "")
    }

    @Test func indexAtAnExplicitPathStagesABlob() throws {
        let repository = try Repository.discover(from: repo.path)
        let index = try repository.openIndex(at: repo.path + "/.git/index")
        let body = Array("line one\n".utf8)
        try body.withUnsafeBytes { try index.add(path: ".claude/conversations/s.jsonl", data: $0) }
        try index.write()
        #expect(try repo.gitOK("diff", "--cached", "--name-only") == ".claude/conversations/s.jsonl\n")
        #expect(try repo.gitOK("cat-file", "-p", ":.claude/conversations/s.jsonl") == "line one\n")
        #expect(index.entry(at: ".claude/conversations/s.jsonl")?.mode == 0o100644)
        try index.remove(path: ".claude/conversations/s.jsonl")
        try index.write()
        #expect(try repo.gitOK("diff", "--cached", "--name-only") == "")
    }

    @Test func treesCommitsReferencesAndNotes() throws {
        let repository = try Repository.discover(from: repo.path)
        guard case .unborn(let branch) = try repository.head() else {
            Issue.record("HEAD should be unborn")
            return
        }
        #expect(branch == "refs/heads/main")

        let blob = try Array("hello\n".utf8).withUnsafeBytes { try repository.createBlob($0) }
        let treeID = try repository.treeUpdated(base: repository.emptyTree(), updates: [.upsert(path: "deep/dir/hello.txt", blob: blob)])
        let me = Signature(name: "A U Thor", email: "a@example.com", time: 1_700_000_000, offsetMinutes: 60)
        let first = try repository.createCommit(author: me, committer: me, message: "first\n", tree: repository.tree(treeID), parents: [])
        try repository.updateReference(branch, to: first, expecting: nil, reflog: "commit (initial): first")
        #expect(try repo.gitOK("log", "--format=%an %ad %s", "--date=raw") == "A U Thor 1700000000 +0100 first\n")
        #expect(try repo.gitOK("ls-tree", "-r", "--name-only", "HEAD") == "deep/dir/hello.txt\n")
        #expect(try repository.head() == .branch(name: branch, target: first))

        let firstCommit = try repository.commit(first)
        let nextTree = try repository.treeUpdated(base: firstCommit.tree(), updates: [.remove(path: "deep/dir/hello.txt"), .upsert(path: "b.txt", blob: blob)])
        let second = try repository.createCommit(author: me, committer: me, message: "second\n", tree: repository.tree(nextTree), parents: [firstCommit])
        #expect(throws: GitError.self) {
            try repository.updateReference(branch, to: second, expecting: second, reflog: "stale")
        }
        try repository.updateReference(branch, to: second, expecting: first, reflog: "commit: second")
        #expect(try repo.gitOK("ls-tree", "-r", "--name-only", "HEAD") == "b.txt\n")
        #expect(try repo.gitOK("reflog", "-1", "--format=%gs", branch) == "commit: second\n")
        #expect(try repository.commit(second).parentIDs == [first])
        #expect(try repository.commit(second).tree().entry(at: "b.txt")?.id == blob)

        try repository.createNote("{\"sessions\":[]}\n", on: second, notesRef: "refs/notes/convo", author: me, committer: me, force: false)
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD") == "{\"sessions\":[]}\n")
        #expect(try repository.note(on: second, notesRef: "refs/notes/convo") == "{\"sessions\":[]}\n")
        #expect(try repository.note(on: first, notesRef: "refs/notes/convo") == nil)

        try repo.gitOK("checkout", "-q", "--detach")
        #expect(try repository.head() == .detached(target: second))
    }

    @Test func failuresCarryLibgit2sMessage() throws {
        let error = #expect(throws: GitError.self) { try Repository.discover(from: repo.home) }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("could not find repository") == true)
        #expect(error?.function == "git_repository_open_ext")
        #expect(error?.description == "not a git repository (or any of the parent directories)")
        #expect(OID(hex: "not-an-id") == nil)
        #expect(OID(hex: String(repeating: "0", count: 40))?.isZero == true)
    }

    @Test func signatureFollowsGitsPrecedence() throws {
        #expect(throws: GitError.self) { try Repository.discover(from: repo.path).signature(.author) }
        try repo.gitOK("config", "user.name", "Test User")
        try repo.gitOK("config", "user.email", "test@example.com")
        let repository = try Repository.discover(from: repo.path)
        #expect(try repository.signature(.author).name == "Test User")
        try repo.gitOK("config", "author.name", "Only Author")
        let config = try Repository.discover(from: repo.path)
        #expect(try config.signature(.author).name == "Only Author")
        #expect(try config.signature(.committer).name == "Test User")
    }
}

/// In-process libgit2 must not read the real user's git config: point its global/system search at an empty folder.
enum ConfigIsolation {
    static let applied: Void = {
        let empty = NSTemporaryDirectory() + "convo-hook-empty-config-\(getpid())"
        try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        Libgit2.restrictConfigSearch(to: empty)
    }()
}
