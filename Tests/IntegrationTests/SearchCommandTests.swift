import Foundation
import TestSupport
import Testing

/// `convo-hook search` over archives made by real commits through the installed hooks.
@Suite struct SearchCommandTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
    }

    private func commitFile(_ name: String, in repository: TemporaryRepository? = nil) throws {
        let r = repository ?? repo
        try r.write(name, UUID().uuidString + "\n")
        try r.gitOK("add", name)
        try r.gitOK("commit", "-q", "-m", "add \(name)")
    }

    private func head(_ r: TemporaryRepository? = nil) throws -> String {
        try (r ?? repo).gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func hits(_ args: String..., in r: TemporaryRepository? = nil) throws -> [[String: Any]] {
        let result = try (r ?? repo).convoHook(["search", "--json"] + args)
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func hitsNameTheCommitsThatCarryTheirLines() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Should the cache use memoization?")
        try session.append(role: "assistant", text: "Decision: memoization in the resolver.")
        try commitFile("a.txt")
        let first = try head()
        try session.append(role: "user", text: "Now add backpressure to the queue", timestamp: "2026-11-25T11:00:00.000Z")
        try commitFile("b.txt")
        let second = try head()

        let early = try hits("memoization")
        #expect(early.count == 2)
        #expect(early.allSatisfy { ($0["commits"] as? [String]) == [first] })
        #expect(early.allSatisfy { $0["sessionID"] as? String == session.sessionID })
        #expect(Set(early.compactMap { $0["role"] as? String }) == ["user", "assistant"])
        let late = try hits("backpressure")
        #expect(late.count == 1)
        #expect(late.first?["commits"] as? [String] == [second])
        #expect(late.first?["time"] as? String == "2026-11-25T11:00:00.000Z")
        #expect((late.first?["snippet"] as? String)?.contains("[[backpressure]]") == true)

        let text = try repo.convoHook("search", "memoization")
        #expect(text.stdout.contains("commit \(first.prefix(12))"), "\(text.stdout)")
        #expect(text.stdout.contains("claude/\(session.sessionID)"))
    }

    @Test func newCommitsAreIndexedIncrementally() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "plan the tokenizer")
        try commitFile("a.txt")
        let built = try repo.convoHook("search", "tokenizer")
        #expect(built.stderr.contains("building the search index"))
        #expect(try hits("quorum").isEmpty)
        try session.append(role: "assistant", text: "Use a quorum of three replicas.")
        try commitFile("b.txt")
        repo.environment["CONVO_HOOK_TRACE"] = "1"
        let traced = try repo.convoHook("search", "quorum")
        #expect(traced.stdout.contains("[[quorum]]"), "\(traced.stdout)")
        #expect(traced.stderr.contains("1 to read"), "only the session with a new part is read: \(traced.stderr)")
        #expect(!traced.stderr.contains("building the search index"))
        let again = try repo.convoHook("search", "quorum")
        #expect(again.stderr.contains("archive unchanged since the last search"), "\(again.stderr)")
    }

    @Test func phrasePrefixAndSinceFromTheCommandLine() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "the config parser is slow")
        try session.append(role: "assistant", text: "parsing config later", timestamp: "2027-02-01T09:00:00.000Z")
        try commitFile("a.txt")
        #expect(try hits("\"config parser\"").count == 1)
        #expect(try hits("pars*").count == 2)
        let recent = try hits("pars*", "--since", "2027-01-01")
        #expect(recent.map { $0["time"] as? String } == ["2027-02-01T09:00:00.000Z"])
        #expect(try hits("pars*", "--session", String(session.sessionID.prefix(6))).count == 2)
        #expect(try hits("pars*", "--source", "codex").isEmpty)
    }

    @Test func deletedIndexIsRebuiltWithANotice() throws {
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "tombstone records on delete")
        try commitFile("a.txt")
        #expect(try hits("tombstone").count == 1)
        let indexFile = repo.path + "/.git/convo-hook/search.sqlite"
        #expect(FileManager.default.fileExists(atPath: indexFile))
        #expect(try repo.gitOK("status", "--porcelain") == "", "the index is never in the worktree")
        try FileManager.default.removeItem(atPath: indexFile)
        let rebuilt = try repo.convoHook("search", "tombstone")
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stderr.contains("building the search index"))
        #expect(rebuilt.stdout.contains("[[tombstone]]"))
        try Data("not a database at all".utf8 + Data(repeating: 0, count: 4096)).write(to: URL(fileURLWithPath: indexFile))
        try? FileManager.default.removeItem(atPath: indexFile + "-wal")
        try? FileManager.default.removeItem(atPath: indexFile + "-shm")
        let damaged = try repo.convoHook("search", "tombstone")
        #expect(damaged.status == 0, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("rebuilding the search index"), "\(damaged.stderr)")
        #expect(damaged.stdout.contains("[[tombstone]]"))
        let reindex = try repo.convoHook("search", "--reindex")
        #expect(reindex.status == 0 && reindex.stdout.contains("indexed 1 sessions (1 part files"), "\(reindex.stdout)\(reindex.stderr)")
    }

    @Test func badInputIsOneLine() throws {
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "anything")
        try commitFile("a.txt")
        for (args, message) in [
            ([""], "empty query"), (["\"open"], "unterminated phrase"), (["NOT x"], "NOT needs"),
            (["x", "--since", "soon"], "--since 'soon'"), (["x", "--limit", "0"], "--limit"),
        ] {
            let result = try repo.convoHook(["search"] + args)
            #expect(result.status == 2, "\(args): wrong usage")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(message), "\(args): \(result.stderr)")
        }
    }

    @Test func oddArchivedBytesNeverCrashAQuery() throws {
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "zebra \u{1B}[2J escape")
        try session.appendRaw(Data([0xFF, 0xFE, 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x00, 0x0A]))
        try session.appendRaw(Data("{\"type\":\"user\",\"message\":{\"content\":\"zebra \\ud800 lone\"}}\n".utf8))
        try commitFile("a.txt")
        let result = try repo.convoHook("search", "zebra")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"), "no escape sequence from the archive reaches the terminal")
        #expect(result.stdout.contains("[[zebra]]"))
    }

    @Test func refModeSearchesTheArchiveRefAndNamesTheCodeCommit() throws {
        try repo.gitOK("config", "convo.mode", "ref")
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "ref mode decision")
        try commitFile("a.txt")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.claude"), "ref mode keeps the worktree free of transcripts")
        let found = try hits("decision")
        #expect(found.count == 1)
        #expect((found.first?["commits"] as? [String]) == [try head()])
    }

    @Test func dirSearchesAMirrorOfTwoRepositories() throws {
        let other = try TemporaryRepository()
        try other.write("README", "x\n")
        try other.gitOK("add", "README")
        try other.gitOK("commit", "-qm", "base")
        #expect(try other.convoHook("install").status == 0)
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "alpha decision: use sharding")
        try commitFile("a.txt")
        _ = try ClaudeTranscript(configDir: other.home + "/.claude", cwd: other.path, prompt: "beta decision: avoid sharding")
        try commitFile("b.txt", in: other)
        // A mirror folder as `sync --to DIR` lays it out: one folder per repository holding its archive.
        let mirror = repo.root + "/mirror"
        try FileManager.default.createDirectory(atPath: mirror, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repo.path + "/.claude/conversations", toPath: mirror + "/alpha")
        try FileManager.default.copyItem(atPath: other.path + "/.claude/conversations", toPath: mirror + "/beta")
        let found = try hits("sharding", "--dir", mirror, in: repo)
        #expect(Set(found.compactMap { $0["repository"] as? String }) == ["alpha", "beta"])
        #expect(found.allSatisfy { ($0["commits"] as? [String]) == [] })
        #expect(!FileManager.default.fileExists(atPath: mirror + "/.convo-search.sqlite"))
        #expect(FileManager.default.fileExists(atPath: repo.home + "/.cache/convo-hook/search"), "the index is kept out of the synced folder")
        let text = try repo.convoHook("search", "--dir", mirror, "\"avoid sharding\"", in: repo.home)
        #expect(text.status == 0 && text.stdout.contains("beta · claude/"), "\(text.stdout)\(text.stderr)")
        #expect(!text.stdout.contains("alpha"))
    }
}
