import Foundation
import Testing

@testable import HookCore

@Suite struct TranscriptFieldsTests {
    @Test func topLevelStringsWithEscapes() {
        let line = Array(#"{"a":{"cwd":"/nested"},"cwd":"/home/u/\"q\"\/x\u00e9\ud83d\ude00","n":12,"t":true}"#.utf8)
        let f = JSONLineFields.members(line, keys: ["cwd", "n", "t", "missing"])
        #expect(JSONLineFields.string(line[...], f["cwd"]!) == "/home/u/\"q\"/xé😀")
        #expect(JSONLineFields.string(line[...], f["n"]!) == nil)
        #expect(JSONLineFields.isTrue(line[...], f["t"]))
        #expect(f["missing"] == nil)
    }

    @Test func truncatedLineKeepsEarlierFields() {
        let line = Array(#"{"cwd":"/r","sessionId":"s","message":{"content":"cut here"#.utf8)
        let f = JSONLineFields.members(line, keys: ["cwd", "sessionId", "message"])
        #expect(JSONLineFields.string(line[...], f["cwd"]!) == "/r")
        #expect(f["sessionId"] != nil)
        #expect(f["message"] == nil)
    }

    @Test func arrays() {
        let line = Array(#"{"c":[{"type":"a"}, "x" ,3,[1,2]]}"#.utf8)
        let c = JSONLineFields.members(line, keys: ["c"])["c"]!
        let els = JSONLineFields.elements(line[...], c)
        #expect(els.count == 4)
        #expect(JSONLineFields.string(line[...], els[1]) == "x")
    }

    @Test func removesEncryptedContentKeepingValidJSON() throws {
        let cases = [
            #"{"a":1,"encrypted_content":"x"}"#,
            #"{"encrypted_content":"x","a":1}"#,
            #"{"encrypted_content":"x"}"#,
            #"{"p":{"type":"reasoning","encrypted_content":"gA\"AA==","summary":[]} , "encrypted_content" : null}"#,
            #"{"encrypted_content":"x","encrypted_content":"y"}"#,
            #"{"text":"mentions \"encrypted_content\":\"keep\" in a string","encrypted_content":"drop"}"#,
        ]
        for text in cases {
            let out = JSONLineFields.removingMembers(named: "encrypted_content", from: Array(text.utf8))
            let object = try JSONSerialization.jsonObject(with: Data(out))
            let rendered = String(decoding: out, as: UTF8.self)
            #expect(!rendered.contains("\"x\"") && !rendered.contains("drop") && !rendered.contains("gA"), "\(rendered)")
            #expect(object is [String: Any])
        }
        let kept = JSONLineFields.removingMembers(
            named: "encrypted_content",
            from: Array(cases[5].utf8))
        #expect(String(decoding: kept, as: UTF8.self).contains("keep"))
    }

    @Test func titleFromAHugePromptDecodesOnlyItsStart() {
        let huge = "  Summarize this log\\n" + String(repeating: "z", count: 3_000_000)
        let line = Array(#"{"type":"user","cwd":"/r","message":{"role":"user","content":"\#(huge)"},"timestamp":"t"}"#.utf8)
        var m = SessionMetadata(source: "claude", sessionID: "s")
        ClaudeCodeSource().absorb(line, into: &m)
        #expect(m.title == "Summarize this log")
        let range = JSONLineFields.members(line, keys: ["message"])["message"]!
        let content = JSONLineFields.members(line[range], keys: ["content"])["content"]!
        #expect(JSONLineFields.string(line[...], content, maxBytes: 10) == "  Summariz")
        #expect(JSONLineFields.string(line[...], content, maxBytes: 0) == "")
    }

    @Test func neverTrapsOnGarbage() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,\ u0aZ"#.utf8) + [0x00, 0xFF, 0x0A]
        let sources: [any TranscriptSource] = [
            ClaudeCodeSource(), CodexSource(), AiderSource(),
            CustomGlobSource(name: "c", patterns: []),
        ]
        for round in 0..<2000 {
            let n = Int.random(in: 0..<80, using: &rng)
            let line: [UInt8] = (0..<n).map { _ in
                round % 2 == 0 ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let f = JSONLineFields.members(line, keys: ["cwd", "message", "type"])
            for (_, r) in f {
                _ = JSONLineFields.string(line[...], r)
                _ = JSONLineFields.elements(line[...], r)
            }
            _ = JSONLineFields.removingMembers(named: "encrypted_content", from: line)
            for source in sources {
                var m = SessionMetadata(source: source.name, sessionID: "s")
                if let normalized = source.normalize(line) { source.absorb(normalized, into: &m) }
                #expect(m.lineCount == 1)
            }
            _ = ClaudeCodeSource.decideHead(line)
            _ = CodexSource.decideHead(line)
        }
    }
}
