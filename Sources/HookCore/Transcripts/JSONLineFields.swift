#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cheap field extraction from one JSON line without decoding the whole record (records can be
/// megabytes of tool output). Works on byte ranges, tolerates truncated or invalid input (it
/// returns what it found before the damage) and never traps on any bytes.
///
/// Ranges returned are indices into the slice that was passed in (an `ArraySlice` keeps its
/// base array's indices), so they can be fed back into `members`, `string` or `elements`.
public enum JSONLineFields {
    /// Value ranges of the members of the object at `bytes` (leading whitespace allowed) whose
    /// keys are in `keys`; the first occurrence of a key wins. Empty when `bytes` is no object.
    public static func members(_ bytes: ArraySlice<UInt8>, keys: Set<String>) -> [String: Range<Int>] {
        guard !keys.isEmpty else { return [:] }
        let wanted = keys.map { (key: $0, bytes: Array($0.utf8)) }
        var found: [String: Range<Int>] = [:]
        bytes.withUnsafeBufferPointer { buf in
            var s = Scanner(buf)
            s.skipWhitespace()
            guard s.peek == UInt8(ascii: "{") else { return }
            s.i += 1
            while true {
                s.skipWhitespace()
                guard s.peek == UInt8(ascii: "\"") else { return }
                let keyStart = s.i + 1
                guard s.skipString() else { return }
                let keyEnd = s.i - 1
                s.skipWhitespace()
                guard s.peek == UInt8(ascii: ":") else { return }
                s.i += 1
                s.skipWhitespace()
                let valueStart = s.i
                guard s.skipValue() else { return }
                let valueEnd = s.i
                if let match = wanted.first(where: { s.equals(keyStart..<keyEnd, $0.bytes) }), found[match.key] == nil {
                    found[match.key] = (bytes.startIndex + valueStart)..<(bytes.startIndex + valueEnd)
                    if found.count == wanted.count { return }
                }
                s.skipWhitespace()
                if s.peek == UInt8(ascii: ",") {
                    s.i += 1
                    continue
                }
                return
            }
        }
        return found
    }

    /// Convenience: `members` of a whole line.
    public static func members(_ line: [UInt8], keys: Set<String>) -> [String: Range<Int>] {
        members(line[...], keys: keys)
    }

