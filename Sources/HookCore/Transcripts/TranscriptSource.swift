/// One byte stream of a session: a file, or a byte range of a file (Aider keeps many sessions
/// in one file).
public struct TranscriptStream: Sendable, Hashable {
    /// Absolute path of the source file.
    public var path: String
    /// Relative name inside the session's archive folder: "" for the main stream,
    /// "subagents/<file-stem>" for a Claude subagent transcript.
    public var archiveName: String
    /// First byte of this session inside the file (0 for whole files).
    public var startOffset: UInt64
    /// End (exclusive) when another session follows in the same file; nil = to EOF (may grow).
    public var endOffset: UInt64?
    /// How the source writes it: appending lines, or rewriting whole records (a JSON document rewritten
    /// on every change, a database). The archive is append-only either way.
    public var kind: Kind
    /// For a store many sessions share (OpenCode's database): which of its records are this stream's, in the
    /// source's own terms (a session id). Empty for a file that is the stream.
    public var selector: String

    /// How a stream's bytes change over time.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Append-only lines: new complete lines are read from where the last read ended.
        case lines
        /// Records the tool rewrites in place, each with the tool's own id: the source lists them
        /// (`TranscriptSource.records(of:)`) and a record is archived again whenever its bytes change.
        case records
    }

    public init(
        path: String, archiveName: String = "", startOffset: UInt64 = 0, endOffset: UInt64? = nil, kind: Kind = .lines,
        selector: String = ""
    ) {
        self.path = path
        self.archiveName = archiveName
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.kind = kind
        self.selector = selector
    }
}

/// One record of a `records` stream, as the source's tool last wrote it.
public struct SourceRecord: Sendable, Equatable {
    /// The tool's own id of the record (a message id, a part id); unique within the stream.
    public var id: String
    /// One JSON object on one line (no newline), as it will be archived before redaction.
    public var bytes: [UInt8]

    public init(id: String, bytes: [UInt8]) {
        self.id = id
        self.bytes = bytes
    }
}

/// Where one session's bytes are.
public struct SessionLocator: Sendable, Hashable {
    /// "claude", "codex", "aider", or a custom source name.
    public var source: String
    /// Raw id as the assistant names it (the archive sanitizes it; this doesn't).
    public var sessionID: String
    /// Main stream first, then extra streams (Claude subagents) sorted by archive name.
    public var streams: [TranscriptStream]

    public init(source: String, sessionID: String, streams: [TranscriptStream]) {
        self.source = source
        self.sessionID = sessionID
        self.streams = streams
    }
}

/// Facts about a session, filled incrementally from its records as lines are archived.
public struct SessionMetadata: Codable, Sendable, Equatable {
    public var source: String
    public var sessionID: String
    /// The first working directory found in the records.
    public var cwd: String?
    /// The latest non-empty git branch found in the records.
    public var branch: String?
    /// ISO-8601 as found in the records (Aider: the heading's local time as `YYYY-MM-DDTHH:MM:SS`).
    public var firstTimestamp: String?
    public var lastTimestamp: String?
    /// A `summary` record's text if any (wins; the latest one), else the first user prompt
    /// (first non-empty line, trimmed, at most 80 characters).
    public var title: String?
    /// True when `title` came from a summary record, so a prompt never replaces it.
    public var titleIsSummary: Bool
    /// Lines absorbed so far.
    public var lineCount: Int

    public init(
        source: String, sessionID: String, cwd: String? = nil, branch: String? = nil,
        firstTimestamp: String? = nil, lastTimestamp: String? = nil, title: String? = nil,
        titleIsSummary: Bool = false, lineCount: Int = 0
    ) {
        self.source = source
        self.sessionID = sessionID
        self.cwd = cwd
        self.branch = branch
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.title = title
        self.titleIsSummary = titleIsSummary
        self.lineCount = lineCount
    }

    private enum CodingKeys: String, CodingKey {
        case source, sessionID, cwd, branch, firstTimestamp, lastTimestamp, title, titleIsSummary, lineCount
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        sessionID = try c.decode(String.self, forKey: .sessionID)
        cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
        branch = try c.decodeIfPresent(String.self, forKey: .branch)
        firstTimestamp = try c.decodeIfPresent(String.self, forKey: .firstTimestamp)
        lastTimestamp = try c.decodeIfPresent(String.self, forKey: .lastTimestamp)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        titleIsSummary = try c.decodeIfPresent(Bool.self, forKey: .titleIsSummary) ?? false
        lineCount = try c.decodeIfPresent(Int.self, forKey: .lineCount) ?? 0
    }

    /// Records a timestamp seen in a record (first one kept, last one updated).
    public mutating func noteTimestamp(_ value: String?) {
        guard let value, !value.isEmpty else { return }
        if firstTimestamp == nil { firstTimestamp = value }
        lastTimestamp = value
    }

    /// Offers a user prompt as the title; kept only if there is no title yet.
    public mutating func offerPrompt(_ text: String?) {
        guard title == nil, let text, let line = SessionMetadata.titleLine(text) else { return }
        title = line
    }

    /// Sets the title from a summary record (wins over prompts; a later summary replaces it).
    public mutating func setSummary(_ text: String?) {
        guard let text, let line = SessionMetadata.titleLine(text) else { return }
        title = line
        titleIsSummary = true
    }

