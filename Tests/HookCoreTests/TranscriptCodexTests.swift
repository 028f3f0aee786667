import Foundation
import Testing

@testable import HookCore

@Suite struct TranscriptCodexTests {
    let idA = "019a2d7a-41c4-78b1-b7cc-a45d62a89cd5"
    let idB = "5973b6c0-94b8-487b-a530-2aeb6098ae0e"

    @Test func matchesRolloutsByTheSessionMetaCwd() {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        t.write("codex/sessions/2025/10/29/rollout-2025-10-29T00-59-38-\(idA).jsonl", CodexRecords.rollout(id: idA, cwd: repo + "/pkg"))
        t.write("codex/sessions/2025/10/30/rollout-2025-10-30T08-00-00-\(idB).jsonl", CodexRecords.rollout(id: idB, cwd: t.path("elsewhere")))
        // No id in session_meta: the file name's uuid is used.
        let idC = "11111111-2222-3333-4444-555555555555"
        t.write(
            "codex/sessions/2025/11/01/rollout-2025-11-01T00-00-00-\(idC).jsonl",
            #"{"timestamp":"2025-11-01T00:00:00Z","type":"session_meta","payload":{"cwd":"\#(repo)"}}"# + "\n")
        // Older head without session_meta: the environment context's <cwd> decides.
        let idD = "99999999-2222-3333-4444-555555555555"
        t.write(
            "codex/sessions/2025/05/07/rollout-2025-05-07T17-24-21-\(idD).jsonl",
            #"{"id":"\#(idD)","timestamp":"2025-05-07T17:24:21.123Z","instructions":null}"# + "\n" + CodexRecords.environment(cwd: repo) + "\n")
        t.write("codex/sessions/2025/11/01/notes.txt", "x")
        t.write("codex/sessions/2025/11/01/rollout-garbage.jsonl", bytes: [0xFF, 0x00, 0x7B, 0x0A, 0x22])

        var cache = SourceHeadCache()
        let found = CodexSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == [idA, idC, idD].sorted())
        #expect(found.allSatisfy { $0.source == "codex" && $0.streams.count == 1 && $0.streams[0].startOffset == 0 && $0.streams[0].endOffset == nil })
        #expect(cache.headReads == 5)

        _ = CodexSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(cache.headReads == 5)  // nothing re-read (the garbage file is short and undecided: re-read only if it grows)

        let watch = CodexSource().watchPaths(in: t.context(repo: repo), sessions: found)
        #expect(
            Array(watch.prefix(4)) == [
                t.path("codex/sessions"), t.path("codex/sessions/2025"),
                t.path("codex/sessions/2025/11"), t.path("codex/sessions/2025/11/01"),
            ])
        #expect(watch.contains(found[0].streams[0].path))
    }

    @Test func normalizeDropsEncryptedReasoning() throws {
        let source = CodexSource()
        let line = Array(CodexRecords.reasoning().utf8)
        let out = try #require(source.normalize(line))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        let payload = try #require(object["payload"] as? [String: Any])
        #expect(payload["encrypted_content"] == nil)
        #expect(payload["type"] as? String == "reasoning")
        #expect(!String(decoding: out, as: UTF8.self).contains("gAAAA"))
        // Lines without the word are returned as they are.
        let plain = Array(CodexRecords.userMessage("hi").utf8)
        #expect(source.normalize(plain) == plain)
    }

    @Test func metadataFromRollout() {
        let source = CodexSource()
        var m = SessionMetadata(source: "codex", sessionID: idA)
        let text = CodexRecords.rollout(id: idA, cwd: "/home/u/repo", prompt: "Add a --json flag to status\nplease")
        for line in text.split(separator: "\n") {
            if let n = source.normalize(Array(line.utf8)) { source.absorb(n, into: &m) }
        }
        #expect(m.lineCount == 5)
        #expect(m.cwd == "/home/u/repo")
        #expect(m.branch == "feature/x")
        #expect(m.firstTimestamp == "2025-10-29T00:59:38.317Z")
        #expect(m.lastTimestamp == "2025-10-29T00:59:40.000Z")
        #expect(m.title == "Add a --json flag to status")

        var e = SessionMetadata(source: "codex", sessionID: "e")
        source.absorb(Array(#"{"timestamp":"2025-10-29T01:00:00Z","type":"event_msg","payload":{"type":"user_message","message":"From the event","kind":"plain"}}"#.utf8), into: &e)
        #expect(e.title == "From the event")
    }

    @Test func idFromFileName() {
        #expect(CodexSource.idFromFileName("/s/rollout-2025-05-07T17-24-21-\(idB).jsonl") == idB)
        #expect(CodexSource.idFromFileName("/s/rollout-odd.jsonl") == "rollout-odd")
    }
}