    /// The decoded text of a JSON string value at `range` of `bytes`; nil when it is no string.
    /// Invalid escapes and invalid UTF-8 decode to U+FFFD.
    /// With `maxBytes`, only that many bytes of the encoded body are decoded (enough for a title
    /// from a megabyte prompt); a character cut at the limit decodes to U+FFFD.
    public static func string(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>, maxBytes: Int? = nil) -> String? {
        guard range.count >= 2, range.lowerBound >= bytes.startIndex, range.upperBound <= bytes.endIndex,
            bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"")
        else { return nil }
        var body = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if let maxBytes, body.count > maxBytes { body = body.prefix(max(0, maxBytes)) }
        if !body.contains(UInt8(ascii: "\\")) { return String(decoding: body, as: UTF8.self) }
        return String(decoding: unescape(body), as: UTF8.self)
    }

    /// Whether the value at `range` is the literal `true`.
    public static func isTrue(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>?) -> Bool {
        guard let range, range.lowerBound >= bytes.startIndex, range.upperBound <= bytes.endIndex else { return false }
        return bytes[range].elementsEqual("true".utf8)
    }

    /// A message's `content` as text: the string itself, or the first `{"type":"text","text":…}` block of
    /// an array (Claude Code's and Cursor's user messages), up to `maxBytes`.
    public static func messageText(_ bytes: ArraySlice<UInt8>, _ content: Range<Int>, maxBytes: Int? = nil) -> String? {
        if let text = string(bytes, content, maxBytes: maxBytes) { return text }
        for block in elements(bytes, content) {
            let b = members(bytes[block], keys: ["type", "text"])
            if b["type"].flatMap({ string(bytes, $0) }) == "text", let text = b["text"].flatMap({ string(bytes, $0, maxBytes: maxBytes) }) {
                return text
            }
        }
        return nil
    }

    /// Ranges of the elements of the JSON array at `range`; empty when it is no array.
    public static func elements(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        guard range.lowerBound >= bytes.startIndex, range.upperBound <= bytes.endIndex else { return [] }
        let slice = bytes[range]
        var result: [Range<Int>] = []
        slice.withUnsafeBufferPointer { buf in
            var s = Scanner(buf)
            s.skipWhitespace()
            guard s.peek == UInt8(ascii: "[") else { return }
            s.i += 1
            while true {
                s.skipWhitespace()
                if s.peek == UInt8(ascii: "]") || s.peek == nil { return }
                let start = s.i
                guard s.skipValue() else { return }
                result.append((slice.startIndex + start)..<(slice.startIndex + s.i))
                s.skipWhitespace()
                if s.peek == UInt8(ascii: ",") {
                    s.i += 1
                    continue
                }
                return
            }
        }
        return result
    }

    /// Whether `needle` occurs anywhere in `line` (a plain byte search).
    public static func contains(_ line: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, line.count >= n.count else { return false }
        // memchr for the first byte, then compare (memmem isn't exported by the Glibc module).
        return line.withUnsafeBytes { hay in
            n.withUnsafeBytes { nd in
                let base = hay.baseAddress!
                let last = hay.count - n.count
                var from = 0
                while from <= last {
                    guard let hit = memchr(base + from, Int32(n[0]), last - from + 1) else { return false }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, nd.baseAddress!, n.count) == 0 { return true }
                    from = at + 1
                }
                return false
            }
        }
    }

    /// Calls `body` with the key's start and the value's range of every object member named `key`, at any
    /// depth, in order; `body` returns where scanning goes on (its value's end, or further). Stops at
    /// truncated input.
    package static func forEachMember(named key: String, in line: [UInt8], _ body: (_ keyStart: Int, _ value: Range<Int>) -> Int) {
        let keyBytes = Array(key.utf8)
        line.withUnsafeBufferPointer { buf in
            var s = Scanner(buf)
            while let c = s.peek {
                guard c == UInt8(ascii: "\"") else {
                    s.i += 1
                    continue
                }
                let keyStart = s.i
                guard s.skipString() else { return }
                let keyEnd = s.i
                var j = s.i
                while j < buf.count, Scanner.isWhitespace(buf[j]) { j += 1 }
                guard j < buf.count, buf[j] == UInt8(ascii: ":") else { continue }  // a value, not a key
                guard s.equals((keyStart + 1)..<(keyEnd - 1), keyBytes) else {
                    s.i = j + 1
                    continue
                }
                s.i = j + 1
                s.skipWhitespace()
                let valueStart = s.i
                guard s.skipValue() else { return }
                s.i = max(s.i, body(keyStart, valueStart..<s.i))
            }
        }
    }

    /// `line` with every object member named `key` removed, at any depth; commas are fixed so
    /// valid JSON stays valid. Returns `line` unchanged when no such member exists.
    public static func removingMembers(named key: String, from line: [UInt8]) -> [UInt8] {
        var cuts: [Range<Int>] = []
        var lastCutEnd = 0
        forEachMember(named: key, in: line) { keyStart, value in
            // Prefer removing the comma before the member, else the one after it.
            var b = keyStart - 1
            while b >= lastCutEnd, Scanner.isWhitespace(line[b]) { b -= 1 }
            var cut: Range<Int>
            var resume = value.upperBound
            if b >= lastCutEnd, line[b] == UInt8(ascii: ",") {
                cut = b..<value.upperBound
            } else {
                var f = value.upperBound
                while f < line.count, Scanner.isWhitespace(line[f]) { f += 1 }
                if f < line.count, line[f] == UInt8(ascii: ",") {
                    f += 1
                    while f < line.count, Scanner.isWhitespace(line[f]) { f += 1 }
                    cut = keyStart..<f
                    resume = f
                } else {
                    cut = keyStart..<value.upperBound
                }
            }
            cuts.append(cut)
            lastCutEnd = cut.upperBound
            return resume
        }
        guard !cuts.isEmpty else { return line }
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var pos = 0
        for cut in cuts {
            out.append(contentsOf: line[pos..<cut.lowerBound])
            pos = cut.upperBound
        }
        out.append(contentsOf: line[pos...])
        return out
    }

    /// Decodes the escapes of a JSON string body.
    package static func unescape(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = body.startIndex
        let end = body.endIndex
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = body[k]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        func appendScalar(_ v: UInt32) {
            let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
            UTF8.encode(scalar) { out.append($0) }
        }
        while i < end {
            let c = body[i]
            guard c == UInt8(ascii: "\\"), i + 1 < end else {
                out.append(c)
                i += 1
                continue
            }
            let e = body[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard let v = hex4(i) else {
                    appendScalar(0xFFFD)
                    continue
                }
                i += 4
                if v >= 0xD800 && v < 0xDC00, i + 6 <= end, body[i] == UInt8(ascii: "\\"),
                    body[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), low >= 0xDC00 && low < 0xE000
                {
                    i += 6
                    appendScalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    appendScalar(v)  // lone surrogates become U+FFFD
                }
            default: out.append(e)  // \" \\ \/ and unknown escapes keep the character
            }
        }
        return out
    }

    /// A byte cursor over one buffer; every move is bounds-checked.
    package struct Scanner {
        package let buf: UnsafeBufferPointer<UInt8>
        package var i = 0
        package init(_ buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

        package var peek: UInt8? { i < buf.count ? buf[i] : nil }

        package static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

        package mutating func skipWhitespace() {
            while i < buf.count, Scanner.isWhitespace(buf[i]) { i += 1 }
        }

        /// At a `"`: moves past the closing quote; false when the input ends first.
        package mutating func skipString() -> Bool {
            i += 1
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                i += 1
                if c == UInt8(ascii: "\"") { return true }
            }
            i = buf.count
            return false
        }

        /// Moves past one value (string, object, array or scalar); false when truncated.
        package mutating func skipValue() -> Bool {
            guard let c = peek else { return false }
            if c == UInt8(ascii: "\"") { return skipString() }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                var depth = 0
                while i < buf.count {
                    let d = buf[i]
                    if d == UInt8(ascii: "\"") {
                        if !skipString() { return false }
                        continue
                    }
                    i += 1
                    if d == UInt8(ascii: "{") || d == UInt8(ascii: "[") {
                        depth += 1
                    } else if d == UInt8(ascii: "}") || d == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { return true }
                    }
                }
                return false
            }
            let start = i
            while i < buf.count {
                let d = buf[i]
                if d == UInt8(ascii: ",") || d == UInt8(ascii: "}") || d == UInt8(ascii: "]") || Scanner.isWhitespace(d) { break }
                i += 1
            }
            return i > start && i < buf.count
        }

        package func equals(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
            guard range.lowerBound >= 0, range.upperBound <= buf.count, range.count == other.count else { return false }
            var k = 0
            for j in range {
                if buf[j] != other[k] { return false }
                k += 1
            }
            return true
        }
    }
}
