/// One JSON text parsed in a single pass over its bytes into a flat list of nodes. Nothing is decoded
/// until asked for: a record's megabyte of tool output costs a scan, not a `String`, unless a reader
/// reads it. The readers' only JSON parser (the capture path keeps its byte scanner, `JSONLineFields`).
///
/// Strict enough to reject what is not JSON (unbalanced brackets, bad literals, trailing bytes), lenient
/// where a tolerant reader should be: control characters inside strings and invalid UTF-8 are kept
/// (decoded as U+FFFD when read). Nesting is unlimited and costs no stack.
public final class JSONDocument: Sendable {
    /// The bytes parsed; nodes hold offsets into them.
    let bytes: ArraySlice<UInt8>
    let nodes: [Node]

    /// The first node; every document that parsed has one.
    public var root: JSON { JSON(document: self, index: 0) }

    struct Node: Sendable {
        var kind: JSON.Kind
        /// Strings: a backslash occurs in the body, so it must be unescaped. Booleans: the value.
        var flag: Bool
        /// Strings: the first byte after the opening quote; other values: their first byte.
        var start: Int
        /// Strings: the closing quote; other values: one past their last byte.
        var end: Int
        /// The index of the node after this value and everything inside it.
        var next: Int
    }

    private init(bytes: ArraySlice<UInt8>, nodes: [Node]) {
        self.bytes = bytes
        self.nodes = nodes
    }

    /// Parses `bytes` (leading and trailing white space allowed); nil when it is not one JSON value.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> JSONDocument? {
        var parser = Parser(bytes: bytes)
        guard let nodes = parser.run() else { return nil }
        return JSONDocument(bytes: bytes, nodes: nodes)
    }

    public static func parse(_ bytes: [UInt8]) -> JSONDocument? { parse(bytes[...]) }

    public static func parse(_ text: String) -> JSONDocument? { parse(Array(text.utf8)[...]) }
}

extension JSONDocument {
    fileprivate struct Parser {
        let bytes: ArraySlice<UInt8>
        var nodes: [Node] = []
        /// Indices of the containers still open, innermost last.
        var open: [Int] = []

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            nodes.reserveCapacity(32)
        }

        mutating func run() -> [Node]? {
            bytes.withUnsafeBufferPointer { buf -> [Node]? in
                let base = bytes.startIndex
                var i = 0
                let n = buf.count
                @inline(__always) func skipSpace() {
                    while i < n {
                        let c = buf[i]
                        guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                        i += 1
                    }
                }
                /// In an object, after `{` or `,`: a key string and its colon.
                var expectKey = false
                while true {
                    skipSpace()
                    guard i < n else { return nil }
                    if expectKey {
                        guard buf[i] == UInt8(ascii: "\"") else { return nil }
                        guard scanString(buf, &i, base) else { return nil }
                        skipSpace()
                        guard i < n, buf[i] == UInt8(ascii: ":") else { return nil }
                        i += 1
                        skipSpace()
                        guard i < n else { return nil }
                        expectKey = false
                    }
                    // One value.
                    let c = buf[i]
                    switch c {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        open.append(nodes.count)
                        nodes.append(Node(kind: c == UInt8(ascii: "{") ? .object : .array, flag: false, start: base + i, end: 0, next: 0))
                        i += 1
                        skipSpace()
                        if c == UInt8(ascii: "{") {
                            expectKey = true
                            if i < n, buf[i] == UInt8(ascii: "}") { expectKey = false } else { continue }
                        } else if i < n, buf[i] != UInt8(ascii: "]") {
                            continue
                        }
                    // An empty container: fall through to its closing bracket.
                    case UInt8(ascii: "\""):
                        guard scanString(buf, &i, base) else { return nil }
                    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                        let word: [UInt8] = c == UInt8(ascii: "t") ? [116, 114, 117, 101] : c == UInt8(ascii: "f") ? [102, 97, 108, 115, 101] : [110, 117, 108, 108]
                        guard i + word.count <= n else { return nil }
                        for k in 0..<word.count where buf[i + k] != word[k] { return nil }
                        let kind: JSON.Kind = c == UInt8(ascii: "t") ? .bool : c == UInt8(ascii: "f") ? .bool : .null
                        nodes.append(Node(kind: kind, flag: c == UInt8(ascii: "t"), start: base + i, end: base + i + word.count, next: nodes.count + 1))
                        i += word.count
                    default:
                        let start = i
                        guard c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else { return nil }
                        i += 1
                        while i < n {
                            let d = buf[i]
                            guard
                                (d >= 0x30 && d <= 0x39) || d == UInt8(ascii: ".") || d == UInt8(ascii: "e") || d == UInt8(ascii: "E")
                                    || d == UInt8(ascii: "+") || d == UInt8(ascii: "-")
                            else { break }
                            i += 1
                        }
                        let digitAt = c == UInt8(ascii: "-") ? start + 1 : start
                        guard digitAt < i, buf[digitAt] >= 0x30, buf[digitAt] <= 0x39 else { return nil }
                        nodes.append(Node(kind: .number, flag: false, start: base + start, end: base + i, next: nodes.count + 1))
                    }
                    // After a value: close containers, or go on with the next element.
                    while true {
                        skipSpace()
                        guard let top = open.last else {
                            return i == n && !nodes.isEmpty ? nodes : nil
                        }
                        guard i < n else { return nil }
                        let isObject = nodes[top].kind == .object
                        let c = buf[i]
                        if c == UInt8(ascii: ",") {
                            i += 1
                            expectKey = isObject
                            break
                        }
                        guard c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
                        i += 1
                        nodes[top].end = base + i
                        nodes[top].next = nodes.count
                        open.removeLast()
                    }
                }
            }
        }

        /// At a `"`: appends a string node and moves past the closing quote.
        @inline(__always)
        mutating func scanString(_ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ base: Int) -> Bool {
            let start = i + 1
            var j = start
            var escaped = false
            let n = buf.count
            while j < n {
                let c = buf[j]
                if c == UInt8(ascii: "\"") {
                    nodes.append(Node(kind: .string, flag: escaped, start: base + start, end: base + j, next: nodes.count + 1))
                    i = j + 1
                    return true
                }
                if c == UInt8(ascii: "\\") {
                    escaped = true
                    j += 2
                } else {
                    j += 1
                }
            }
            return false
        }
    }
}
