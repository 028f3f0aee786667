import Foundation
import TestSupport
import Testing

@testable import HookKit

/// `stats` figures against a hand count of the fixture sessions (see SessionFactsTests for the per-message
/// figures: main 37/1229/85100/6100, subagent 12/160/8300/4500, Codex 6000/1100/15000/0, Aider 5600/505/0/1200).
@Suite struct StatsTests {
    let archive: ConversationArchive
    let fixture: FixtureArchive

    init() throws {
        fixture = try FixtureArchive()
        try fixture.writeSampleSessions()
        archive = ConversationArchive(
            reader: ArchiveReader(storage: FolderStorage(root: fixture.root), layout: .repository(root: fixture.archiveDir)),
            repository: nil, archiveRoot: fixture.archiveDir, place: "fixture", cachePath: nil)
    }

    func row(_ rows: [ConversationStats.Row], _ key: String) -> ConversationStats.Row? { rows.first { $0.key == key } }

    @Test func byModelEqualsTheHandCount() throws {
        let rows = ConversationStats.rows(by: .model, archive: archive, prices: .builtin)
        let sonnet = try #require(row(rows, "claude-sonnet-4-5-20250929"))
        #expect(sonnet.messages == 6 && sonnet.tokens == ConversationLog.Tokens(TokenUsage(input: 37, output: 1229, cacheRead: 85100, cacheWrite: 6100)))
        #expect(abs((sonnet.cost ?? 0) - 0.066951) < 1e-9, "(37×3 + 1229×15 + 85100×0.30 + 6100×3.75) / 10^6")
        let haiku = try #require(row(rows, "claude-haiku-4-5-20251001"))
        #expect(haiku.messages == 3 && haiku.tokens == ConversationLog.Tokens(TokenUsage(input: 12, output: 160, cacheRead: 8300, cacheWrite: 4500)))
        #expect(abs((haiku.cost ?? 0) - 0.007267) < 1e-9)
        let codex = try #require(row(rows, "gpt-5-codex"))
        #expect(codex.messages == 2 && codex.tokens == ConversationLog.Tokens(TokenUsage(input: 6000, output: 1100, cacheRead: 15000)))
        #expect(abs((codex.cost ?? 0) - 0.020375) < 1e-9, "(6000×1.25 + 1100×10 + 15000×0.125) / 10^6")
        let aider = try #require(row(rows, "anthropic/claude-sonnet-4-20250514"))
        #expect(aider.messages == 2 && abs((aider.cost ?? 0) - 0.03) < 1e-9, "Aider's own reported cost")
        #expect(rows.count == 4)
    }

    @Test func bySessionBranchAndDay() throws {
        let sessions = ConversationStats.rows(by: .session, archive: archive, prices: .builtin)
        #expect(sessions.map(\.key).sorted() == ["aider/2025-11-18-14-02-09", "claude/7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37", "codex/0199a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b"])
        let claude = try #require(row(sessions, "claude/7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"))
        #expect(claude.messages == 9 && claude.tokens.output == 1389 && claude.label == "HTTP client retry with exponential backoff and a strict setting")
        let branches = ConversationStats.rows(by: .branch, archive: archive, prices: .builtin)
        #expect(row(branches, "feature/retry")?.messages == 9 && row(branches, "main")?.messages == 2)
        #expect(row(branches, "(no branch recorded)")?.messages == 2, "Aider records no branch")
        let days = ConversationStats.rows(by: .day, archive: archive, prices: .builtin)
        #expect(days.map(\.key) == ["2025-11-20", "2025-11-19", "2025-11-18"])
        let table = ConversationStats.table(sessions, by: .session)
        #expect(table.split(separator: "\n").last?.hasPrefix("total") == true)
        #expect(table.contains("1,389") || table.contains("7,194"))
    }
}
