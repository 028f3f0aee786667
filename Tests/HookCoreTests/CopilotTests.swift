import Foundation
import TestSupport
import Testing

@testable import HookCore

/// GitHub Copilot CLI: session logs as events, discovery by the working directory `session.start` records.
@Suite struct CopilotTests {
    let e = events(CopilotSource(), "copilot-events.jsonl")

    @Test func promptsRepliesToolsAndTheSubagentsSideConversation() {
        let prompts = e.compactMap(\.prompt)
        #expect(prompts.map(\.text) == ["The cart total ignores discounts; fix it", "/model gpt-5"])
        #expect(prompts.map(\.origin) == [.person, .command])
        #expect(e.compactMap(\.thinking) == ["The total is computed in cart.ts; read it first."])
        let calls = e.compactMap(\.call)
        #expect(calls.map(\.name) == ["view", "bash", "edit", "task"])
        #expect(calls[0].reads == ["/work/shop/src/cart.ts"] && calls[1].command == "npm test -- cart")
        #expect(calls[2].edits == [FileEdit(path: "/work/shop/src/cart.ts", oldText: "s + i.price", newText: "s + i.price * (1 - (i.discount ?? 0))")])
        #expect(calls[3].subagent == SubagentRequest(description: "Check other totals", prompt: "Find other places that sum prices without discounts", type: "explore"))
        let results = e.compactMap(\.result)
        #expect(results.map(\.isError) == [false, true, false, false])
        #expect(results[1].text.hasPrefix("Command failed with exit code 1"))
        #expect(results[2].text.hasPrefix("--- a/src/cart.ts"), "the full diff, not the one-line summary")
        let side = e.filter(\.isSidechain)
        #expect(side.compactMap(\.reply) == ["Only invoice.ts sums prices; it already applies discounts."])
        #expect(side.first?.model == "claude-haiku-4.5")
        #expect(e.compactMap(\.reply).last == "Fixed: the cart total now applies each item's discount.")
        #expect(e.compactMap(\.compaction).first?.tokensBefore == 91000)
        #expect(e.compactMap(\.notice) == ["Interrupted by the user"])
        #expect(
            e.compactMap(\.context).first == SessionContext(sessionID: "3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9", cwd: "/work/shop", branch: "feature/cart", toolVersion: "1.0.71"))
    }

    @Test func tokensComeFromShutdownsEachCountedOnce() {
        let usage = e.filter { $0.usage != nil }
        #expect(usage.map(\.model) == ["claude-sonnet-4.5", "claude-haiku-4.5", "claude-sonnet-4.5"])
        #expect(
            usage.compactMap(\.usage) == [
                TokenUsage(input: 30000, output: 900, cacheRead: 20000, cacheWrite: 5000), TokenUsage(input: 4000, output: 120),
                TokenUsage(input: 6000, output: 100, cacheRead: 10000),
            ], "the second shutdown repeats the totals: only what it added counts")
    }

    @Test func logsAreFoundByTheirRecordedWorkingDirectory() {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        func log(_ id: String, _ cwd: String) -> String {
            #"{"type":"session.start","data":{"sessionId":"\#(id)","version":1,"producer":"copilot-agent","copilotVersion":"1.0.71","startTime":"2026-07-14T08:00:00.000Z","context":{"cwd":"\#(cwd)"}},"id":"e1","timestamp":"2026-07-14T08:00:00.010Z","parentId":null}"#
                + "\n"
        }
        let a = t.write("copilot/session-state/aaaa/events.jsonl", log("aaaa", repo + "/web"))
        t.write("copilot/session-state/bbbb/events.jsonl", log("bbbb", t.path("elsewhere")))
        // The flat layout of 0.0.342, with the chronicle-era start (cwd directly in data).
        let c = t.write(
            "copilot/session-state/cccc.jsonl",
            #"{"type":"session.start","data":{"sessionId":"cccc","cwd":"\#(repo)"},"timestamp":"2025-11-01T10:00:00.000Z"}"# + "\n")
        t.mkdir("copilot/session-state/empty-folder")
        var cache = SourceHeadCache()
        let found = CopilotSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["aaaa", "cccc"])
        #expect(found.map { $0.streams[0].path } == [a, c])
        #expect(CopilotSource().watchPaths(in: t.context(repo: repo), sessions: found) == [t.path("copilot/session-state"), a, c])
        let line = Array(#"{"type":"assistant.message","data":{"content":"x","encryptedContent":"gAAA==","reasoningOpaque":"b64"}}"#.utf8)
        #expect(CopilotSource().normalize(line) == Array(#"{"type":"assistant.message","data":{"content":"x"}}"#.utf8))
    }
}
