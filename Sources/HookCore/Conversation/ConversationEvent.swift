/// One thing that happened in a session, in the same terms for every assistant. Each source turns its
/// records into these (`TranscriptEventReader`); every reader (`log`, `show`, `export`, `search`,
/// `stats`, titles) consumes them and never looks at a source's record format.
public struct ConversationEvent: Sendable {
    public var kind: Kind
    /// Where it was said: the stream (`main`, or `subagents/<name>`) and the 1-based archive line number.
    public var stream: String
    public var line: Int
    /// The record's time as written (ISO-8601), nil when the record has none.
    public var time: String?
    /// The model that produced it (assistant events and usage), when the record names one.
    public var model: String?
    /// The API message it belongs to (Claude writes one message over several lines).
    public var messageID: String?
    /// The record's own id (Claude `uuid`), so a summary's `leafUuid` can be matched to this session.
    public var recordID: String?
    /// Said inside a subagent's side conversation kept in the main stream (Claude `isSidechain`).
    public var isSidechain: Bool
    /// For sources archived as records (a tool that rewrites whole files or keeps a database): the tool's
    /// id of the record this event comes from. A record changed later is archived again with the same id;
    /// readers keep only the events of its last version, in the place of its first (`SessionTranscript`).
    public var revision: String?

    public init(
        _ kind: Kind, stream: String = "main", line: Int = 0, time: String? = nil, model: String? = nil,
        messageID: String? = nil, recordID: String? = nil, isSidechain: Bool = false
    ) {
        self.kind = kind
        self.stream = stream
        self.line = line
        self.time = time
        self.model = model
        self.messageID = messageID
        self.recordID = recordID
        self.isSidechain = isSidechain
    }

    public enum Kind: Sendable {
        /// Text on the user's side of the conversation: typed by a person, or put there by the tool.
        case prompt(Prompt)
        /// The assistant's answer text (markdown as the model wrote it).
        case reply(String)
        /// The assistant's visible reasoning (Claude thinking, Codex reasoning summaries, Aider thinking tags).
        case thinking(String)
        case toolCall(ToolCall)
        case toolResult(ToolResult)
        /// The assistant's todo list as it set it (Claude `TodoWrite`, Codex `update_plan`).
        case todos([TodoItem])
        /// The conversation was compacted: the summary that replaced the earlier context.
        case compaction(Compaction)
        /// A summary record naming the session (Claude `summary`, which may point into another session).
        case summary(Summary)
        /// Tokens spent by one API message (counted once per `messageID`: the last report wins).
        case usage(TokenUsage)
        /// Where the session ran, as the records state it.
        case context(SessionContext)
        /// Something the tool said that is neither prompt nor reply (API errors, interruptions, Aider notes).
        case notice(String)
        /// A line this reader cannot interpret, as text (JSON lines of an unknown source, plain text files).
        case raw(String)
    }
}

/// Text on the user's side of a conversation.
public struct Prompt: Sendable, Equatable {
    public enum Origin: String, Sendable, Codable {
        /// Typed by a person.
        case person
        /// A slash command the person ran (`/review`, Aider's `/run pytest`).
        case command
        /// Put there by the tool: skill expansions, `isMeta` caveats, command output, system reminders,
        /// environment context, AGENTS.md.
        case injected
        /// A subagent's instructions from the main agent (the first prompt of a subagent transcript).
        case agent
    }

    public var text: String
    public var origin: Origin
    /// Images attached to the prompt, as placeholders.
    public var images: [ImageRef]

    public init(text: String, origin: Origin, images: [ImageRef] = []) {
        self.text = text
        self.origin = origin
        self.images = images
    }

    /// Whether a person wrote it (typed text or a command they ran).
    public var isPerson: Bool { origin == .person || origin == .command }
}

/// A tool the assistant called, with what it touches.
public struct ToolCall: Sendable {
    public var id: String?
    public var name: String
    /// The input as recorded (JSON object for most tools); nil when the call has none.
    public var input: JSON?
    /// The input when it is plain text rather than JSON (Codex `custom_tool_call` patches, Aider notes).
    public var inputText: String?
    /// One line saying what the call does: the command, the path, the pattern.
    public var summary: String
    /// Files it reads and writes, as written in the call (absolute or relative to the session's cwd).
    public var reads: [String]
    public var writes: [String]
    /// The shell command it runs.
    public var command: String?
    /// Text it writes into files, for tracing a line of code back to its call.
    public var edits: [FileEdit]
    /// Set when the call starts a subagent (Claude `Task`/`Agent`).
    public var subagent: SubagentRequest?

    public init(
        id: String? = nil, name: String, input: JSON? = nil, inputText: String? = nil, summary: String = "",
        reads: [String] = [], writes: [String] = [], command: String? = nil, edits: [FileEdit] = [],
        subagent: SubagentRequest? = nil
    ) {
        self.id = id
        self.name = name
        self.input = input
        self.inputText = inputText
        self.summary = summary
        self.reads = reads
        self.writes = writes
        self.command = command
        self.edits = edits
        self.subagent = subagent
    }
}

