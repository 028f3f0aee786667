import HookCore

/// Aider chat history (markdown): `#### ` lines are the user's prompt (consecutive ones form one),
/// `/run` and `/test` prompts are commands; Aider's `> ` notes name files (`Applied edit to F`,
/// `Added F to the chat`), commands (`Running C`) and errors.
struct AiderExportParser: ExportRecordParser {
    private var pending: [String] = []

    mutating func absorb(_ line: [UInt8], isMainStream: Bool, into digest: inout SessionDigest) {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        if text.hasPrefix("#### ") || text == "####" {
            pending.append(String(text.dropFirst(5)))
            return
        }
        flush(into: &digest)
        guard text.hasPrefix("> ") else { return }
        let note = String(text.dropFirst(2)).trimmedWhitespace()
        if let path = AiderExportParser.suffix(of: note, after: "Applied edit to ") {
            digest.filesChanged.insert(path)
        } else if let rest = AiderExportParser.suffix(of: note, after: "Added "), rest.hasSuffix(" to the chat") {
            digest.filesRead.insert(String(rest.dropLast(" to the chat".count)))
        } else if let command = AiderExportParser.suffix(of: note, after: "Running ") {
            digest.commands.insert(command)
        } else if ["Error", "error:", "Unable to", "Failed", "Traceback"].contains(where: note.hasPrefix) || note.contains("failed to match") {
            digest.addError(ExportText.firstLine(note))
        }
    }

    mutating func finish(into digest: inout SessionDigest) { flush(into: &digest) }

    /// Ends the prompt being read.
    private mutating func flush(into digest: inout SessionDigest) {
        guard !pending.isEmpty else { return }
        let prompt = pending.joined(separator: "\n").trimmedWhitespace()
        pending = []
        digest.addPrompt(prompt)
        for prefix in ["/run ", "/test "] where prompt.hasPrefix(prefix) {
            digest.commands.insert(String(prompt.dropFirst(prefix.count)))
        }
        if prompt.hasPrefix("/add ") || prompt.hasPrefix("/read-only ") {
            for path in prompt.split(separator: " ").dropFirst() { digest.filesRead.insert(String(path)) }
        }
    }

    private static func suffix(of text: String, after prefix: String) -> String? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = String(text.dropFirst(prefix.count)).trimmedWhitespace()
        return rest.isEmpty ? nil : rest
    }
}
