/// Keeps a replacement inside JSON strings: a span found on decoded text covers whole escapes, but one
/// found on the raw line may start or end inside an escape, or (rarely) run across a string's closing
/// quote. Such a span is widened to whole escapes and cut into the pieces that lie inside strings.
enum JSONSpans {
    static func safePieces(_ p: UnsafePointer<UInt8>, _ n: Int, _ span: Range<Int>) -> [Range<Int>] {
        var start = span.lowerBound
        var end = span.upperBound
        // Inside an escape at the start: begin at its backslash.
        var backslashes = 0
        while start - backslashes - 1 >= 0 && p[start - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
        if backslashes % 2 == 1 { start -= 1 }
        for d in 2...5
        where start - d >= 0 && p[start - d] == UInt8(ascii: "\\") && p[start - d + 1] == UInt8(ascii: "u")
            && (start - d + 2..<start).allSatisfy({ ByteView.hexValue(p[$0]) != nil }) && !isEscaped(p, start - d)
        {
            start -= d
            break
        }
        // Walk the span; a backslash takes the escape after it along, even past the end.
        var quotes: [Int] = []
        var k = start
        while k < end {
            if p[k] == UInt8(ascii: "\\") {
                let length = k + 1 < n && p[k + 1] == UInt8(ascii: "u") ? 6 : 2
                k += length
                end = max(end, min(k, n))
            } else {
                if p[k] == UInt8(ascii: "\"") { quotes.append(k) }
                k += 1
            }
        }
        guard !quotes.isEmpty else { return [start..<end] }
        // Which side of each structural quote is inside a string: count the quotes before the span.
        var inside = false
        var j = 0
        while j < start {
            if p[j] == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if p[j] == UInt8(ascii: "\"") { inside.toggle() }
            j += 1
        }
        var pieces: [Range<Int>] = []
        var pieceStart = start
        for q in quotes + [end] {
            if inside && q > pieceStart { pieces.append(pieceStart..<q) }
            inside.toggle()
            pieceStart = q + 1
        }
        return pieces
    }

    private static func isEscaped(_ p: UnsafePointer<UInt8>, _ k: Int) -> Bool {
        var b = 0
        while k - b - 1 >= 0 && p[k - b - 1] == UInt8(ascii: "\\") { b += 1 }
        return b % 2 == 1
    }
}
