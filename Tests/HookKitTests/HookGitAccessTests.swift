import Foundation
import TestSupport
import Testing

@testable import HookKit

/// What the libgit2-free pre-commit reads from git (`git config`, the hook's folders) must match what
/// libgit2 reads for every other command.
extension GitWrapperTests {
    @Test func configSnapshotReadsWhatLibgit2Reads() throws {
        try repo.gitOK("config", "convo.mode", "ref")
        try repo.gitOK("config", "convo.partBytes", "8k")
        try repo.gitOK("config", "--add", "convo.redact", "first")
        try repo.gitOK("config", "--add", "convo.redact", "second value")
        try repo.gitOK("config", "convo.keepImages", "off")
        try repo.gitOK("config", "core.commentChar", ";")
        try repo.write("extra.conf", "[convo]\n\tdir = notes/convo\n")
        try repo.gitOK("config", "include.path", repo.path + "/extra.conf")
        // A key without `=` is true to git.
        let configFile = repo.path + "/.git/config"
        try (String(contentsOfFile: configFile, encoding: .utf8) + "[convo]\n\tStrict\n").write(toFile: configFile, atomically: true, encoding: .utf8)

        let snapshot = try GitConfigSnapshot.read(sections: ["convo", "core"], in: repo.path, environment: repo.environment)
        let libgit2 = try Repository.discover(from: repo.path).config()
        for key in ["convo.mode", "convo.dir", "core.commentChar", "convo.missing"] {
            #expect(try snapshot.string(key) == libgit2.string(key), "\(key)")
        }
        for key in ["convo.strict", "convo.keepImages", "convo.missing"] {
            #expect(try snapshot.bool(key) == libgit2.bool(key), "\(key)")
        }
        #expect(try snapshot.int("convo.partBytes") == 8192)
        #expect(try snapshot.int("convo.partBytes") == libgit2.int("convo.partBytes"))
        #expect(try snapshot.values("convo.redact") == ["first", "second value"])
        #expect(try snapshot.values("convo.redact") == libgit2.values("convo.redact"))

        let fromSnapshot = try ArchiveSettings(config: snapshot)
        let fromLibgit2 = try ArchiveSettings(config: libgit2)
        #expect(fromSnapshot.layout.root == "notes/convo")
        #expect(fromSnapshot.layout.root == fromLibgit2.layout.root)
        #expect(fromSnapshot.mode == .ref && fromSnapshot.strict && fromSnapshot.partBytes == 8192)
        #expect(fromSnapshot.redaction.extraPatterns == fromLibgit2.redaction.extraPatterns)
    }

    @Test func integersInEveryBaseGitAccepts() throws {
        for (value, expected) in [("0x100000", Int64(1 << 20)), ("010", 8), ("4m", 4 << 20), ("2K", 2048), ("-3", -3)] {
            try repo.gitOK("config", "convo.partBytes", value)
            let snapshot = try GitConfigSnapshot.read(sections: ["convo"], in: repo.path, environment: repo.environment)
            #expect(try snapshot.int("convo.partBytes") == expected, "\(value)")
            #expect(try Repository.discover(from: repo.path).config().int("convo.partBytes") == expected, "libgit2 agrees on \(value)")
        }
        for bad in ["k", "12x", "0x", "99999999999g"] {
            try repo.gitOK("config", "convo.partBytes", bad)
            let snapshot = try GitConfigSnapshot.read(sections: ["convo"], in: repo.path, environment: repo.environment)
            #expect(throws: ArchiveError.self, "\(bad)") { try snapshot.int("convo.partBytes") }
        }
    }

    @Test func badConfigValuesNameTheKey() throws {
        try repo.gitOK("config", "convo.partBytes", "lots")
        try repo.gitOK("config", "convo.strict", "maybe")
        let snapshot = try GitConfigSnapshot.read(sections: ["convo"], in: repo.path, environment: repo.environment)
        #expect(throws: ArchiveError.self) { try snapshot.int("convo.partBytes") }
        #expect((try? snapshot.int("convo.partBytes")) == nil)
        do {
            _ = try snapshot.bool("convo.strict")
            Issue.record("a bad boolean was accepted")
        } catch {
            #expect("\(error)" == "bad boolean config value 'maybe' for 'convo.strict'")
        }
    }

    @Test func hookLocationMatchesLibgit2InMainAndLinkedWorktrees() throws {
        try repo.write("file", "x\n")
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "one")
        try repo.gitOK("worktree", "add", "-q", repo.root + "/wt")
        try FileManager.default.createSymbolicLink(atPath: repo.root + "/link", withDestinationPath: repo.path)

        func libgit2Location(_ folder: String) throws -> RepositoryLocation { try Repository.discover(from: folder).location }
        // A plain commit: no GIT_DIR; reached through a symbolic link, the folders are still the real ones.
        #expect(try RepositoryLocation.fromHookEnvironment([:], in: repo.path) == libgit2Location(repo.path))
        #expect(try RepositoryLocation.fromHookEnvironment([:], in: repo.root + "/link") == libgit2Location(repo.path))
        // A linked worktree: git exports GIT_DIR; without it, the `.git` file leads to the same place.
        let linked = try libgit2Location(repo.root + "/wt")
        #expect(linked.gitDir == repo.path + "/.git/worktrees/wt" && linked.commonDir == repo.path + "/.git")
        #expect(try RepositoryLocation.fromHookEnvironment(["GIT_DIR": linked.gitDir], in: repo.root + "/wt") == linked)
        #expect(try RepositoryLocation.fromHookEnvironment([:], in: repo.root + "/wt") == linked)
        #expect(throws: ArchiveError.self) { try RepositoryLocation.fromHookEnvironment([:], in: repo.root) }
    }
}
