import Foundation
import TestSupport
import Testing

/// What a plain `git fetch` brought into refs/convo-remotes/ is merged by the next reading command;
/// the archive ref keeps both chains and every file of both trees.
@Suite struct FetchedRefsTests {
    let repo: TemporaryRepository
    let folder = ".claude/conversations/claude/20261125-100000-s1"

    init() throws {
        repo = try TemporaryRepository()
    }

    /// An archive commit holding `files` (path → content), made with git's plumbing.
    private func archiveCommit(_ files: [String: String], parent: String?, message: String) throws -> String {
        var environment = repo.environment
        environment["GIT_INDEX_FILE"] = repo.root + "/archive-index"
        try? FileManager.default.removeItem(atPath: repo.root + "/archive-index")
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let blob = try Shell.run(["git", "hash-object", "-w", "--stdin"], in: repo.path, environment: environment, input: content).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let added = try Shell.run(["git", "update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)"], in: repo.path, environment: environment)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let tree = try Shell.run(["git", "write-tree"], in: repo.path, environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return try repo.gitOK(["commit-tree", tree, "-m", message] + (parent.map { ["-p", $0] } ?? []))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theNextReadingCommandMergesBothArchiveChainsIntoTheUnionOfBothTrees() throws {
        let base = [folder + "/meta.json": "{\"lineCount\":1}\n", folder + "/0001.jsonl": "{\"type\":\"user\"}\n"]
        let b = try archiveCommit(base, parent: nil, message: "base")
        var mine = base
        mine[folder + "/meta.json"] = "{\"lineCount\":2}\n"
        mine[folder + "/0002.jsonl"] = "{\"type\":\"assistant\"}\n"
        let local = try archiveCommit(mine, parent: b, message: "mine")
        var theirs = base
        theirs[folder + "/meta.json"] = "{\"lineCount\":1,\"title\":\"longer\"}\n"
        theirs[".claude/conversations/codex/20261125-110000-s2/000001-000001-0a1b2c3d.jsonl"] = "{\"type\":\"session_meta\"}\n"
        let fetched = try archiveCommit(theirs, parent: b, message: "theirs")
        try repo.gitOK("update-ref", "refs/convo/archive", local)
        try repo.gitOK("update-ref", "refs/convo-remotes/origin/convo/archive", fetched)

        let log = try repo.convoHook("log")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stderr == "")
        let parents = try repo.gitOK("rev-list", "--parents", "-1", "refs/convo/archive").split(separator: " ").dropFirst()
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(parents == [local, fetched])
        #expect(
            try repo.gitOK("ls-tree", "-r", "--name-only", "refs/convo/archive").split(separator: "\n") == [
                ".claude/conversations/claude/20261125-100000-s1/0001.jsonl",
                ".claude/conversations/claude/20261125-100000-s1/0002.jsonl",
                ".claude/conversations/claude/20261125-100000-s1/meta.json",
                ".claude/conversations/codex/20261125-110000-s2/000001-000001-0a1b2c3d.jsonl",
            ])
        #expect(
            try repo.gitOK("show", "refs/convo/archive:\(folder)/meta.json") == "{\"lineCount\":1,\"title\":\"longer\"}\n",
            "the larger of two differing files is kept")
        #expect(try repo.gitOK("log", "-1", "--format=%s", "refs/convo/archive") == "Merge conversation archive from origin\n")

        let tip = try repo.gitOK("rev-parse", "refs/convo/archive")
        #expect(try repo.convoHook("log").status == 0)
        #expect(try repo.gitOK("rev-parse", "refs/convo/archive") == tip, "merged once")
    }

    /// Every command that reads the archive or the notes merges first (whether or not it then finds what
    /// it was asked for).
    @Test(arguments: [["log"], ["history", "README"], ["why", "README"], ["prompts", "s1"]])
    func aLocalRefContainedInTheFetchedOneMovesForward(_ command: [String]) throws {
        let first = try archiveCommit([folder + "/0001.jsonl": "{}\n"], parent: nil, message: "first")
        let second = try archiveCommit([folder + "/0001.jsonl": "{}\n", folder + "/0002.jsonl": "{}\n"], parent: first, message: "second")
        try repo.gitOK("update-ref", "refs/convo/archive", first)
        try repo.gitOK("update-ref", "refs/convo-remotes/origin/convo/archive", second)
        _ = try repo.convoHook(command)
        #expect(try repo.gitOK("rev-parse", "refs/convo/archive").trimmingCharacters(in: .whitespacesAndNewlines) == second)
    }
}
