#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A line with one more level of JSON string escapes decoded (`\n`, `\"`, `\\`, `\/`, `\uXXXX`, …),
/// and the way back to the raw line: every decoded byte knows the raw bytes it came from, so a secret
/// found in decoded text is redacted in the line as written, whole escapes included.
///
/// A transcript line holds tool output as a JSON string; that output may itself print JSON (a
/// service-account file), whose strings hold `\n` again: each level peels one layer.
package struct EscapedText {
    /// The decoded bytes.
    package var bytes: [UInt8] = []
    /// Decoded bytes that came from an escape: their position here and the raw range they stand for.
    /// Every other byte is a copy, and its raw position follows from the closest record before it.
    private var records: [(position: Int32, rawStart: Int32, rawEnd: Int32)] = []
    /// Positions of the bytes decoded at this level (not at an earlier one).
    private var decodedHere: [Int32] = []

    private init() {}

    /// Whether decoding once more would change anything.
    package static func hasEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var k = 0
        let n = bytes.count
        while k + 1 < n, let hit = memchr(base + k, 0x5C, n - k) {
            k = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if escapeLength(bytes, k) != nil { return true }
            k += 2
        }
        return false
    }

    /// Length of the escape at `k` and the bytes it decodes to, or nil when `\` starts none.
    private static func escapeLength(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> (Int, UInt32)? {
        guard k + 1 < b.count else { return nil }
        switch b[k + 1] {
        case UInt8(ascii: "n"): return (2, 0x0A)
        case UInt8(ascii: "t"): return (2, 0x09)
        case UInt8(ascii: "r"): return (2, 0x0D)
        case UInt8(ascii: "b"): return (2, 0x08)
        case UInt8(ascii: "f"): return (2, 0x0C)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return (2, UInt32(b[k + 1]))
        case UInt8(ascii: "u"):
            guard k + 5 < b.count else { return nil }
            var v: UInt32 = 0
            for h in (k + 2)...(k + 5) {
                guard let d = ByteView.hexValue(b[h]) else { return nil }
                v = v << 4 | UInt32(d)
            }
            return (6, v)
        default: return nil
        }
    }

    /// The raw line with its escapes decoded once (level 1).
    package init(decodingRaw raw: UnsafeBufferPointer<UInt8>) {
        self = EscapedText.decode(raw, previous: nil)
    }

    /// The next level: this text with its escapes decoded once more.
    package func decoded() -> EscapedText {
        bytes.withUnsafeBufferPointer { EscapedText.decode($0, previous: self) }
    }

    private static func decode(_ b: UnsafeBufferPointer<UInt8>, previous: EscapedText?) -> EscapedText {
        var out = EscapedText()
        out.bytes.reserveCapacity(b.count)
        func raw(_ k: Int) -> Range<Int> { previous?.rawRange(k) ?? k..<(k + 1) }
        do {
            var k = 0
            var copied = 0
            while k < b.count {
                guard let hit = memchr(b.baseAddress! + k, 0x5C, b.count - k) else { break }
                k = UnsafeRawPointer(hit) - UnsafeRawPointer(b.baseAddress!)
                guard let (length, value) = EscapedText.escapeLength(b, k) else {
                    k += 2
                    continue
                }
                out.copy(b, copied..<k, from: previous)
                let rawStart = raw(k).lowerBound
                let rawEnd = raw(k + length - 1).upperBound
                for byte in EscapedText.utf8(value) {
                    out.records.append((Int32(out.bytes.count), Int32(rawStart), Int32(rawEnd)))
                    out.decodedHere.append(Int32(out.bytes.count))
                    out.bytes.append(byte)
                }
                k += length
                copied = k
            }
            out.copy(b, copied..<b.count, from: previous)
        }
        return out
    }

    /// Appends `range` of the previous level's bytes, carrying over the raw ranges of its decoded bytes.
    private mutating func copy(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, from previous: EscapedText?) {
        guard !range.isEmpty else { return }
        guard let previous else {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
            return
        }
        let shift = bytes.count - range.lowerBound
        var r = previous.firstRecord(atOrAfter: range.lowerBound)
        while r < previous.records.count && Int(previous.records[r].position) < range.upperBound {
            let rec = previous.records[r]
            records.append((Int32(Int(rec.position) + shift), rec.rawStart, rec.rawEnd))
            r += 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
    }

    private func firstRecord(atOrAfter position: Int) -> Int {
        var lo = 0
        var hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(records[mid].position) < position { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The raw bytes that byte `position` of this level stands for.
    package func rawRange(_ position: Int) -> Range<Int> {
        guard let r = lastRecord(atOrBefore: position) else { return position..<(position + 1) }
        let rec = records[r]
        if Int(rec.position) == position { return Int(rec.rawStart)..<Int(rec.rawEnd) }
        let raw = Int(rec.rawEnd) + position - Int(rec.position) - 1
        return raw..<(raw + 1)
    }

    /// The raw range of the decoded span `span`.
    package func rawRange(of span: Range<Int>) -> Range<Int> {
        guard !span.isEmpty else {
            let r = rawRange(span.lowerBound)
            return r.lowerBound..<r.lowerBound
        }
        return rawRange(span.lowerBound).lowerBound..<rawRange(span.upperBound - 1).upperBound
    }

    /// The position in this level of raw byte `raw` (the first decoded byte of its escape).
    package func position(ofRaw raw: Int) -> Int {
        var lo = 0
        var hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(records[mid].rawStart) <= raw { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return raw }
        let rec = records[lo - 1]
        if raw < Int(rec.rawEnd) {
            // Inside that escape: the first byte decoded from it.
            var r = lo - 1
            while r > 0 && records[r - 1].rawStart == rec.rawStart { r -= 1 }
            return Int(records[r].position)
        }
        return Int(rec.position) + 1 + raw - Int(rec.rawEnd)
    }

    /// Whether any byte in `positions` was decoded at this level (else they read as at the level before).
    package func decodedHere(in positions: Range<Int>) -> Bool {
        var lo = 0
        var hi = decodedHere.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(decodedHere[mid]) < positions.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < decodedHere.count && Int(decodedHere[lo]) < positions.upperBound
    }

    private func lastRecord(atOrBefore position: Int) -> Int? {
        var lo = 0
        var hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(records[mid].position) <= position { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }

    private static func utf8(_ v: UInt32) -> [UInt8] {
        switch v {
        case 0..<0x80: return [UInt8(v)]
        case 0x80..<0x800: return [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        default: return [UInt8(0xE0 | v >> 12), UInt8(0x80 | (v >> 6) & 0x3F), UInt8(0x80 | v & 0x3F)]
        }
    }
}
