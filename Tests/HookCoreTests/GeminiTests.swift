import Foundation
import TestSupport
import Testing

@testable import HookCore

/// Gemini CLI: both session formats as events, the old document as records, discovery by the project registry
/// and the recorded project hash.
@Suite struct GeminiTests {
    @Test func aJSONLinesSessionShowsEachMessagesLastVersion() {
        let e = SessionTranscript.lastRevisions(events(GeminiSource(), "gemini-session.jsonl"))
        let prompts = e.compactMap(\.prompt)
        #expect(prompts.map(\.text) == ["Make the config loader reject unknown keys", "/compress"])
        #expect(prompts.map(\.origin) == [.person, .command])
        #expect(e.compactMap(\.thinking) == ["**Reading the loader** I need to see how keys are parsed before changing it."], "the message appended twice shows once")
        let calls = e.compactMap(\.call)
        #expect(calls.map(\.name) == ["read_file", "replace", "run_shell_command"])
        #expect(calls[0].reads == ["/work/app/src/config.ts"])
        #expect(calls[1].writes == ["/work/app/src/config.ts"] && calls[1].edits.first?.newText.contains("throw new ConfigError(key)") == true)
        #expect(calls[2].command == "npm test -- config")
        let results = e.compactMap(\.result)
        #expect(results.map(\.isError) == [false, false, true], "the executing version of read_file had no result")
        #expect(results[0].text.hasPrefix("export function load(raw"))
        #expect(results[2].text.contains("FAIL test/config.test.ts"))
        #expect(
            e.compactMap(\.usage) == [
                TokenUsage(input: 3120, output: 205, cacheRead: 6000), TokenUsage(input: 1240, output: 310, cacheRead: 9000),
                TokenUsage(input: 800, output: 40, cacheRead: 10000),
            ])
        #expect(e.compactMap(\.reply) == ["Unknown keys now throw a `ConfigError`; one test still fails because its fixture spells `prot`."])
        #expect(e.first { $0.reply != nil }?.model == "gemini-2.5-pro")
        #expect(e.compactMap(\.summary).map(\.text) == ["Config loader rejects unknown keys"])
        #expect(e.compactMap(\.notice).contains("Request cancelled."))
        #expect(e.compactMap(\.notice).contains { $0.hasPrefix("Rewound") })
        #expect(e.compactMap(\.context).first?.sessionID == "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d")
    }

    @Test func theOldDocumentIsArchivedAsRecordsAndReadTheSameWay() throws {
        let t = TranscriptTempTree()
        let path = t.fixture("gemini-session-legacy.json", at: "session.json")
        let stream = TranscriptStream(path: path, kind: .records)
        let records = try GeminiSource().records(of: stream)
        #expect(records.map(\.id) == ["$meta", "9f8e7d6c-0001-4b5a-8c9d-0e1f2a3b4c5d", "9f8e7d6c-0002-4b5a-8c9d-0e1f2a3b4c5d"])
        #expect(
            records[0].text
                == #"{"sessionId":"0a1b2c3d-4e5f-4061-8a9b-c0d1e2f3a4b5","projectHash":"0000000000000000000000000000000000000000000000000000000000000000","startTime":"2025-11-20T08:30:00.000Z","summary":"Rename --verbose to --debug"}"#,
            "lastUpdated changes on every write: left out")
        #expect(
            records[1].text
                == #"{"id":"9f8e7d6c-0001-4b5a-8c9d-0e1f2a3b4c5d","timestamp":"2025-11-20T08:30:05.000Z","type":"user","content":"Rename the flag --verbose to --debug"}"#)
        #expect(records.map { GeminiSource().recordID(ofArchivedLine: $0.bytes) } == records.map(\.id))
        let e = try recordEvents(GeminiSource(), stream)
        #expect(e.compactMap(\.prompt).map(\.text) == ["Rename the flag --verbose to --debug"])
        #expect(e.compactMap(\.call).first?.command == "grep -rn -- --verbose src")
        #expect(e.compactMap(\.result).first?.text == "src/cli.ts:12:  .option('--verbose')")
        #expect(e.compactMap(\.usage) == [TokenUsage(input: 4000, output: 60)])
        #expect(e.compactMap(\.summary).map(\.text) == ["Rename --verbose to --debug"])
        t.write("session.json", "{\n  \"sessionId\": \"x\",\n  \"messages\": [\n")
        #expect(throws: (any Error).self, "a document being written waits") { try GeminiSource().records(of: stream) }
    }

    @Test func sessionsAreFoundByTheRegistryAndConfirmedByTheirProjectHash() throws {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        let other = t.path("other")
        func hash(_ p: String) -> String { GeminiSource.projectHash(p) }
        func session(_ id: String, _ project: String) -> String {
            #"{"sessionId":"\#(id)","projectHash":"\#(hash(project))","startTime":"2026-05-04T09:12:03.120Z","lastUpdated":"2026-05-04T09:12:03.120Z"}"#
                + "\n" + #"{"id":"m1","timestamp":"2026-05-04T09:12:10.000Z","type":"user","content":"hello"}"# + "\n"
        }
        t.write("home/.gemini/projects.json", #"{"projects":{"\#(repo)":"repo","\#(repo)/sub":"sub-1","\#(other)":"other"}}"#)
        let a = "aaaaaaaa-0000-4000-8000-000000000001"
        let b = "bbbbbbbb-0000-4000-8000-000000000002"
        let c = "cccccccc-0000-4000-8000-000000000003"
        let d = "dddddddd-0000-4000-8000-000000000004"
        let mainA = t.write("home/.gemini/tmp/repo/chats/session-2026-05-04T09-12-aaaaaaaa.jsonl", session(a, repo))
        t.write("home/.gemini/tmp/repo/chats/session-2026-05-04T09-13-bbbbbbbb.jsonl", session(b, other))
        t.write("home/.gemini/tmp/sub-1/chats/session-2026-05-04T10-00-cccccccc.jsonl", session(c, repo + "/sub"))
        t.write("home/.gemini/tmp/other/chats/session-2026-05-04T11-00-dddddddd.jsonl", session(d, other))
        // The hash folder from before the registry: an old document, and the copy Gemini CLI left of session a.
        let legacy = t.fixture(
            "gemini-session-legacy.json", at: "home/.gemini/tmp/\(hash(repo))/chats/session-2025-11-20T08-30-0a1b2c3d.json",
            replacing: [String(repeating: "0", count: 64): hash(repo)])
        t.write("home/.gemini/tmp/\(hash(repo))/chats/session-2026-05-04T09-12-aaaaaaaa.jsonl", session(a, repo))
        let agent = t.write("home/.gemini/tmp/repo/chats/\(a)/helper-7.jsonl", session("helper-7", repo))

        var cache = SourceHeadCache()
        let found = GeminiSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["0a1b2c3d-4e5f-4061-8a9b-c0d1e2f3a4b5", a, c])
        let sessionA = try #require(found.first { $0.sessionID == a })
        #expect(sessionA.streams.map(\.path) == [mainA, agent], "the registered folder wins over the old copy")
        #expect(sessionA.streams.map(\.archiveName) == ["", "subagents/helper-7"])
        #expect(found.first?.streams == [TranscriptStream(path: legacy, kind: .records)])
        let watch = GeminiSource().watchPaths(in: t.context(repo: repo), sessions: found)
        #expect(watch.first == t.path("home/.gemini/projects.json"))
        #expect(watch.contains(t.path("home/.gemini/tmp/repo/chats")) && watch.contains(mainA) && watch.contains(legacy))
        #expect(!watch.contains { $0.contains("/tmp/other") })
    }
}
