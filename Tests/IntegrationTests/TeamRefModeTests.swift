import Foundation
import TestSupport
import Testing

/// The team flow in ref mode: the archive lives on refs/convo/archive, which a clone does not get by
/// itself. `fetch` brings it, readers find it without any setting, and two teammates' archive chains
/// merge whichever pushes first.
@Suite struct TeamRefModeTests {
    let remote: TeamRemote
    let alice: TemporaryRepository
    let aliceSession: ClaudeTranscript
    let aliceCommit: String

    init() throws {
        remote = try TeamRemote()
        alice = try remote.clone(as: "Alice")
        try alice.gitOK("config", "convo.remote", "origin")
        let install = try alice.convoHook("install", "--mode", "ref")
        #expect(install.status == 0, "\(install.stderr)")
        try alice.write("README", "hello\n")
        try alice.gitOK("add", "README")
        try alice.gitOK("commit", "-q", "-m", "base")
        aliceSession = try ClaudeTranscript(configDir: alice.home + "/.claude", cwd: alice.path, prompt: "Plan the cache eviction")
        try aliceSession.append(role: "assistant", text: "Evict the least recently used entry.")
        aliceCommit = try TeamRefModeTests.commit(alice, "cache.txt")
        let push = try alice.git("push", "-q", "-u", "origin", "main")
        #expect(push.status == 0, "\(push.stderr)")
        #expect(try remote.refs() == ["refs/convo/archive", "refs/heads/main", "refs/notes/convo"])
    }

    static func commit(_ repo: TemporaryRepository, _ file: String) throws -> String {
        try repo.write(file, file + "\n")
        try repo.gitOK("add", file)
        let result = try repo.git("commit", "-q", "-m", "add \(file)")
        #expect(result.status == 0, "\(result.stderr)")
        return try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aFreshCloneReadsTheArchiveAfterFetchWithoutAnySetting() throws {
        let carol = try remote.clone(as: "Carol")
        #expect(try carol.convoHook("log").stdout == "no archived sessions\n")

        let fetch = try carol.convoHook("fetch")
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(fetch.stdout == "convo-hook: refs/convo/archive: created from origin\nconvo-hook: refs/notes/convo: created from origin\n")
        #expect(try carol.git("config", "convo.mode").status == 1, "no setting needed")

        let log = try carol.convoHook("log")
        #expect(log.status == 0, "\(log.stderr)")
        let line = log.stdout.split(separator: "\n").first { $0.contains("claude/\(aliceSession.sessionID)  2 lines") }
        #expect(line?.contains(" \(aliceCommit.prefix(7)) ") == true, "\(log.stdout)")
        let onAlice = try alice.convoHook("show", aliceCommit, "--format", "jsonl")
        let onCarol = try carol.convoHook("show", aliceCommit, "--format", "jsonl")
        #expect(onCarol.status == 0, "\(onCarol.stderr)")
        #expect(onCarol.stdout == onAlice.stdout)
        #expect(onCarol.stdout.contains("Evict the least recently used entry."))
        let search = try carol.convoHook("search", "eviction")
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("claude/\(aliceSession.sessionID)"), "\(search.stdout)")
        #expect(search.stdout.contains("commit \(aliceCommit.prefix(12))"), "\(search.stdout)")
        let export = try carol.convoHook("export")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: carol.path + "/knowledge-base/sessions") == ["2026-11-25-plan-the-cache-eviction.md"])
    }

    @Test func installOnACloneTakesTheTeamsModeFromTheRemote() throws {
        let carol = try remote.clone(as: "Carol")
        let install = try carol.convoHook("install")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("convo-hook: refs/convo/archive: created from origin\n"), "\(install.stdout)")
        #expect(try carol.gitOK("config", "convo.mode") == "ref\n")
    }

    @Test func bothArchiveAndPushInAnyOrderAndBothEndWithEverySession() throws {
        let bob = try remote.clone(as: "Bob")
        #expect(try bob.convoHook("install").status == 0)
        try bob.gitOK("config", "convo.remote", "origin")
        let bobSession = try CodexRollout(codexHome: bob.home + "/.codex", cwd: bob.path, prompt: "Add metrics for cache hits")
        let bobCommit = try TeamRefModeTests.commit(bob, "metrics.txt")
        try aliceSession.append(role: "user", text: "And a size limit?")
        let aliceSecond = try TeamRefModeTests.commit(alice, "limit.txt")
        #expect(!(try bob.gitOK("ls-tree", "-r", "--name-only", "HEAD")).contains("conversations"), "Bob archives the team's way")

        let alicePush = try alice.git("push", "-q", "origin", "main")
        #expect(alicePush.status == 0, "\(alicePush.stderr)")
        let bobSync = try bob.convoHook("sync")
        #expect(bobSync.status == 0, "\(bobSync.stderr)")
        #expect(bobSync.stdout.contains("convo-hook: refs/convo/archive: merged with origin\n"), "\(bobSync.stdout)")
        try bob.gitOK("pull", "-q", "--no-rebase", "--no-edit")
        #expect(try bob.git("push", "-q", "origin", "main").status == 0)
        try alice.gitOK("pull", "-q", "--no-rebase")

        for repo in [alice, bob] {
            let log = try repo.convoHook("log")
            #expect(log.status == 0, "\(log.stderr)")
            #expect(log.stdout.contains("claude/\(aliceSession.sessionID)  3 lines"), "\(log.stdout)")
            #expect(log.stdout.contains("codex/\(bobSession.sessionID)  "), "\(log.stdout)")
            let parents = try repo.gitOK("rev-list", "--parents", "--merges", "refs/convo/archive").split(separator: "\n")
            #expect(parents.count == 1, "one merge keeps both archive chains")
            let search = try repo.convoHook("search", "cache")
            #expect(search.stdout.contains(aliceSession.sessionID) && search.stdout.contains(bobSession.sessionID), "\(search.stdout)")
        }
        #expect(try alice.gitOK("rev-parse", "refs/convo/archive") == (try bob.gitOK("rev-parse", "refs/convo/archive")))
        for target in [aliceSecond, bobCommit] {
            #expect(try alice.convoHook("show", target, "--format", "jsonl").stdout == (try bob.convoHook("show", target, "--format", "jsonl").stdout))
        }
    }
}
