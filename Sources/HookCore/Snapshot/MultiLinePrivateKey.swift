/// A private key in a plain-text stream (Aider's markdown, a log) spans many lines: the line redactor
/// sees one line at a time, so the lines after a key's header are withheld here, whole, up to its end.
/// JSONL records carry a key on one line (`\n` escaped) and go to the line redactor as they are.
///
/// A block starts at a PEM/OpenSSH/PGP header (`-----BEGIN … PRIVATE KEY…-----`) that ends its line or
/// is followed only by key text, wherever it stands in the line ("here is my private key: -----BEGIN…"),
/// or at PuTTY's `Private-Lines:`; it ends at `-----END` or PuTTY's `Private-MAC:`.
package enum MultiLinePrivateKey {
    package static let placeholder = Array("[REDACTED:private-key]".utf8)
    /// A block never runs longer than this (an RSA-8192 key is ~100 lines): an unterminated header
    /// must not swallow the rest of a transcript.
    package static let maximumLines = 200

    /// Redacts one line; `linesInside` carries the state from line to line (and across runs):
    /// nil outside a block, else how many lines of it were withheld.
    package static func redact(_ line: [UInt8], linesInside: inout Int?, using redactor: Redactor) -> [UInt8] {
        let isJSON = line.first == UInt8(ascii: "{")
        if let count = linesInside, !isJSON {
            let ends = contains(line, "-----END") || contains(line, "Private-MAC:")
            linesInside = ends || count + 1 >= maximumLines ? nil : count + 1
            return placeholder
        }
        if !isJSON, startsPuTTYPrivateLines(line) {
            linesInside = 0
            return placeholder
        }
        if !isJSON, let headerStart = header(line) {
            linesInside = 0
            // The words before the header stay; the header and any key text after it go.
            let before = line[..<headerStart]
            return before.allSatisfy({ $0 == 32 || $0 == 9 }) ? placeholder : redactor.redactLine(Array(before)) + placeholder
        }
        return redactor.redactLine(line)
    }

    /// Whether the line holds a header that opens a block; nil for a header quoted in prose.
    package static func isHeader(_ line: [UInt8]) -> Bool { header(line) != nil }

    /// Where the opening header starts, when the line has one whose block goes on below.
    static func header(_ line: [UInt8]) -> Int? {
        guard let begin = find(line, "-----BEGIN ", from: 0) else { return nil }
        guard let close = find(line, "-----", from: begin + 11) else { return nil }
        guard find(Array(line[begin..<close]), "PRIVATE KEY", from: 0) != nil else { return nil }
        let rest = line[(close + 5)...]
        if find(Array(rest), "-----END", from: 0) != nil { return nil }
        let text = rest.filter { $0 != 32 && $0 != 9 && $0 != 13 }
        if text.isEmpty { return begin }
        // Key text follows on the same line: base64 only.
        let base64 = text.allSatisfy { ByteClass.table[Int($0)] & ByteClass.base64 != 0 }
        return base64 && text.count >= 16 ? begin : nil
    }

    private static func startsPuTTYPrivateLines(_ line: [UInt8]) -> Bool {
        let trimmed = Array(line.drop { $0 == 32 || $0 == 9 })
        return trimmed.starts(with: Array("Private-Lines:".utf8))
    }

    private static func contains(_ line: [UInt8], _ text: String) -> Bool { find(line, text, from: 0) != nil }

    private static func find(_ line: [UInt8], _ text: String, from: Int) -> Int? {
        let needle = Array(text.utf8)
        guard line.count >= needle.count + from else { return nil }
        return (from...(line.count - needle.count)).first { line[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
