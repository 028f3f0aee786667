import HookCore

/// The current redaction rules applied to text before it is written into a page, line by line as
/// `export` does: every finding becomes `[REDACTED:<rule-id>]`. Text without findings is returned as it
/// is, without a copy.
struct SiteRedaction: Sendable {
    let redactor: Redactor?

    /// No redaction (tests of layout only).
    static let none = SiteRedaction(redactor: nil)

    func redact(_ text: String) -> String {
        guard let redactor, !text.isEmpty else { return text }
        var text = text
        let edits: [(Range<Int>, String)] = text.withUTF8 { buffer in
            var edits: [(Range<Int>, String)] = []
            var start = 0
            while start <= buffer.count {
                var end = start
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                if end > start {
                    let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    var position = 0
                    for finding in redactor.findings(in: line).sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
                    where finding.range.lowerBound >= position && finding.range.upperBound <= line.count {
                        edits.append(((start + finding.range.lowerBound)..<(start + finding.range.upperBound), "[REDACTED:\(finding.ruleID)]"))
                        position = finding.range.upperBound
                    }
                }
                start = end + 1
            }
            return edits
        }
        guard !edits.isEmpty else { return text }
        return text.withUTF8 { buffer in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            var position = 0
            for (range, replacement) in edits {
                out += buffer[position..<range.lowerBound]
                out += replacement.utf8
                position = range.upperBound
            }
            out += buffer[position...]
            return String(decoding: out, as: UTF8.self)
        }
    }
}