    /// Bytes of a prompt's JSON string decoded to find its title line.
    package static let titleScanBytes = 4096

    /// The first non-blank line of `text`, whitespace-trimmed, cut to 80 characters.
    package static func titleLine(_ text: String) -> String? {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex { $0 == "\n" || $0 == "\r" } ?? rest.endIndex
            let trimmed = rest[..<end].trimmingCharacters(in: " \t")
            if !trimmed.isEmpty { return String(trimmed.prefix(80)) }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return nil
    }
}

/// One assistant's transcripts: where they are and how to read their records.
public protocol TranscriptSource: Sendable {
    /// The source name used in the archive path ("claude", "codex", "aider", or custom).
    var name: String { get }
    /// This repository's sessions. Never throws on bad data: unreadable/foreign files are skipped.
    func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator]
    /// Files and folders whose mtime changing means "maybe new lines or a new session" (used by a
    /// shell fast path: `[ "$f" -nt "$stamp" ]`): the folders where new session files appear and
    /// every session file found. Paths may not exist yet (`-nt` is then false).
    func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String]
    /// Environment variables that decide where this source's transcripts are (besides `HOME`): the
    /// pre-commit shim takes the full path when one of them changed since the last run.
    var environmentVariables: [String] { get }
    /// The folder whose presence shows that the tool is used on this machine (`status` says "not installed"
    /// without it); nil when the source cannot tell (Aider keeps its history in the repository). Default nil.
    func installation(in context: SourceContext) -> String?
    /// Applied to each complete line (without its `\n`) before redaction; nil drops the line.
    /// Default: unchanged.
    func normalize(_ line: [UInt8]) -> [UInt8]?
    /// Updates metadata from one complete (normalized) line; tolerates any bytes.
    func absorb(_ line: [UInt8], into metadata: inout SessionMetadata)
    /// The records of a `records` stream, in the tool's order. Throws when the store cannot be read.
    func records(of stream: TranscriptStream) throws -> [SourceRecord]
    /// The record id of an archived line of a `records` stream (to rebuild a lost capture state).
    func recordID(ofArchivedLine line: [UInt8]) -> String?
    /// Where `convo-hook restore` writes an archived session so that the tool can resume it, per stream
    /// (archive name → absolute path), for a session recorded in `cwd`; nil when the tool's format does
    /// not allow it (the reason in `restoreUnsupported`).
    func restoreLocations(sessionID: String, streams: [String], firstLines: [UInt8], cwd: String, context: SourceContext) -> [String: String]?
    /// Why this source's sessions cannot be restored, when they cannot.
    var restoreUnsupported: String { get }
    /// A line being restored, with what else ties it to where it was recorded changed for `cwd` (its `cwd`
    /// members are already moved): Gemini's `projectHash`. Default: unchanged.
    func restoredLine(_ line: [UInt8], cwd: String) -> [UInt8]
    /// The file a restored stream becomes, from its archived lines (each without `\n`, the working
    /// directory already moved). Default: the lines as they are, one per line (JSONL transcripts). A
    /// `records` stream assembles the tool's document from the last version of each record.
    func restoredFile(stream: String, lines: [[UInt8]]) -> [UInt8]
    /// Reads archived lines of one stream (`main`, `subagents/<name>`) as conversation events: the one
    /// place this source's record format is understood by readers. Default: each line as text.
    func eventReader(stream: String) -> any TranscriptEventReader
}

extension TranscriptSource {
    public func normalize(_ line: [UInt8]) -> [UInt8]? { line }
    public func records(of stream: TranscriptStream) throws -> [SourceRecord] { [] }
    public func recordID(ofArchivedLine line: [UInt8]) -> String? { nil }
    public func restoreLocations(sessionID: String, streams: [String], firstLines: [UInt8], cwd: String, context: SourceContext) -> [String: String]? { nil }
    public var restoreUnsupported: String { "its sessions are not kept in a file the tool resumes from" }
    public func restoredLine(_ line: [UInt8], cwd: String) -> [UInt8] { line }
    public func restoredFile(stream: String, lines: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
    public var environmentVariables: [String] { [] }
    public func installation(in context: SourceContext) -> String? { nil }
}

/// All sources enabled for a context: the built-in ones, then custom ones.
public enum TranscriptSources {
    /// The built-in sources, in the order `status` lists them.
    public static let builtin: [any TranscriptSource] = [
        ClaudeCodeSource(), CodexSource(), AiderSource(), GeminiSource(), CopilotSource(), CursorSource(), OpenCodeSource(), AmpSource(), ClineSource(),
    ]

    /// Names of the built-in sources; custom sources can't take them.
    public static let builtinNames: Set<String> = Set(builtin.map(\.name))

    /// The built-in sources, then one source per custom name (in first-seen order).
    public static func all(customSources: [String]) -> [any TranscriptSource] {
        var result = builtin
        result.append(contentsOf: CustomGlobSource.sources(from: customSources) as [any TranscriptSource])
        return result
    }

    /// The source called `name` ("claude", "codex", "aider" or a custom name), or nil.
    public static func named(_ name: String, customSources: [String]) -> (any TranscriptSource)? {
        all(customSources: customSources).first { $0.name == name }
    }
}
