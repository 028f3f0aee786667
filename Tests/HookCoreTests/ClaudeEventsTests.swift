import Testing

@testable import HookCore

/// Claude Code records as events, one test per event kind, on the fixture session (shapes cited there).
@Suite struct ClaudeEventsTests {
    let main = events(ClaudeCodeSource(), "claude-main.jsonl")
    let agent = events(ClaudeCodeSource(), "claude-agent-a91f2c.jsonl", stream: "subagents/agent-a91f2c")

    @Test func promptsSayWhoWroteThem() {
        let prompts = main.compactMap(\.prompt)
        #expect(prompts.map(\.origin) == [.injected, .command, .injected, .person, .person])
        #expect(prompts[1].text == "/review src/http.ts")
        #expect(prompts[2].text.hasPrefix("# Review"), "skill expansion (isMeta) is injected text, not the person's")
        #expect(prompts[3].text.hasPrefix("Add retry with exponential backoff"))
        #expect(agent.compactMap(\.prompt).map(\.origin) == [.agent], "a subagent's first prompt comes from the main agent")
        #expect(main.contains { $0.notice == "Interrupted by the user" })
    }

    @Test func repliesThinkingAndTodos() {
        #expect(main.compactMap(\.thinking) == ["The client has no retry. Plan: wrap fetch, back off 2^n * 100 ms, cap at 3 tries."])
        #expect(main.compactMap(\.reply).first == "I'll plan this first.")
        let todos = main.compactMap(\.todos).first
        #expect(todos?.map(\.status) == [.completed, .inProgress, .pending])
        #expect(todos?.map(\.text) == ["Read the HTTP client", "Add retry with backoff", "Run the retry tests"])
        let reply = main.first { $0.reply?.hasPrefix("Docs written") == true }
        #expect(reply?.model == "claude-sonnet-4-5-20250929" && reply?.messageID == "msg_01F6g8Hh0jKk2Ll4Mm6Nn8Pp" && reply?.time == "2025-11-19T10:41:30.000Z")
    }

    @Test func toolCallsNameWhatTheyTouch() {
        let calls = main.compactMap(\.call) + agent.compactMap(\.call)
        let byName = Dictionary(calls.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["Read"]?.reads == ["/home/dev/acme-api/src/http.ts"])
        #expect(byName["Bash"]?.command == "npm test -- retry")
        #expect(byName["Edit"]?.writes == ["/home/dev/acme-api/src/http.ts"])
        #expect(byName["Edit"]?.edits.first?.oldText == "  return fetch(url);")
        #expect(byName["Task"]?.subagent?.prompt == "Find where HTTP retry settings are configured and report back.")
        #expect(byName["Write"]?.writes == ["/home/dev/acme-api/docs/retry-notes.md"], "the subagent's write")
        #expect(byName["Grep"]?.summary == "retry in src")
        #expect(byName["mcp__playwright__browser_take_screenshot"]?.summary.contains("badge.png") == true)
    }

    @Test func resultsKeepTheirFullTextErrorsRejectionsAndImages() {
        let results = main.compactMap(\.result)
        let bash = results.first { $0.callID == "toolu_01BashB" }
        #expect(bash?.isError == true && bash?.text.hasSuffix("Received: 1") == true, "the whole output, not its first line")
        let rejected = results.first { $0.callID == "toolu_01EditC" }
        #expect(
            rejected?.rejection?.userWords
                == "really? Can't we provide a setting to make the retry policy strict? The badge stays teal, we picked teal because it passes contrast checks.")
        let shot = results.first { $0.callID == "toolu_01ShotE" }
        #expect(shot?.images == [ImageRef(mediaType: "image/png", bytes: 52134, sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")])
        #expect(shot?.images.first?.placeholder == "[image image/png, 52134 bytes, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08]")
        // Parallel calls: each result names its own call, whatever order the results came in.
        #expect(results.prefix(3).map(\.callID) == ["toolu_01TodoA", "toolu_01BashB", "toolu_01ReadB"])
    }

    @Test func aTaskResultLinksTheSubagentTranscript() {
        let task = main.compactMap(\.result).first { $0.callID == "toolu_01TaskD" }
        #expect(task?.subagentStream == "subagents/agent-a91f2c")
    }

    @Test func compactionAndSummaries() {
        let compactions = main.compactMap(\.compaction)
        #expect(compactions.count == 2)
        #expect(compactions[0] == Compaction(summary: nil, trigger: "auto", tokensBefore: 155000))
        #expect(compactions[1].summary?.hasPrefix("This session is being continued") == true)
        #expect(main.compactMap(\.summary).map(\.leafID) == ["e3c1d7b0-0000-4000-8000-00000000aaaa", "a-024"])
    }

    @Test func usageIsReportedOnEveryLineOfAStreamedMessage() {
        let streamed = main.filter { $0.messageID == "msg_01A7q9Rk2yQxVb3Lm5N8pT4w" && $0.usage != nil }
        #expect(streamed.map { $0.usage!.output } == [3, 3, 344], "partial counts first, the final one last")
        #expect(streamed.map(\.line) == [6, 7, 8])
        let context = main.compactMap(\.context).first
        #expect(context == SessionContext(sessionID: "7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37", cwd: "/home/dev/acme-api", branch: "feature/retry", toolVersion: "2.0.46"))
    }

    @Test func linesThatAreNotRecordsBecomeRawText() {
        var reader = ClaudeCodeSource().eventReader(stream: "main")
        var out: [ConversationEvent] = []
        reader.read(Array("not json".utf8)[...], number: 3, into: &out)
        reader.read(Array(#"{"type":"file-history-snapshot","snapshot":{}}"#.utf8)[...], number: 4, into: &out)
        #expect(out.count == 1 && out[0].line == 3)
        if case .raw(let text) = out[0].kind { #expect(text == "not json") } else { Issue.record("expected raw") }
    }

    @Test func anImageKeptByKeepImagesCarriesItsPayload() {
        var reader = ClaudeCodeSource().eventReader(stream: "main")
        var out: [ConversationEvent] = []
        let line =
            #"{"type":"user","uuid":"u1","timestamp":"2025-11-19T10:00:00.000Z","message":{"role":"user","content":[{"type":"text","text":"look"},"#
            + #"{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}}"#
        reader.read(Array(line.utf8)[...], number: 1, into: &out)
        let image = out.compactMap(\.prompt).first?.images.first
        #expect(image?.base64 == "iVBORw0KGgo=" && image?.mediaType == "image/png")
        #expect(main.compactMap(\.result).flatMap(\.images).allSatisfy { $0.base64 == nil }, "a placeholder carries no payload")
    }
}
