import Testing

@testable import HookCore

/// Codex rollouts and Aider histories as events (fixtures cite the shapes).
@Suite struct CodexAiderEventsTests {
    let codex = events(CodexSource(), "codex-rollout.jsonl")
    let aider = events(AiderSource(), "aider-history.md")

    @Test func codexPromptsSkipInjectedContextAndDuplicates() {
        let prompts = codex.compactMap(\.prompt)
        #expect(prompts.map(\.origin) == [.injected, .injected, .person])
        #expect(prompts[2].text == "Add a /health endpoint that reports the DB status")
        #expect(codex.compactMap(\.reply) == ["The endpoint is added; one test fails because the DB mock is missing."], "event_msg copies are skipped")
        #expect(codex.compactMap(\.thinking).first?.hasPrefix("**Planning the health endpoint**") == true)
        #expect(codex.contains { $0.notice == "Interrupted by the user" })
        #expect(codex.compactMap(\.compaction).first?.summary?.hasPrefix("Summary: a /health endpoint") == true)
        #expect(codex.compactMap(\.context).first?.branch == "main")
        #expect(codex.first { $0.reply != nil }?.model == "gpt-5-codex")
    }

    @Test func codexToolsCommandsPatchesAndPlans() {
        let calls = codex.compactMap(\.call)
        #expect(calls.map(\.name) == ["shell", "apply_patch", "update_plan", "shell"])
        #expect(calls[0].command == "sed -n '1,80p' src/router.ts" && calls[0].reads == ["src/router.ts"])
        #expect(calls[1].writes == ["src/router.ts", "src/health.ts"])
        #expect(calls[1].edits.map(\.newText) == ["import { Router } from 'express';\nimport { health } from './health';", "export const health = () => ({ db: 'ok' });"])
        #expect(codex.compactMap(\.todos).first?.map(\.status) == [.completed, .inProgress, .pending])
        let results = codex.compactMap(\.result)
        #expect(results[0].text == "import { Router } from 'express';\nexport const router = Router();\n" && results[0].exitCode == 0 && !results[0].isError)
        #expect(results.last?.isError == true && results.last?.exitCode == 1 && results.last?.text.hasPrefix("FAIL src/health.test.ts") == true)
    }

    @Test func codexTokensCountEachCumulativeReportOnce() {
        let usage = codex.compactMap(\.usage)
        #expect(
            usage == [TokenUsage(input: 3000, output: 400, cacheRead: 6000), TokenUsage(input: 3000, output: 700, cacheRead: 9000)],
            "the repeated report adds nothing")
        #expect(usage.reduce(TokenUsage.zero, +) == TokenUsage(input: 6000, output: 1100, cacheRead: 15000), "the last cumulative report")
    }

    @Test func aiderPromptsRepliesNotesAndTokens() {
        let prompts = aider.compactMap(\.prompt)
        #expect(prompts.map(\.text) == ["Add input validation to src/parse.py\nand reject empty strings", "/run pytest -q", "why did the test fail?"])
        #expect(prompts.map(\.origin) == [.person, .command, .person])
        #expect(aider.compactMap(\.thinking) == ["The parser needs a guard before it splits."])
        let reply = aider.compactMap(\.reply).first ?? ""
        #expect(reply.contains("> parse(\"\")"), "a '>' line inside a fence is the reply's, not a note")
        #expect(reply.hasSuffix(">>>>>>> REPLACE\n```"))
        #expect(aider.first { $0.reply != nil }?.model == "anthropic/claude-sonnet-4-20250514")
        #expect(aider.first { $0.reply != nil }?.time == "2025-11-18T14:02:09")
        let calls = aider.compactMap(\.call)
        #expect(calls.map(\.name) == ["search_replace", "edit", "run"])
        #expect(calls[0].edits.first?.newText == "def parse(text):\n    if not text:\n        raise ValueError(\"empty input\")")
        #expect(calls[1].writes == ["src/parse.py"] && calls[2].command == "pytest -q")
        #expect(
            aider.compactMap(\.usage) == [
                TokenUsage(input: 2500, output: 410, cacheWrite: 1200, reportedCost: 0.02),
                TokenUsage(input: 3100, output: 95, reportedCost: 0.01),
            ])
    }
}
