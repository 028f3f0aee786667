/// A PEM private key in a plain-text stream (Aider's markdown, a log) spans many lines: the line
/// redactor sees the `BEGIN` line alone, so the lines up to `END` are withheld here, whole.
/// JSONL records carry a key on one line (`\n` escaped) and go to the line redactor as they are.
enum MultiLinePrivateKey {
    static let placeholder = Array("[REDACTED:private-key]".utf8)

    /// Redacts one line; `inside` carries the state from line to line (and across runs).
    static func redact(_ line: [UInt8], inside: inout Bool, using redactor: Redactor) -> [UInt8] {
        let isJSON = line.first == UInt8(ascii: "{")
        if inside && !isJSON {
            if contains(line, "-----END") { inside = false }
            return placeholder
        }
        if !isJSON, contains(line, "-----BEGIN"), contains(line, "PRIVATE KEY-----"), !contains(line, "-----END") {
            inside = true
        }
        return redactor.redactLine(line)
    }

    private static func contains(_ line: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard line.count >= needle.count else { return false }
        return (0...(line.count - needle.count)).contains { line[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
