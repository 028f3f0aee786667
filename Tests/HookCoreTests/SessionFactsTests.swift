import TestSupport
import Testing

@testable import HookCore

/// Facts derived from the lines: titles, times, models, and tokens counted once per API message.
@Suite struct SessionFactsTests {
    let archive: FixtureArchive
    let reader: ArchiveReader

    init() throws {
        archive = try FixtureArchive()
        try archive.writeSampleSessions()
        reader = ArchiveReader(storage: FolderStorage(root: archive.root), layout: .repository(root: archive.archiveDir))
    }

    func facts(_ source: String) throws -> SessionFacts {
        let session = try #require(reader.sessions().first { $0.source == source })
        return SessionFacts(reader.transcript(of: session))
    }

    /// Hand count from the fixture (claude-main.jsonl, claude-agent-a91f2c.jsonl): the final usage of each
    /// message id. Main: input 12+5+4+3+3+10, output 344+120+410+95+60+200, cache read
    /// 14000+16000+16300+16800+17000+5000, cache write 2000+300+500+200+100+3000. Subagent: input 8+2+2,
    /// output 40+90+30, cache read 0+4000+4300, cache write 4000+300+200.
    @Test func claudeTokensAreCountedOncePerMessageFromItsLastLine() throws {
        let f = try facts("claude")
        #expect(f.messages.count == 9)
        #expect(f.usage == TokenUsage(input: 49, output: 1389, cacheRead: 93400, cacheWrite: 10600))
        let first = try #require(f.messages.first)
        #expect(first.line == 8 && first.usage.output == 344, "the last line of msg_01A, not its partial counts")
        #expect(f.models == ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"])
        #expect(f.messages.filter { $0.stream == "subagents/agent-a91f2c" }.map(\.model) == Array(repeating: "claude-haiku-4-5-20251001", count: 3))
        #expect(f.messages.first?.branch == "feature/retry")
    }

    @Test func claudeFacts() throws {
        let f = try facts("claude")
        #expect(f.title == "HTTP client retry with exponential backoff and a strict setting", "the summary of this session, not the other one")
        #expect(f.sessionID == "7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37")
        #expect(f.cwd == "/home/dev/acme-api" && f.branch == "feature/retry")
        #expect(f.firstTime == "2025-11-19T09:58:00.000Z" && f.lastTime == "2025-11-19T10:41:30.000Z")
        #expect(f.durationSeconds == 43 * 60 + 30)
        #expect(f.lines == 25 + 6, "each line once although parts overlap")
        #expect(f.prompts == 3, "the command and two typed prompts; injected text is not counted")
    }

    @Test func codexAndAiderFacts() throws {
        let codex = try facts("codex")
        #expect(codex.title == "Add a /health endpoint that reports the DB status")
        #expect(codex.usage == TokenUsage(input: 6000, output: 1100, cacheRead: 15000))
        #expect(codex.models == ["gpt-5-codex"] && codex.branch == "main")
        let aider = try facts("aider")
        #expect(aider.title == "Add input validation to src/parse.py")
        #expect(aider.usage == TokenUsage(input: 5600, output: 505, cacheWrite: 1200, reportedCost: 0.03))
        #expect(aider.models == ["anthropic/claude-sonnet-4-20250514"])
    }

    @Test func titlesFollowOneRule() {
        #expect(SessionTitle.line("\n\n  Fix the lexer  \nmore") == "Fix the lexer")
        let long = "Refactor the configuration loader so that every setting is validated before the server starts listening"
        let cut = SessionTitle.line(long)!
        #expect(cut == "Refactor the configuration loader so that every setting is validated before the…")
        #expect(cut.count <= SessionTitle.limit && !cut.contains("listen"))
        #expect(SessionTitle.cut(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxx…")
    }

    @Test func theFactsCacheGivesBackWhatItStored() throws {
        let path = archive.root + "/cache/facts"
        let first = SessionFactsCache(path: path)
        let sessions = reader.sessions()
        let computed = sessions.map { first.facts(of: $0, reader: reader) }
        first.save()
        let second = SessionFactsCache(path: path)
        #expect(sessions.map { second.facts(of: $0, reader: reader) } == computed)
        // A new part changes the signature: the session is read again.
        let main = Fixtures.lines("claude-main.jsonl")
        try archive.writePart(
            source: "claude", session: "20251119-095800-7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37", lines: main + [#"{"type":"user","message":{"content":"one more"}}"#], range: 26...26)
        let claude = try #require(reader.sessions().first { $0.source == "claude" })
        #expect(second.facts(of: claude, reader: reader).lines == 32)
    }

    @Test func pricesAreDataAndOverridable() throws {
        let table = PriceTable.builtin
        #expect(!table.checked.isEmpty && table.prices.count > 10)
        #expect(table.price(for: "claude-sonnet-4-5-20250929")?.match == "claude-sonnet-4")
        #expect(table.price(for: "claude-opus-4-5-20251101")?.input == 5)
        #expect(table.price(for: "openrouter/openai/gpt-5-mini")?.match == "gpt-5-mini")
        #expect(table.price(for: "my-local-model") == nil)
        let cost = try #require(table.cost(TokenUsage(input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000, cacheWrite: 1_000_000), model: "claude-haiku-4-5"))
        #expect(abs(cost - (1 + 5 + 0.10 + 1.25)) < 1e-9)
        #expect(table.cost(TokenUsage(input: 5, reportedCost: 0.5), model: "anything") == 0.5)
        let custom = try table.overriding(with: ["my-local-model=0.5,1", "claude-sonnet-4=1,2,0.1,0.2"], base: "/")
        #expect(custom.price(for: "my-local-model-7b")?.output == 1)
        #expect(custom.price(for: "claude-sonnet-4-5")?.input == 1)
        #expect(throws: ArchiveError.self) { try table.overriding(with: ["x=1"], base: "/") }
        #expect(throws: ArchiveError.self) { try table.overriding(with: ["missing-file.json"], base: archive.root) }
    }
}

/// Records archived again when their tool changed them (sources that rewrite whole files): readers keep
/// the last version, where the record first appeared.
@Suite struct RevisionTests {
    @Test func theLastVersionOfARecordTakesItsFirstPlace() {
        func event(_ kind: ConversationEvent.Kind, _ line: Int, _ revision: String?) -> ConversationEvent {
            var e = ConversationEvent(kind, line: line)
            e.revision = revision
            return e
        }
        let events = [
            event(.prompt(Prompt(text: "hi", origin: .person)), 1, "m1"),
            event(.reply("draft"), 2, "m2"),
            event(.notice("plain"), 3, nil),
            event(.reply("final answer"), 4, "m2"),
            event(.usage(TokenUsage(output: 9)), 4, "m2"),
        ]
        let kept = SessionTranscript.lastRevisions(events)
        #expect(kept.map(\.line) == [1, 4, 4, 3])
        #expect(kept.compactMap(\.reply) == ["final answer"])
        #expect(SessionTranscript.lastRevisions(Array(events[2...2])).count == 1)
    }
}
