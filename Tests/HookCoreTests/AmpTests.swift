import Foundation
import TestSupport
import Testing

@testable import HookCore

/// Amp: a thread rewritten whole, archived as records (the thread, then each message by its id), read as events;
/// threads found by their workspace tree.
@Suite struct AmpTests {
    @Test func aThreadIsRecordsAndEvents() throws {
        let t = TranscriptTempTree()
        let stream = TranscriptStream(path: t.fixture("amp-thread.json", at: "T-1.json"), kind: .records)
        let records = try AmpSource().records(of: stream)
        #expect(records.map(\.id) == ["$thread", "m0", "m1", "m2", "m3", "m4"])
        #expect(records[0].text.hasPrefix(#"{"id":"T-7c0e9d3a-51f2-4b8e-9a6d-2f1c0b9e8d7a","created":1781258400000,"title":"Paginate the orders endpoint""#))
        #expect(!records[0].text.contains("nextMessageId") && !records[0].text.contains("\"v\""), "what changes on every write is left out")
        #expect(records.map { AmpSource().recordID(ofArchivedLine: $0.bytes) } == records.map(\.id))
        let e = try recordEvents(AmpSource(), stream)
        #expect(e.compactMap(\.context).first?.cwd == "/work/api")
        #expect(e.compactMap(\.summary).map(\.text) == ["Paginate the orders endpoint"])
        #expect(e.compactMap(\.prompt).map(\.text) == ["Paginate GET /orders with a cursor"])
        #expect(e.first { $0.prompt != nil }?.time == "2026-06-12T10:00:01.000Z")
        #expect(e.compactMap(\.thinking) == ["Check the handler before changing the query."])
        let calls = e.compactMap(\.call)
        #expect(calls.map(\.name) == ["Read", "edit_file", "Bash"])
        #expect(calls[0].reads == ["/work/api/src/orders.ts"] && calls[1].writes == ["/work/api/src/orders.ts"] && calls[2].command == "pnpm test orders")
        #expect(e.compactMap(\.result).map(\.isError) == [false, false, true])
        #expect(e.compactMap(\.result).last?.text == "1 failed: orders › returns 50 items")
        #expect(e.compactMap(\.usage) == [TokenUsage(input: 12, output: 140, cacheWrite: 9000), TokenUsage(input: 30, output: 210, cacheRead: 9000, cacheWrite: 400)])
        #expect(e.first { $0.usage != nil }?.model == "claude-sonnet-4-5-20250929")
    }

    @Test func threadsAreFoundByTheirWorkspaceTree() {
        let t = TranscriptTempTree()
        let repo = t.path("my repo")
        let uri = "file://" + repo.replacingOccurrences(of: " ", with: "%20")
        func thread(_ id: String, _ tree: String) -> String {
            #"{"v":1,"id":"\#(id)","created":1781258400000,"messages":[{"role":"user","messageId":0,"content":[{"type":"text","text":"hi"}]}],"env":{"initial":{"trees":[{"displayName":"x","uri":"\#(tree)"}]}}}"#
        }
        let mine = t.write("data/amp/threads/T-aaaa.json", thread("T-aaaa", uri + "/pkg"))
        t.write("data/amp/threads/T-bbbb.json", thread("T-bbbb", "file://" + t.path("other")))
        t.write("data/amp/threads/notes.json", "{}")
        var cache = SourceHeadCache()
        let found = AmpSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["T-aaaa"])
        #expect(found.first?.streams == [TranscriptStream(path: mine, kind: .records)])
        #expect(AmpSource().watchPaths(in: t.context(repo: repo), sessions: found) == [t.path("data/amp/threads"), mine])
        #expect(AmpSource.path(fileURI: "file://host/srv/a%2Fb") == "/srv/a/b")
    }
}
