/// A session folder of an archive: `<source>/<YYYYMMDD-HHMMSS>-<sanitized id>`.
public struct ArchivedSession: Sendable, Hashable {
    /// The folder, relative to the storage root (`.claude/conversations/claude/20250601-100000-abc`, or in a
    /// mirror `<repo>/.claude/conversations/claude/…`).
    public var folder: String
    /// The source folder's name: `claude`, `codex`, `aider`, a custom source.
    public var source: String
    /// The folder's own name.
    public var folderName: String
    /// In a `sync --to` mirror, the repository folder it is in (the first path component); nil otherwise.
    public var repository: String?
    /// The folder's version as its storage lists it (a tree id in git, the folder's mtime on disk).
    public var version: String

    public init(folder: String, source: String, folderName: String, repository: String? = nil, version: String = "") {
        self.folder = folder
        self.source = source
        self.folderName = folderName
        self.repository = repository
        self.version = version
    }

    /// The sanitized session id: the folder name after its `YYYYMMDD-HHMMSS-` stamp.
    public var id: String { ArchivedSession.hasStamp(folderName) ? String(folderName.dropFirst(16)) : folderName }

    /// `<source>/<sanitized id>`: the value of `Conversation:` trailers.
    public var key: String { source + "/" + id }

    /// `<source>/<folder name>`: unique in one archive even when an id repeats.
    public var path: String { source + "/" + folderName }

    /// The session's start (UTC, from its first record) as the folder name states it: `2025-06-01T10:00:00Z`.
    public var startedAt: String? {
        guard ArchivedSession.hasStamp(folderName) else { return nil }
        let s = Array(folderName.utf8)
        func text(_ r: Range<Int>) -> String { String(decoding: s[r], as: UTF8.self) }
        return text(0..<4) + "-" + text(4..<6) + "-" + text(6..<8) + "T" + text(9..<11) + ":" + text(11..<13) + ":" + text(13..<15) + "Z"
    }

    /// Whether a folder name starts with `YYYYMMDD-HHMMSS-` and has an id after it.
    public static func hasStamp(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard b.count > 16, b[8] == UInt8(ascii: "-"), b[15] == UInt8(ascii: "-") else { return false }
        return (b[0..<8] + b[9..<15]).allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

/// One stream of a session and its part files.
public struct ArchivedStream: Sendable, Hashable {
    /// `main`, or `subagents/<name>`.
    public var name: String
    /// Part files in reading order: round-1 parts by number, then named parts by first line.
    public var parts: [ArchivedPart]

    public init(name: String, parts: [ArchivedPart]) {
        self.name = name
        self.parts = parts
    }

    /// The folder of this stream's parts, relative to the session folder (`""` for main).
    public var folder: String { name == ArchivedStream.main ? "" : name }

    public static let main = "main"
}

/// A part file: lines `first…last` of a stream (named), or a round-1 numbered part whose lines follow the
/// parts before it.
public struct ArchivedPart: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case named(ArchivePartName)
        case legacy(Int)
    }

    /// Path relative to the storage root.
    public var path: String
    package var kind: Kind
    /// Changes when the bytes may have changed (git: blob id; disk: mtime and size).
    public var version: String

    package init(path: String, kind: Kind, version: String) {
        self.path = path
        self.kind = kind
        self.version = version
    }

    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Round-1 parts first (in number order), then named parts by first line, last line, hash.
    static func readingOrder(_ a: ArchivedPart, _ b: ArchivedPart) -> Bool {
        switch (a.kind, b.kind) {
        case (.legacy(let x), .legacy(let y)): return x < y
        case (.legacy, .named): return true
        case (.named, .legacy): return false
        case (.named(let x), .named(let y)): return x < y
        }
    }
}

/// One line of a stream with its archive line number.
public struct ArchiveLine: Sendable {
    public var number: Int
    public var bytes: ArraySlice<UInt8>

    public init(number: Int, bytes: ArraySlice<UInt8>) {
        self.number = number
        self.bytes = bytes
    }
}
