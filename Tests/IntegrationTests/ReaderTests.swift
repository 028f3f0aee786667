import Foundation
import TestSupport
import Testing

/// The readers on a repository whose archive is in the round-2 layout (parts written by hand, committed
/// without hooks, no notes): `log`, `show` (a session, a commit), `stats`, `search`.
@Suite struct ReaderTests {
    let repo: TemporaryRepository
    let fixture: FixtureArchive
    let main = Fixtures.lines("claude-main.jsonl")
    let claude = "20251119-095800-7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"
    var first = "", second = ""

    init() throws {
        repo = try TemporaryRepository()
        fixture = FixtureArchive(root: repo.path)
        try repo.write("README", "hello\n")
        try repo.gitOK("add", "README")
        try repo.gitOK("commit", "-qm", "base")
        // First commit: lines 1–12 of the main stream.
        try fixture.writePart(source: "claude", session: claude, lines: main, range: 1...12)
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "Plan the retry")
        first = try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        // Second: another branch's 1–18 merged in, the rest, and the subagent.
        try fixture.writePart(source: "claude", session: claude, lines: main, range: 1...18)
        try fixture.writePart(source: "claude", session: claude, lines: main, range: 13...main.count)
        let agent = Fixtures.lines("claude-agent-a91f2c.jsonl")
        try fixture.writePart(source: "claude", session: claude, stream: "subagents/agent-a91f2c", lines: agent, range: 1...agent.count)
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "Write the docs")
        second = try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ args: String...) throws -> Any {
        let result = try repo.convoHook(args)
        #expect(result.status == 0, "\(args): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func logDerivesEverythingFromTheLines() throws {
        let entries = try #require(try json("log", "--json") as? [[String: Any]])
        #expect(entries.count == 1)
        let e = entries[0]
        #expect(e["title"] as? String == "HTTP client retry with exponential backoff and a strict setting")
        #expect(e["lines"] as? Int == 31)
        #expect(e["sessionID"] as? String == "7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37")
        #expect(e["models"] as? [String] == ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"])
        let tokens = try #require(e["tokens"] as? [String: Int])
        #expect(tokens == ["input": 49, "output": 1389, "cacheRead": 93400, "cacheWrite": 10600])
        #expect(abs((e["cost"] as? Double ?? 0) - 0.074218) < 1e-9)
        #expect(e["durationSeconds"] as? Int == 2610)
        let text = try repo.convoHook("log").stdout
        #expect(text.contains("claude/7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37  31 lines, 43 min 30 s, 105,438 tokens, $0.07"), "\(text)")
    }

    @Test func showCommitWithoutNotesShowsOnlyItsLines() throws {
        let earlier = try repo.convoHook("show", first)
        #expect(earlier.status == 0, "\(earlier.stderr)")
        #expect(earlier.stdout.contains("- Shown: lines main 1–12"))
        #expect(earlier.stdout.contains("Add retry with exponential backoff"))
        #expect(!earlier.stdout.contains("Docs written"))
        #expect(earlier.stdout.contains("- Tokens: 17 input · 464 output · 30,000 cache read · 2,300 cache write"), "the messages whose last line it carries")
        let later = try repo.convoHook("show", second)
        #expect(later.stdout.contains("- Shown: lines main 13–25, subagents/agent-a91f2c 1–6"), "\(later.stdout.prefix(800))")
        #expect(later.stdout.contains("Docs written"))
        #expect(!later.stdout.contains("Add retry with exponential backoff to the HTTP client"))
        let jsonl = try repo.convoHook("show", second, "--format", "jsonl").stdout
        #expect(jsonl.split(separator: "\n").count == 13 + 6)
        let none = try repo.convoHook("show", "HEAD~2")
        let base = try repo.gitOK("rev-parse", "HEAD~2").prefix(7)
        #expect(none.status == 1 && none.stderr == "convo-hook: commit \(base) carries no conversation\n")
    }

    @Test func statsByCommitChargesEachMessageToTheCommitCarryingItsLastLine() throws {
        let rows = try #require(try json("stats", "--by", "commit", "--json") as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == [second, first])
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as! String, $0) })
        // First commit: msg_01A (last line 8) and msg_01B (last line 11).
        #expect(byKey[first]?["tokens"] as? [String: Int] == ["input": 17, "output": 464, "cacheRead": 30000, "cacheWrite": 2300])
        #expect(byKey[first]?["messages"] as? Int == 2)
        // Second: the other four main messages and the subagent's three.
        #expect(byKey[second]?["tokens"] as? [String: Int] == ["input": 32, "output": 925, "cacheRead": 63400, "cacheWrite": 8300])
        #expect(byKey[second]?["label"] as? String == "Write the docs")
        let table = try repo.convoHook("stats", "--by", "commit").stdout
        #expect(table.contains(String(first.prefix(12)) + " Plan the retry"))
        let models = try repo.convoHook("stats", "--by", "model").stdout
        #expect(models.hasPrefix("model "), "\(models)")
    }

    @Test func searchAnswersAQuestionWithOneMarkerConvention() throws {
        let hits = try #require(try json("search", "why did we pick teal", "--json") as? [[String: Any]])
        let top = try #require(hits.first)
        #expect(top["role"] as? String == "rejection")
        #expect((top["snippet"] as? String)?.contains("[[picked]] [[teal]]") == true)
        #expect(top["commits"] as? [String] == [second])
        #expect(top["stream"] as? String == "main" && top["line"] as? Int == 15)
        let text = try repo.convoHook("search", "teal").stdout
        #expect(text.contains("**[[teal]]**") && !text.contains("****"), "no terminal here: the bracket convention, never doubled bold")
    }

    @Test func exportCountsSubagentWritesAndKeepsRefusalWords() throws {
        let result = try repo.convoHook("export")
        #expect(result.status == 0, "\(result.stderr)")
        let dir = repo.path + "/knowledge-base/sessions"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first)
        #expect(name == "2025-11-19-http-client-retry-with-exponential-backoff-and-a.md")
        let page = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
        #expect(page.contains("## Files changed\n\n- `docs/retry-notes.md`\n\n"), "the subagent's write; the refused edit changed nothing")
        #expect(page.contains("## Goal\n\n> Add retry with exponential backoff"), "the first prompt a person typed, not a command")
        #expect(
            page.contains(
                "- `Edit` was refused; you said:\n  > really? Can't we provide a setting to make the retry policy strict? The badge stays teal, we picked teal because it passes contrast checks."
            ))
        #expect(page.contains("- `npm test -- retry` failed: Exit code 1"))
        #expect(page.contains("- Tokens: 49 input · 1,389 output · 93,400 cache read · 10,600 cache write"))
        #expect(page.contains("## Prompts\n\n1. `/review src/http.ts`") || page.contains("## Prompts\n\n1. > /review src/http.ts"))
    }
}
