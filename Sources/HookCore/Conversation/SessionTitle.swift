/// The one title rule every command uses: a summary record only when it describes this session (its
/// `leafUuid` is one of this session's records: Claude Code also writes summaries of the session a
/// resumed one continues), the latest such; else the first prompt a person typed; else the first command
/// they ran. The first non-blank line, cut at a word boundary with `…` when longer than `limit`.
public enum SessionTitle {
    public static let limit = 80

    public static func of(_ transcript: SessionTranscript) -> String? {
        guard let main = transcript.main else { return nil }
        var ownRecords = Set<String>()
        for stream in transcript.streams {
            for event in stream.events { if let id = event.recordID { ownRecords.insert(id) } }
        }
        var summary: String?
        var typed: String?
        var command: String?
        for event in main.events where !event.isSidechain {
            switch event.kind {
            case .summary(let s):
                if let leaf = s.leafID, ownRecords.contains(leaf) { summary = s.text }
            case .prompt(let p) where p.origin == .person:
                if typed == nil, !p.text.trimmingCharacters(in: " \t\r\n").isEmpty { typed = p.text }
            case .prompt(let p) where p.origin == .command:
                if command == nil { command = p.text }
            default:
                continue
            }
        }
        return (summary ?? typed ?? command).flatMap { line($0) }
    }

    /// The first non-blank line of `text`, white space trimmed, cut at a word boundary with `…`.
    public static func line(_ text: String, limit: Int = SessionTitle.limit) -> String? {
        guard
            let first = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
                .lazy.map({ String($0).trimmingCharacters(in: " \t") }).first(where: { !$0.isEmpty })
        else { return nil }
        // A markdown heading's marks are not part of its words.
        let words = first.hasPrefix("#") ? String(first.drop { $0 == "#" }).trimmingCharacters(in: " \t") : first
        return cut(words.isEmpty ? first : words, limit: limit)
    }

    /// `text` when it fits in `limit` characters, else its longest prefix ending at a word boundary (never
    /// inside a word unless one word is longer than the limit), followed by `…`.
    public static func cut(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        let next = text[head.endIndex]
        if next == " " || next == "\t" { return String(head).trimmingCharacters(in: " \t,;:.-") + "…" }
        if let space = head.lastIndex(where: { $0 == " " || $0 == "\t" }), head.distance(from: head.startIndex, to: space) >= limit / 3 {
            let kept = String(head[..<space]).trimmingCharacters(in: " \t,;:.-")
            return kept + "…"
        }
        return String(head) + "…"
    }
}
