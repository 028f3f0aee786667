/// A line of code as provenance matching compares it: runs of whitespace become one space and both
/// ends are trimmed, so re-indenting or re-spacing a line keeps it the same line.
public enum CodeLine {
    /// The line with whitespace runs collapsed to one space and no leading or trailing whitespace.
    public static func normalized<S: StringProtocol>(_ line: S) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for b in line.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C || b == 0x0A {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A normalized line without a letter or digit (`}`, `});`, `*/`): too common to tell who wrote it on its
    /// own, so it takes the attribution of the lines around it.
    public static func isTrivial(_ normalized: String) -> Bool {
        !normalized.utf8.contains { isWordByte($0) }
    }

    /// The words a line is indexed by for similarity: runs of letters, digits and `_` of three bytes or more.
    public static func words(_ normalized: String) -> [Substring] {
        var out: [Substring] = []
        var start: String.Index?
        var count = 0
        let utf8 = normalized.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if isWordByte(utf8[i]) {
                if start == nil { start = i }
                count += 1
            } else {
                if let s = start, count >= 3 { out.append(normalized[s..<i]) }
                start = nil
                count = 0
            }
            i = utf8.index(after: i)
        }
        if let s = start, count >= 3 { out.append(normalized[s...]) }
        return out
    }

    /// Lines longer than this many bytes are compared on their first ones.
    public static let comparedBytes = 240

    /// How alike two normalized lines are: 1 − edit distance ÷ the longer length, over bytes (lines longer
    /// than `limit` bytes are compared on their first `limit` bytes).
    public static func similarity(_ a: String, _ b: String, limit: Int = comparedBytes) -> Double {
        let x = Array(a.utf8.prefix(limit))
        let y = Array(b.utf8.prefix(limit))
        let longest = max(x.count, y.count)
        guard !x.isEmpty, !y.isEmpty else { return longest == 0 ? 1 : 0 }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return 1 - Double(previous[y.count]) / Double(longest)
    }

    /// `similarity(a, b)` when it reaches `threshold`, else nil; lengths too far apart are ruled out without
    /// the table.
    public static func similarity(_ a: String, _ b: String, atLeast threshold: Double) -> Double? {
        let m = min(a.utf8.count, comparedBytes)
        let n = min(b.utf8.count, comparedBytes)
        let longest = max(m, n)
        guard longest > 0 else { return 1 }
        if 1 - Double(abs(m - n)) / Double(longest) < threshold { return nil }
        let s = similarity(a, b)
        return s >= threshold ? s : nil
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    /// The lines of a text as a file holds them: split at `\n` (a `\r` before it dropped), no empty last
    /// line for a text ending in a newline. Split on bytes: as Characters, `\r\n` is one and never `\n`.
    public static func lines(of text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == 0x0A {
                var end = i
                if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
                out.append(text[start..<end])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start != utf8.endIndex { out.append(text[start...]) }
        return out
    }
}
