import Foundation
import TestSupport
import Testing

/// The team flow in tree mode: a bare remote and clones on teammates' machines (own HOME, own
/// Claude and Codex sessions). What one archives and pushes, every other reads, searches and exports.
@Suite struct TeamFlowTests {
    let remote: TeamRemote
    let alice: TemporaryRepository
    let bob: TemporaryRepository

    init() throws {
        remote = try TeamRemote()
        alice = try remote.clone(as: "Alice")
        try alice.gitOK("config", "convo.remote", "origin")
        try alice.commitBaseAndInstall()
        try alice.gitOK("push", "-q", "-u", "origin", "main")
        bob = try remote.clone(as: "Bob")
        try bob.gitOK("config", "convo.remote", "origin")
        #expect(try bob.convoHook("install").status == 0)
    }

    @discardableResult
    private func commit(_ repo: TemporaryRepository, _ file: String) throws -> String {
        try repo.write(file, file + "\n")
        try repo.gitOK("add", file)
        let result = try repo.git("commit", "-q", "-m", "add \(file)")
        #expect(result.status == 0, "\(result.stderr)")
        return try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func push(_ repo: TemporaryRepository) throws {
        let result = try repo.git("push", "-q", "origin", "main")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("failed"), "\(result.stderr)")
    }

    @Test func whatEachArchivesAndPushesEveryOneReadsSearchesAndExports() throws {
        let claude = try ClaudeTranscript(configDir: alice.home + "/.claude", cwd: alice.path, prompt: "Design the tokenizer")
        try claude.append(role: "assistant", text: "Start with a table of token kinds.")
        let aliceCommit = try commit(alice, "tokenizer.txt")
        let codex = try CodexRollout(codexHome: bob.home + "/.codex", cwd: bob.path, prompt: "Write the HTTP endpoint")
        try codex.append(role: "assistant", text: "The handler returns JSON.")
        let bobCommit = try commit(bob, "endpoint.txt")

        try push(alice)
        // Bob's branch push is refused (Alice pushed main first), but his pre-push hook already merged
        // and pushed the notes; after a pull his next push goes through.
        let refused = try bob.git("push", "-q", "origin", "main")
        #expect(refused.status != 0)
        #expect(!refused.stderr.contains("convo-hook: pre-push"), "the archive sync itself never fails: \(refused.stderr)")
        try bob.gitOK("pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
        try push(bob)
        // A plain pull brings the notes too (install added the refspecs); convo-hook merges them when it reads.
        try alice.gitOK("pull", "-q", "--no-rebase")

        for repo in [alice, bob] {
            let log = try repo.convoHook("log", "--json")
            #expect(log.status == 0, "\(log.stderr)")
            let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]] ?? []
            let commits = Dictionary(uniqueKeysWithValues: entries.map { ($0["session"] as? String ?? "", $0["commits"] as? [String] ?? []) })
            #expect(commits["claude/\(claude.sessionID)"]?.contains(aliceCommit) == true, "\(log.stdout)")
            #expect(commits["codex/\(codex.sessionID)"]?.contains(bobCommit) == true, "\(log.stdout)")

            let search = try repo.convoHook("search", "tokenizer OR endpoint", "--json")
            #expect(search.status == 0, "\(search.stderr)")
            #expect(search.stdout.contains(claude.sessionID) && search.stdout.contains(codex.sessionID), "\(search.stdout)")

            let export = try repo.convoHook("export")
            #expect(export.status == 0, "\(export.stderr)")
            let pages = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/knowledge-base/sessions").sorted()
            #expect(pages == ["2026-11-24-write-the-http-endpoint.md", "2026-11-25-design-the-tokenizer.md"])
        }
        for target in [aliceCommit, bobCommit] {
            let onAlice = try alice.convoHook("show", target, "--format", "jsonl")
            let onBob = try bob.convoHook("show", target, "--format", "jsonl")
            #expect(onAlice.status == 0 && onBob.status == 0, "\(onAlice.stderr)\(onBob.stderr)")
            #expect(onAlice.stdout == onBob.stdout)
            #expect(!onAlice.stdout.isEmpty)
        }
        #expect(try alice.gitOK("rev-parse", "refs/notes/convo") == (try bob.gitOK("rev-parse", "refs/notes/convo")))
        #expect(try remote.git("rev-parse", "refs/notes/convo") == (try bob.gitOK("rev-parse", "refs/notes/convo")))
    }

    @Test func aCommitNotedOnBothSidesKeepsBothSessionsInOneLine() throws {
        let base = try alice.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let aliceNote = #"{"sessions":[{"folder":"f/a","lines":[{"first":1,"last":4,"stream":"main"}],"session":"claude/a"}]}"#
        let bobNote =
            #"{"sessions":[{"folder":"f/b","lines":[{"first":1,"last":2,"stream":"main"}],"session":"codex/b"},{"folder":"f/a","lines":[{"first":5,"last":9,"stream":"main"}],"session":"claude/a"}]}"#
        try alice.gitOK("notes", "--ref=convo", "add", "-m", aliceNote, base)
        try bob.gitOK("notes", "--ref=convo", "add", "-m", bobNote, base)
        #expect(try alice.convoHook("sync", "--remote", "origin").status == 0)
        let sync = try bob.convoHook("sync", "--remote", "origin")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout == "convo-hook: refs/notes/convo: merged with origin\nconvo-hook: pushed refs/notes/convo to origin\n")
        let fetch = try alice.convoHook("fetch")
        #expect(fetch.stdout == "convo-hook: refs/notes/convo: fast-forwarded to origin\n", "\(fetch.stderr)")

        // One line, as the hooks write notes: each session once, its ranges united, sessions sorted.
        let merged =
            #"{"sessions":[{"folder":"f/a","lines":[{"first":1,"last":4,"stream":"main"},{"first":5,"last":9,"stream":"main"}],"session":"claude/a"},{"folder":"f/b","lines":[{"first":1,"last":2,"stream":"main"}],"session":"codex/b"}]}"#
            + "\n"
        for repo in [alice, bob] {
            #expect(try repo.gitOK("notes", "--ref=convo", "show", base) == merged)
            #expect(try repo.gitOK("rev-list", "--parents", "-1", "refs/notes/convo").split(separator: " ").count == 3, "a merge of both chains")
        }
        let again = try alice.convoHook("fetch")
        #expect(again.stdout == "convo-hook: refs/notes/convo: up to date with origin\n")
    }

    @Test func concurrentNoteWritersAllMergeAndAllEndWithEverything() throws {
        let carol = try remote.clone(as: "Carol")
        #expect(try carol.convoHook("install").status == 0)
        let team = [alice, bob, carol]
        var noted: [String] = []
        for (i, repo) in team.enumerated() {
            try repo.gitOK("checkout", "-q", "-b", "work-\(i)")
            _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Task number \(i)")
            noted.append(try commit(repo, "work-\(i).txt"))
            try repo.gitOK("push", "-q", "--no-verify", "origin", "work-\(i)")
        }
        let processes = try team.map { repo -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Products.convoHook)
            process.arguments = ["sync", "--remote", "origin"]
            process.currentDirectoryURL = URL(fileURLWithPath: repo.path)
            process.environment = repo.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        processes.forEach { $0.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0], "no teammate sees a failure")

        for repo in team {
            #expect(try repo.convoHook("fetch").status == 0)
            let listed = try repo.gitOK("notes", "--ref=convo", "list").split(separator: "\n").map { String($0.split(separator: " ")[1]) }
            #expect(Set(listed) == Set(noted), "every clone has every note")
            #expect(try repo.gitOK("rev-parse", "refs/notes/convo") == (try remote.git("rev-parse", "refs/notes/convo")))
        }
    }

    @Test func installAddsTheFetchRefspecsAndUninstallRemovesOnlyThose() throws {
        let defaultRefspec = "+refs/heads/*:refs/remotes/origin/*"
        let ours = ["+refs/notes/convo*:refs/convo-remotes/origin/notes/convo*", "+refs/convo/*:refs/convo-remotes/origin/convo/*"]
        #expect(try alice.gitOK("config", "--get-all", "remote.origin.fetch") == ([defaultRefspec] + ours).joined(separator: "\n") + "\n")
        #expect(try alice.convoHook("install").stdout == "convo-hook: already installed, nothing changed\n")
        try alice.gitOK("config", "--add", "remote.origin.fetch", "+refs/tags/*:refs/tags/*")
        let uninstall = try alice.convoHook("uninstall")
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(uninstall.stdout.contains("convo-hook: removed remote.origin.fetch=\(ours[0])\n"))
        #expect(try alice.gitOK("config", "--get-all", "remote.origin.fetch") == "\(defaultRefspec)\n+refs/tags/*:refs/tags/*\n")
    }

    @Test func aPlainFetchOfARemoteWithoutConversationRefsStillWorks() throws {
        let fetch = try bob.git("fetch", "origin")
        #expect(fetch.status == 0, "\(fetch.stderr)")
        let convo = try bob.convoHook("fetch")
        #expect(convo.status == 0)
        #expect(convo.stdout == "convo-hook: origin has no conversation refs yet (refs/notes/convo, refs/convo/archive)\n")
        let unknown = try bob.convoHook("fetch", "upstream")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "convo-hook: no git remote named 'upstream' (configured: origin)\n")
    }
}
