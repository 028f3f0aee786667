import Foundation
import TestSupport
import Testing

@testable import HookKit

/// `show` of each fixture session against its checked-in markdown (reviewed by eye once; regenerate with
/// `CONVO_HOOK_UPDATE_GOLDEN=1 swift test --filter ShowGoldenTests` and review the diff).
@Suite struct ShowGoldenTests {
    let fixture: FixtureArchive
    let archive: ConversationArchive

    init() throws {
        fixture = try FixtureArchive()
        try fixture.writeSampleSessions()
        try fixture.writeOtherAssistantSessions()
        archive = ConversationArchive(
            reader: ArchiveReader(storage: FolderStorage(root: fixture.root), layout: .repository(root: fixture.archiveDir)),
            repository: nil, archiveRoot: fixture.archiveDir, place: "fixture", cachePath: nil)
    }

    func rendered(_ source: String) throws -> String {
        let session = try #require(archive.sessions().first { $0.source == source })
        return ConversationShow.render(session, in: archive, ranges: nil, format: .md, prices: .builtin)
    }

    @Test(arguments: ["claude", "codex", "aider", "gemini", "copilot", "cursor", "opencode", "amp", "cline"])
    func showMatchesTheGoldenFile(_ source: String) throws {
        let path = Fixtures.directory + "/golden/show-\(source).md"
        let markdown = try rendered(source)
        if ProcessInfo.processInfo.environment["CONVO_HOOK_UPDATE_GOLDEN"] == "1" {
            try markdown.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown == golden, "show-\(source).md differs; regenerate and review if the change is intended")
    }

    @Test func showCarriesHeaderFactsToolsAndSubagents() throws {
        let md = try rendered("claude")
        #expect(md.hasPrefix("# HTTP client retry with exponential backoff and a strict setting\n"))
        #expect(md.contains("- Models: `claude-sonnet-4-5-20250929`, `claude-haiku-4-5-20251001`"))
        #expect(md.contains("- Tokens: 49 input · 1,389 output · 93,400 cache read · 10,600 cache write"))
        #expect(md.contains("- Cost: $0.07 (prices checked"))
        #expect(md.contains("- When: 2025-11-19 09:58:00 → 10:41:30 (43 min 30 s)"))
        #expect(md.contains("**Rejected by you, saying:**\n\n> really? Can't we provide a setting to make the retry policy strict?"))
        #expect(md.contains("**Error**:\n\n```text\nExit code 1\nFAIL test/retry.test.ts\n  ● client › retries three times\n    expect(calls).toBe(3)\n    Received: 1\n```"))
        #expect(md.contains("- [x] Read the HTTP client\n- [ ] Add retry with backoff *(in progress)*\n- [ ] Run the retry tests"))
        #expect(md.contains("<details><summary>Subagent transcript: Survey retry settings (subagents/agent-a91f2c)</summary>"))
        #expect(md.contains("[image image/png, 52134 bytes, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08]"))
        #expect(md.contains("### Assistant · 10:00:04 · `claude-sonnet-4-5-20250929` · 344 tokens out"))
        // Parallel calls: each result sits under its own call.
        let read = try #require(md.range(of: "**Tool: Read**"))
        let bash = try #require(md.range(of: "**Tool: Bash**"))
        let readResult = try #require(md.range(of: "1→import { fetch } from 'undici';"))
        let bashResult = try #require(md.range(of: "FAIL test/retry.test.ts"))
        #expect(read.lowerBound < readResult.lowerBound && readResult.lowerBound < bash.lowerBound && bash.lowerBound < bashResult.lowerBound)
        #expect(!md.contains("## Subagent `subagents/agent-a91f2c`"), "the linked subagent is not repeated at the end")
    }
}
