import HookCore

/// Markdown as a model writes it, shown as HTML that cannot carry markup of its own: fenced code blocks
/// become `<pre>`, paragraphs keep their line breaks, code spans become `<code>` and `**bold**` becomes
/// `<strong>`; everything else (headings, lists, tables, raw HTML, links) stays readable text, escaped.
/// No URL becomes a link: a page never makes a request.
enum ProseHTML {
    /// Writes `text` (redacted as a whole first, so splitting it cannot hide a secret from the rules).
    static func write(_ text: String, into w: inout HTMLWriter) {
        let bytes = Array(w.redaction.redact(text).utf8)
        var lines: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        lines.append(start..<bytes.count)
        var paragraph: [Range<Int>] = []
        func flush(_ w: inout HTMLWriter) {
            guard let first = paragraph.first, let last = paragraph.last else { return }
            w.markup("<p>")
            inline(bytes[first.lowerBound..<last.upperBound], into: &w)
            w.markup("</p>")
            paragraph = []
        }
        var i = 0
        while i < lines.count {
            let line = bytes[lines[i]]
            if let fence = openingFence(line) {
                flush(&w)
                var body: [Range<Int>] = []
                i += 1
                while i < lines.count, !isClosing(bytes[lines[i]], fence) {
                    body.append(lines[i])
                    i += 1
                }
                i += 1
                w.markup("<pre class=\"code\"><code>")
                if let first = body.first, let last = body.last { w.plain(String(decoding: bytes[first.lowerBound..<last.upperBound], as: UTF8.self)) }
                w.markup("</code></pre>")
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                flush(&w)
            } else {
                paragraph.append(lines[i])
            }
            i += 1
        }
        flush(&w)
    }

    /// A fence opening a code block: up to three spaces, then three or more backticks or tildes.
    private static func openingFence(_ line: ArraySlice<UInt8>) -> (char: UInt8, count: Int)? {
        var rest = line.drop { $0 == 0x20 }
        guard line.count - rest.count <= 3, let c = rest.first, c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
        let run = rest.prefix { $0 == c }.count
        guard run >= 3 else { return nil }
        rest = rest.dropFirst(run)
        // A backtick fence's info string has no backtick (else it is a code span).
        if c == UInt8(ascii: "`"), rest.contains(c) { return nil }
        return (c, run)
    }

    private static func isClosing(_ line: ArraySlice<UInt8>, _ fence: (char: UInt8, count: Int)) -> Bool {
        let rest = line.drop { $0 == 0x20 }
        guard line.count - rest.count <= 3 else { return false }
        let run = rest.prefix { $0 == fence.char }.count
        return run >= fence.count && rest.dropFirst(run).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Code spans and `**strong**` inside a paragraph; the rest as text.
    private static func inline(_ s: ArraySlice<UInt8>, into w: inout HTMLWriter) {
        let tick = UInt8(ascii: "`")
        let star = UInt8(ascii: "*")
        var i = s.startIndex
        var textStart = i
        // Run lengths with no closing run left: none appears later either (keeps long text linear).
        var noCloser: Set<Int> = []
        var noStrongCloser = false
        func text(_ r: Range<Int>, _ w: inout HTMLWriter) {
            if !r.isEmpty { w.plain(String(decoding: s[r], as: UTF8.self)) }
        }
        while i < s.endIndex {
            let b = s[i]
            if b == tick {
                let run = s[i...].prefix { $0 == tick }.count
                if !noCloser.contains(run), let close = closingRun(s, from: i + run, char: tick, count: run) {
                    text(textStart..<i, &w)
                    w.markup("<code>")
                    w.plain(String(decoding: s[(i + run)..<close], as: UTF8.self))
                    w.markup("</code>")
                    i = close + run
                    textStart = i
                    continue
                }
                noCloser.insert(run)
                i += run
                continue
            }
            if b == star, !noStrongCloser, i + 1 < s.endIndex, s[i + 1] == star, i + 2 < s.endIndex, s[i + 2] != 0x20, s[i + 2] != star {
                guard let close = closingRun(s, from: i + 2, char: star, count: 2) else {
                    noStrongCloser = true
                    i += 2
                    continue
                }
                guard s[close - 1] != 0x20 else {
                    i += 2
                    continue
                }
                text(textStart..<i, &w)
                w.markup("<strong>")
                inline(s[(i + 2)..<close], into: &w)
                w.markup("</strong>")
                i = close + 2
                textStart = i
                continue
            }
            i += 1
        }
        text(textStart..<s.endIndex, &w)
    }

    /// The start of the next run of exactly `count` `char`s at or after `from`.
    private static func closingRun(_ s: ArraySlice<UInt8>, from: Int, char: UInt8, count: Int) -> Int? {
        var j = from
        while j < s.endIndex {
            if s[j] == char {
                let run = s[j...].prefix { $0 == char }.count
                if run == count { return j }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }
}
