/// One value inside a parsed `JSONDocument`: a cheap cursor (the document and a node index).
/// Reading a member that is absent, or of another kind, gives nil rather than failing.
public struct JSON: Sendable {
    public enum Kind: UInt8, Sendable {
        case null, bool, number, string, array, object
    }

    let document: JSONDocument
    let index: Int

    private var node: JSONDocument.Node { document.nodes[index] }

    public var kind: Kind { node.kind }

    public var isNull: Bool { kind == .null }

    /// The decoded text of a string value; nil for other kinds. Invalid escapes and invalid UTF-8
    /// decode to U+FFFD.
    public var string: String? {
        let n = node
        guard n.kind == .string else { return nil }
        let body = document.bytes[n.start..<n.end]
        return n.flag ? String(decoding: JSONLineFields.unescape(body), as: UTF8.self) : String(decoding: body, as: UTF8.self)
    }

    /// `string`, but only the first `maxBytes` encoded bytes are decoded (a title from a megabyte prompt).
    public func string(maxBytes: Int) -> String? {
        let n = node
        guard n.kind == .string else { return nil }
        let body = document.bytes[n.start..<min(n.end, n.start + max(0, maxBytes))]
        return n.flag ? String(decoding: JSONLineFields.unescape(body), as: UTF8.self) : String(decoding: body, as: UTF8.self)
    }

    /// The encoded length of a string's body (an upper bound of its UTF-8 size); 0 for other kinds.
    public var encodedLength: Int { kind == .string ? node.end - node.start : 0 }

    public var bool: Bool? { kind == .bool ? node.flag : nil }

    /// Whether this is the literal `true`.
    public var isTrue: Bool { kind == .bool && node.flag }

    /// A number that is an integer (also `12.0`, `1e3`); nil otherwise.
    public var int: Int? {
        guard let d = double, d.rounded() == d, abs(d) < 9e18 else { return nil }
        return Int(d)
    }

    public var double: Double? {
        let n = node
        guard n.kind == .number else { return nil }
        return Double(String(decoding: document.bytes[n.start..<n.end], as: UTF8.self))
    }

    /// The value's own bytes as they appear in the document (strings without their quotes' escapes undone).
    public var rawText: String {
        let n = node
        let start = n.kind == .string ? n.start - 1 : n.start
        let end = n.kind == .string ? n.end + 1 : n.end
        return String(decoding: document.bytes[start..<end], as: UTF8.self)
    }

    /// Whether this is a string equal to `text`, compared on the encoded bytes when no escape is involved.
    public func isString(_ text: String) -> Bool {
        let n = node
        guard n.kind == .string else { return false }
        if n.flag { return string == text }
        var utf8 = text.utf8.makeIterator()
        for b in document.bytes[n.start..<n.end] {
            guard utf8.next() == b else { return false }
        }
        return utf8.next() == nil
    }

    /// The value of member `key` of an object (the first one when a key repeats).
    public subscript(key: String) -> JSON? {
        let n = node
        guard n.kind == .object else { return nil }
        var i = index + 1
        let nodes = document.nodes
        while i < n.next {
            let keyNode = JSON(document: document, index: i)
            let value = i + 1
            if keyNode.isString(key) { return JSON(document: document, index: value) }
            i = nodes[value].next
        }
        return nil
    }

    /// Follows a path of member names: `record["message", "usage"]`.
    public subscript(first: String, rest: String...) -> JSON? {
        var value = self[first]
        for key in rest { value = value?[key] }
        return value
    }

    /// The elements of an array; empty for other kinds.
    public var elements: [JSON] {
        let n = node
        guard n.kind == .array else { return [] }
        var out: [JSON] = []
        var i = index + 1
        while i < n.next {
            out.append(JSON(document: document, index: i))
            i = document.nodes[i].next
        }
        return out
    }

    /// The members of an object in document order; empty for other kinds.
    public var members: [(key: String, value: JSON)] {
        let n = node
        guard n.kind == .object else { return [] }
        var out: [(String, JSON)] = []
        var i = index + 1
        while i < n.next {
            let value = JSON(document: document, index: i + 1)
            out.append((JSON(document: document, index: i).string ?? "", value))
            i = document.nodes[i + 1].next
        }
        return out
    }

    /// The number of elements or members; 0 for scalars.
    public var count: Int {
        switch kind {
        case .array: return elements.count
        case .object: return members.count
        default: return 0
        }
    }

    /// The string values (not keys) at any depth below this value, in document order, up to `limit`
    /// bytes in all: the searchable text of a structured value.
    public func stringLeaves(limit: Int = 1 << 20) -> [String] {
        var out: [String] = []
        var total = 0
        collectLeaves(into: &out, total: &total, limit: limit, depth: 0)
        return out
    }

    private func collectLeaves(into out: inout [String], total: inout Int, limit: Int, depth: Int) {
        guard total < limit, depth < 64 else { return }
        switch kind {
        case .string:
            if let s = string {
                out.append(s)
                total += s.utf8.count
            }
        case .array:
            forEachValue { $0.collectLeaves(into: &out, total: &total, limit: limit, depth: depth + 1) }
        case .object:
            forEachValue { $0.collectLeaves(into: &out, total: &total, limit: limit, depth: depth + 1) }
        default:
            break
        }
    }

    /// Calls `body` with each element of an array, or each member value of an object.
    public func forEachValue(_ body: (JSON) -> Void) {
        let n = node
        guard n.kind == .array || n.kind == .object else { return }
        let step = n.kind == .object ? 1 : 0
        var i = index + 1
        while i < n.next {
            let value = i + step
            body(JSON(document: document, index: value))
            i = document.nodes[value].next
        }
    }
}
