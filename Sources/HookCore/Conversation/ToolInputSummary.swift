/// One line saying what a tool call does, for tools a source has no special mapping for.
public enum ToolInputSummary {
    /// The members that say most about a call, in the order they are preferred.
    static let telling = ["command", "cmd", "file_path", "notebook_path", "path", "pattern", "url", "query", "description", "prompt"]

    /// The first telling string member of `input`, else its compact JSON, on one line, at most `limit` characters.
    public static func of(_ input: JSON?, limit: Int = 160) -> String {
        guard let input else { return "" }
        if let s = input.string { return oneLine(s, limit: limit) }
        for key in telling {
            if let value = input[key]?.string, !value.isEmpty { return oneLine(value, limit: limit) }
        }
        let members = input.members
        if members.isEmpty { return "" }
        if members.count == 1, let only = members[0].value.string { return oneLine(only, limit: limit) }
        return oneLine(input.rawText, limit: limit)
    }

    /// The first non-blank line of `text`, cut at `limit` characters with `…`.
    public static func oneLine(_ text: String, limit: Int) -> String {
        var line = Substring("")
        for candidate in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = candidate.trimmingCharacters(in: " \t\r")
            if !trimmed.isEmpty {
                line = trimmed
                break
            }
        }
        let more = line.count < text.trimmingCharacters(in: " \t\r\n").count
        if line.count > limit { return String(line.prefix(limit - 1)) + "…" }
        return more ? String(line) + " …" : String(line)
    }
}
