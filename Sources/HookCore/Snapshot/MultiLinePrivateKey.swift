/// A PEM or PGP private key in a plain-text stream (Aider's markdown, a log) spans many lines: the
/// line redactor sees the `BEGIN` line alone, so the lines up to `END` are withheld here, whole.
/// JSONL records carry a key on one line (`\n` escaped) and go to the line redactor as they are.
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
            linesInside = contains(line, "-----END") || count + 1 >= maximumLines ? nil : count + 1
            return placeholder
        }
        if !isJSON, isHeader(line) {
            linesInside = 0
            return placeholder
        }
        return redactor.redactLine(line)
    }

    /// `-----BEGIN … PRIVATE KEY…-----` alone on its line (indentation allowed), as PEM and PGP armor write it;
    /// a sentence quoting the header is left to the line redactor.
    package static func isHeader(_ line: [UInt8]) -> Bool {
        let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return trimmed.starts(with: Array("-----BEGIN ".utf8)) && contains(Array(trimmed), "PRIVATE KEY")
            && !contains(Array(trimmed), "-----END") && Array(trimmed.reversed().drop { $0 == 13 || $0 == 32 }).starts(with: Array("-----".utf8))
    }

    private static func contains(_ line: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard line.count >= needle.count else { return false }
        return (0...(line.count - needle.count)).contains { line[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