/// Text a tool call put into a file: all of it (`Write`) or a replacement (`Edit`, a patch hunk).
public struct FileEdit: Sendable, Equatable {
    public var path: String
    /// The text replaced; nil when the whole file was written.
    public var oldText: String?
    public var newText: String
    /// A sketch of the file (Cursor's `code_edit`): its `... existing code ...` lines stand for code left as
    /// it was, which the call did not write (`WrittenLines.addedLines` leaves them out; readers show them).
    public var isSketch: Bool

    public init(path: String, oldText: String?, newText: String, isSketch: Bool = false) {
        self.path = path
        self.oldText = oldText
        self.newText = newText
        self.isSketch = isSketch
    }
}

/// A subagent the assistant started.
public struct SubagentRequest: Sendable, Equatable {
    public var description: String
    public var prompt: String
    public var type: String?

    public init(description: String, prompt: String, type: String?) {
        self.description = description
        self.prompt = prompt
        self.type = type
    }
}

/// What came back from a tool call.
public struct ToolResult: Sendable {
    public var callID: String?
    /// The full text of the result.
    public var text: String
    public var isError: Bool
    /// Set when the person refused the call.
    public var rejection: Rejection?
    public var images: [ImageRef]
    /// The stream of the subagent transcript this result reports (`subagents/agent-<id>`).
    public var subagentStream: String?
    /// The exit status of a command, when the tool reports one.
    public var exitCode: Int?

    public init(
        callID: String?, text: String, isError: Bool, rejection: Rejection? = nil, images: [ImageRef] = [],
        subagentStream: String? = nil, exitCode: Int? = nil
    ) {
        self.callID = callID
        self.text = text
        self.isError = isError
        self.rejection = rejection
        self.images = images
        self.subagentStream = subagentStream
        self.exitCode = exitCode
    }
}

/// A tool call the person refused, with what they said instead (nil when they said nothing).
public struct Rejection: Sendable, Equatable {
    public var userWords: String?

    public init(userWords: String?) { self.userWords = userWords }
}

/// An image in a prompt or a tool result: the placeholder redaction left, or, when `convo.keepImages`
/// kept the payload, its description and the payload.
public struct ImageRef: Sendable, Equatable {
    public var mediaType: String
    /// Decoded size in bytes, when known.
    public var bytes: Int?
    /// SHA-256 of the decoded bytes, when the archive's placeholder states it.
    public var sha256: String?
    /// The base64 payload itself, when `convo.keepImages` kept it in the archive (nil for a placeholder).
    public var base64: String?

    public init(mediaType: String, bytes: Int?, sha256: String?, base64: String? = nil) {
        self.mediaType = mediaType
        self.bytes = bytes
        self.sha256 = sha256
        self.base64 = base64
    }

    /// `[image image/png, 52134 bytes, sha256 9f86d08…]`.
    public var placeholder: String {
        var parts = ["image " + mediaType]
        if let bytes { parts.append("\(bytes) bytes") }
        if let sha256 { parts.append("sha256 " + sha256) }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}

/// One entry of the assistant's todo list.
public struct TodoItem: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pending
        case inProgress = "in_progress"
        case completed
    }

    public var text: String
    public var status: Status

    public init(text: String, status: Status) {
        self.text = text
        self.status = status
    }
}

/// A compaction of the context.
public struct Compaction: Sendable, Equatable {
    /// The summary that replaced the earlier conversation (nil for a boundary marker without text).
    public var summary: String?
    /// `manual`, `auto`, when recorded.
    public var trigger: String?
    /// Context tokens before compacting, when recorded.
    public var tokensBefore: Int?

    public init(summary: String?, trigger: String? = nil, tokensBefore: Int? = nil) {
        self.summary = summary
        self.trigger = trigger
        self.tokensBefore = tokensBefore
    }
}

/// A summary record: a title for a conversation, pointing at the record it summarizes.
public struct Summary: Sendable, Equatable {
    public var text: String
    /// The record id the summary describes; it may belong to another session (a resumed one).
    public var leafID: String?

    public init(text: String, leafID: String?) {
        self.text = text
        self.leafID = leafID
    }
}

/// Where a session ran, as a record states it.
public struct SessionContext: Sendable, Equatable {
    public var sessionID: String?
    public var cwd: String?
    public var branch: String?
    /// The assistant's version (`2.0.46`, `codex_cli_rs 0.46.0`, `Aider v0.86.1`).
    public var toolVersion: String?

    public init(sessionID: String? = nil, cwd: String? = nil, branch: String? = nil, toolVersion: String? = nil) {
        self.sessionID = sessionID
        self.cwd = cwd
        self.branch = branch
        self.toolVersion = toolVersion
    }
}
