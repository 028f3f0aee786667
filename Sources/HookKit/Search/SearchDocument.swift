import HookCore

/// Who said a piece of archived text.
public enum SearchRole: String, Sendable, CaseIterable, Codable {
    case user
    case assistant
    case thinking
    case toolCall = "tool_call"
    case toolOutput = "tool_output"
    case summary
    /// Lines of a source convo-hook has no reader for (custom globs): the text as archived.
    case text
}

/// One searchable piece of an archived line: the text of one role in it.
public struct SearchDocument: Equatable, Sendable {
    /// 1-based line number in the part file.
    public var line: Int
    public var role: SearchRole
    /// The record's own time (ISO-8601 as archived), nil when it has none.
    public var timestamp: String?
    public var text: String

    public init(line: Int, role: SearchRole, timestamp: String?, text: String) {
        self.line = line
        self.role = role
        self.timestamp = timestamp
        self.text = text
    }
}

/// How a part file's lines are laid out, from the session's source.
public enum PartFormat: Sendable, Equatable {
    /// Claude Code JSONL records (`type`, `message.content` blocks).
    case claude
    /// Codex rollout JSONL (`response_item` envelopes, or bare items in older files).
    case codex
    /// Aider's markdown chat history (`#### ` prompts, `> ` tool output).
    case aider
    /// Anything else: JSON lines by their string values, other lines as text.
    case generic

    /// The format of `source`'s parts named `fileName`.
    public static func of(source: String, fileName: String) -> PartFormat {
        if fileName.hasSuffix(".md") { return .aider }
        switch source {
        case "claude": return .claude
        case "codex": return .codex
        case "aider": return .aider
        default: return .generic
        }
    }
}
