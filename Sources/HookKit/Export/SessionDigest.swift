import HookCore

/// What export keeps of a session: the facts a reader needs, not the whole conversation.
struct SessionDigest {
    /// The latest summary record's text, if the assistant wrote one.
    var summary: String?
    /// Every user prompt, in order.
    var prompts: [String] = []
    /// Files the assistant read, in first-seen order (paths as written in the tool calls).
    var filesRead = OrderedSet()
    /// Files the assistant created, edited or deleted.
    var filesChanged = OrderedSet()
    /// Shell commands run, first occurrence of each.
    var commands = OrderedSet()
    /// Failed tool results, one short line each.
    var errors: [String] = []

    /// Strings in insertion order without duplicates.
    struct OrderedSet {
        private(set) var items: [String] = []
        private var seen: Set<String> = []

        mutating func insert(_ item: String) {
            let trimmed = item.trimmedWhitespace()
            guard !trimmed.isEmpty, seen.insert(trimmed).inserted else { return }
            items.append(trimmed)
        }
    }

    mutating func addPrompt(_ text: String) {
        let trimmed = text.trimmedWhitespace()
        if !trimmed.isEmpty { prompts.append(trimmed) }
    }

    mutating func addError(_ text: String) {
        let trimmed = text.trimmedWhitespace()
        if !trimmed.isEmpty { errors.append(trimmed) }
    }
}

/// Reads one source's archived lines into a digest; one type per transcript format.
protocol ExportRecordParser {
    /// Takes one archived line. `isMainStream` is false for subagent streams, whose "user" turns
    /// are the main agent's instructions, not the user's prompts.
    mutating func absorb(_ line: [UInt8], isMainStream: Bool, into digest: inout SessionDigest)
    /// Called after a stream's last line.
    mutating func finish(into digest: inout SessionDigest)
}

extension ExportRecordParser {
    mutating func finish(into digest: inout SessionDigest) {}
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmedWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" || first.isNewline { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" || last.isNewline { s = s.dropLast() }
        return String(s)
    }
}
