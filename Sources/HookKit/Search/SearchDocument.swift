import HookCore

/// Who said a piece of archived text.
public enum SearchRole: String, Sendable, CaseIterable, Codable {
    /// What a person typed (prompts, commands).
    case user
    /// What a person said when refusing a tool call.
    case rejection
    case assistant
    case thinking
    case toolCall = "tool_call"
    case toolOutput = "tool_output"
    case summary
    /// Text the tool put on the person's side (skill expansions, environment context, command output).
    case injected
    /// Lines of a source convo-hook has no mapping for: the text as archived.
    case text

    /// Ranking weight: at equal relevance, what people said comes before what tools printed.
    var weight: Double {
        switch self {
        case .user, .rejection: return 1.3
        case .assistant, .summary: return 1.1
        case .thinking, .toolCall, .text: return 1.0
        case .injected, .toolOutput: return 0.8
        }
    }
}

/// One searchable piece of an archived line: the text of one role in it.
public struct SearchDocument: Equatable, Sendable {
    public var stream: String
    /// The archive line number in its stream.
    public var line: Int
    public var role: SearchRole
    /// The record's own time (ISO-8601 as archived), nil when it has none.
    public var timestamp: String?
    public var text: String

    public init(stream: String = "main", line: Int, role: SearchRole, timestamp: String?, text: String) {
        self.stream = stream
        self.line = line
        self.role = role
        self.timestamp = timestamp
        self.text = text
    }

    /// Longest text kept for one document; the rest of a giant tool output is not indexed.
    public static let maxBytes = 1 << 20

    /// The documents of a stream's events: one per line and role, texts of the same role joined.
    public static func documents(_ events: [ConversationEvent]) -> [SearchDocument] {
        var out: [SearchDocument] = []
        var index: [String: Int] = [:]  // "line role" → position in out
        func add(_ event: ConversationEvent, _ role: SearchRole, _ text: String?) {
            guard let text, text.contains(where: { !$0.isWhitespace }) else { return }
            let key = "\(event.line) \(role.rawValue)"
            if let i = index[key] {
                guard out[i].text.utf8.count < maxBytes else { return }
                out[i].text += "\n" + text
            } else {
                index[key] = out.count
                out.append(SearchDocument(stream: event.stream, line: event.line, role: role, timestamp: event.time, text: capped(text)))
            }
        }
        for event in events {
            switch event.kind {
            case .prompt(let p):
                switch p.origin {
                case .person, .command: add(event, .user, p.text)
                case .injected: add(event, .injected, p.text)
                case .agent: add(event, .assistant, p.text)
                }
            case .reply(let text): add(event, .assistant, text)
            case .thinking(let text): add(event, .thinking, text)
            case .toolCall(let call):
                let input = call.inputText ?? call.input.map { $0.stringLeaves(limit: maxBytes).joined(separator: " ") } ?? ""
                add(event, .toolCall, call.name + ": " + (input.isEmpty ? call.summary : input))
            case .toolResult(let result):
                if let words = result.rejection?.userWords { add(event, .rejection, words) }
                add(event, .toolOutput, result.text)
            case .compaction(let c): add(event, .summary, c.summary)
            case .summary(let s): add(event, .summary, s.text)
            case .notice(let text), .raw(let text): add(event, .text, text)
            case .todos, .usage, .context: continue
            }
        }
        return out
    }

    static func capped(_ text: String) -> String {
        guard text.utf8.count > maxBytes else { return text }
        return String(decoding: text.utf8.prefix(maxBytes), as: UTF8.self)
    }
}
