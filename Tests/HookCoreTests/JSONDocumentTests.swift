import Testing

@testable import HookCore

/// The readers' JSON parser: values, laziness, and what it refuses.
@Suite struct JSONDocumentTests {
    @Test func readsEveryKindOfValue() throws {
        let doc = try #require(JSONDocument.parse(#" {"s":"a\"b\n\u00e9\ud83d\ude00","n":-12.5e1,"i":42,"t":true,"f":false,"z":null,"a":[1,[2,{}],[]],"o":{"k":{"x":"y"}}} "#))
        let root = doc.root
        #expect(root.kind == .object)
        #expect(root["s"]?.string == "a\"b\n\u{e9}😀")
        #expect(root["n"]?.double == -125)
        #expect(root["i"]?.int == 42 && root["n"]?.int == -125)
        #expect(root["t"]?.bool == true && root["f"]?.bool == false && root["t"]?.isTrue == true && root["f"]?.isTrue == false)
        #expect(root["z"]?.isNull == true)
        #expect(root["a"]?.elements.count == 3)
        #expect(root["a"]?.elements[1].elements[1].kind == .object)
        #expect(root["o", "k", "x"]?.string == "y")
        #expect(root["missing"] == nil && root["s"]?["x"] == nil && root["i"]?.string == nil)
        #expect(root.members.map(\.key) == ["s", "n", "i", "t", "f", "z", "a", "o"])
        #expect(root["s"]?.isString("a\"b\n\u{e9}😀") == true)
        #expect(root["o"]?.rawText == #"{"k":{"x":"y"}}"#)
        #expect(root.stringLeaves() == ["a\"b\n\u{e9}😀", "y"])
    }

    @Test func refusesWhatIsNotOneJSONValue() {
        for text in [
            "", " ", "{", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{\"a\":1}}", "[1 2]", "tru", "nul", "{\"a\":1} x", "\"open",
            "{1:2}", "[", "]", "{\"a\":[1}", "-", "{\"a\":}",
        ] {
            #expect(JSONDocument.parse(text) == nil, "\(text)")
        }
        #expect(JSONDocument.parse("[]")?.root.elements.count == 0)
        #expect(JSONDocument.parse("{}")?.root.members.count == 0)
        #expect(JSONDocument.parse("\"x\"")?.root.string == "x")
        #expect(JSONDocument.parse("7")?.root.int == 7)
    }

    @Test func deepNestingCostsNoStack() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let doc = JSONDocument.parse(text)
        #expect(doc?.root.elements.count == 1)
        #expect(doc?.root.stringLeaves().isEmpty == true)
    }

    @Test func anyBytesAreSafe() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
        let seed = Array(#"{"type":"assistant","message":{"content":[{"type":"text","text":"a\u00e9\ud83d"},{"n":[1,2.5,true,null]}]}}"#.utf8)
        for n in 0..<5000 {
            var line = seed
            if n % 2 == 0 { line = Array(line.prefix(Int(next() % UInt64(line.count)))) }
            for _ in 0..<(n % 5) where !line.isEmpty { line[Int(next() % UInt64(line.count))] = UInt8(truncatingIfNeeded: next()) }
            if let doc = JSONDocument.parse(line) {
                _ = doc.root.stringLeaves()
                _ = doc.root.members
                _ = doc.root["message", "content"]?.elements.map { $0["text"]?.string }
            }
        }
    }
}
