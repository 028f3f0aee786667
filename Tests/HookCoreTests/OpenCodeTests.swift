import Foundation
import TestSupport
import Testing

@testable import HookCore

/// OpenCode: records as events (steps counted, each part's last version), and the older JSON storage tree.
@Suite struct OpenCodeTests {
    @Test func messagesAndPartsAsEvents() {
        let e = SessionTranscript.lastRevisions(events(OpenCodeSource(), "opencode-records.jsonl"))
        #expect(e.compactMap(\.context).first == SessionContext(sessionID: "ses_7a1b2c3d4e5fAbCdEfGhIjKl", cwd: "/work/site", toolVersion: "1.14.2"))
        #expect(e.compactMap(\.summary).map(\.text) == ["Dark mode toggle"])
        let prompts = e.compactMap(\.prompt)
        #expect(prompts.map(\.text) == ["Add a dark mode toggle to the header", "Called the Read tool with the following input: {\"filePath\":\"/work/site/AGENTS.md\"}"])
        #expect(prompts.map(\.origin) == [.person, .injected])
        #expect(e.compactMap(\.thinking) == ["The header component owns the layout; the theme lives in a context."])
        let calls = e.compactMap(\.call)
        #expect(calls.map(\.name) == ["read", "edit", "bash"])
        #expect(calls[0].reads == ["/work/site/src/Header.tsx"] && calls[2].command == "npm run typecheck")
        #expect(calls[1].edits == [FileEdit(path: "/work/site/src/Header.tsx", oldText: "return <header/>;", newText: "return <header><ThemeToggle/></header>;")])
        #expect(e.compactMap(\.result).map(\.isError) == [false, false, true])
        #expect(e.compactMap(\.reply).first == "The toggle is in the header; `ThemeToggle` still has to be written.")
        #expect(e.first { $0.reply != nil }?.model == "claude-sonnet-4-5")
        #expect(e.compactMap(\.compaction).first?.trigger == "auto")
        #expect(
            e.compactMap(\.usage) == [
                TokenUsage(input: 12, output: 200, cacheWrite: 11800, reportedCost: 0.0151),
                TokenUsage(input: 40, output: 95, cacheRead: 12000, cacheWrite: 300, reportedCost: 0.0062),
                TokenUsage(input: 9000, output: 400, reportedCost: 0.002),
            ], "both steps count, not the message's copy of the last; the message without steps counts its own")
        #expect(e.last { $0.usage != nil }?.model == "claude-haiku-4-5")
    }

    @Test func theJSONStorageTreeIsReadTheSameWay() throws {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        let storage = "data/opencode/storage"
        let session = t.write(
            storage + "/session/prj1/ses_a.json",
            "{\n  \"id\": \"ses_a\",\n  \"version\": \"0.3.110\",\n  \"projectID\": \"prj1\",\n  \"directory\": \"\(repo)\",\n  \"title\": \"Fix the build\",\n  \"time\": {\n    \"created\": 1756000000000\n  }\n}"
        )
        t.write(storage + "/session/prj2/ses_b.json", #"{"id":"ses_b","directory":"\#(t.path("elsewhere"))","title":"x"}"#)
        t.write(storage + "/message/ses_a/msg_1.json", #"{"id":"msg_1","sessionID":"ses_a","role":"user","time":{"created":1756000001000}}"#)
        t.write(storage + "/part/msg_1/prt_1.json", #"{"id":"prt_1","sessionID":"ses_a","messageID":"msg_1","type":"text","text":"Fix the build"}"#)
        t.write(
            storage + "/message/ses_a/msg_2.json",
            #"{"id":"msg_2","sessionID":"ses_a","role":"assistant","modelID":"gpt-5","providerID":"openai","time":{"created":1756000002000},"tokens":{"input":100,"output":20,"reasoning":5,"cache":{"read":0,"write":0}},"cost":0}"#
        )
        t.write(storage + "/part/msg_2/prt_2.json", #"{"id":"prt_2","sessionID":"ses_a","messageID":"msg_2","type":"text","text":"Fixed."}"#)
        var cache = SourceHeadCache()
        let found = OpenCodeSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["ses_a"])
        #expect(found.first?.streams == [TranscriptStream(path: session, kind: .records, selector: "ses_a")])
        let records = try OpenCodeSource().records(of: found[0].streams[0])
        #expect(records.map(\.id) == ["ses_a", "msg_1", "prt_1", "msg_2", "prt_2"])
        #expect(records[0].text.hasPrefix(#"{"type":"session","id":"ses_a","info":{"id":"ses_a","version":"0.3.110""#))
        #expect(records.map { OpenCodeSource().recordID(ofArchivedLine: $0.bytes) } == records.map(\.id))
        let e = try recordEvents(OpenCodeSource(), found[0].streams[0])
        #expect(e.compactMap(\.prompt).map(\.text) == ["Fix the build"] && e.compactMap(\.reply) == ["Fixed."])
        #expect(e.compactMap(\.usage) == [TokenUsage(input: 100, output: 25, reportedCost: 0)])
        let watch = OpenCodeSource().watchPaths(in: t.context(repo: repo), sessions: found)
        #expect(watch.contains(t.path("data/opencode/opencode.db-wal")) && watch.contains(t.path(storage + "/message/ses_a")))
    }
}
