import FoundationEssentials

/// Per-worktree capture state, kept in `<git dir>/convo-hook/state.json`. It caches what the archive
/// holds (the committed tree or `refs/convo/archive` is the truth and is checked against it), where each
/// source was read up to, and the lines captured but not yet in a part (the spool). Losing it costs a
/// re-read of the sources, never data.
package struct CaptureState: Codable {
    /// Round 1 wrote version 1 (parts rewritten in place, `meta.json`); it is read as an empty state.
    package static let currentVersion = 2
    package var version = CaptureState.currentVersion
    /// Keyed by `<source>/<session id>`.
    package var sessions: [String: SessionState] = [:]
    /// What sources learned from reading file heads.
    package var headCache = SourceHeadCache()

    package init() {}

    package static func key(source: String, sessionID: String) -> String { source + "/" + sessionID }

    package static func load(from path: String) -> CaptureState {
        guard let bytes = FileSystem.read(path),
            let state = try? JSONDecoder().decode(CaptureState.self, from: Data(bytes)),
            state.version == currentVersion
        else { return CaptureState() }
        return state
    }

    package func save(to path: String) throws {
        try FileSystem.writeAtomically(Array(JSONEncoder().encode(self)), to: path)
    }
}

/// One session: its archive folder and how far each of its streams has been read and archived.
package struct SessionState: Codable {
    /// Repository-relative archive folder; empty until the first part is planned.
    package var folder: String
    package var metadata: SessionMetadata
    /// Keyed by `TranscriptStream.archiveName` (`""` for the main stream).
    package var streams: [String: StreamState] = [:]

    package init(folder: String = "", metadata: SessionMetadata, streams: [String: StreamState] = [:]) {
        self.folder = folder
        self.metadata = metadata
        self.streams = streams
    }
}

/// One source stream: the read position, the parts written, and the lines waiting in the spool.
package struct StreamState: Codable {
    package var sourcePath: String
    /// The source offset just past the last archived line.
    package var offset: UInt64
    /// The source bytes just before `offset`: if they change, the source was truncated or rewritten.
    package var tail: [UInt8]
    /// Lines read from the source since it was last found truncated or rewritten.
    package var sourceLines: Int
    /// Lines of a private-key block withheld so far (plain-text streams); nil outside one.
    package var privateKeyLines: Int?
    /// The last archived line had no newline (a complete JSON object that stood still): the newline
    /// that may follow at `offset` belongs to it and is skipped.
    package var lineOpen: Bool = false
    /// Archive line numbers given so far (parts and spool): the next line is `lines + 1`.
    package var lines: Int
    /// Every part written for this stream, in line order.
    package var parts: [PartRecord] = []
    /// Lines captured and redacted but not yet in a part; nil when the spool is empty.
    package var spool: SpoolRecord?
    /// A `records` stream: each record's id → a digest of the bytes last archived for it. Only a new
    /// record, or one whose bytes changed, becomes a new archive line. nil for a `lines` stream.
    package var records: [String: String]?

    package init(sourcePath: String, offset: UInt64) {
        self.sourcePath = sourcePath
        self.offset = offset
        tail = []
        sourceLines = 0
        lines = 0
    }

    /// The extension of the stream's parts (and spool): a `records` stream is archived as JSON Lines.
    package var partExtension: String {
        records != nil ? "jsonl" : ArchivePartName.partExtension(forSource: sourcePath)
    }

    /// Lines already in parts.
    package var linesInParts: Int { spool.map { $0.first - 1 } ?? lines }
}

/// A part written for a stream. Enough to write it again, byte for byte, when a reset, checkout or
/// rebase took it out of the tree: from the worktree copy, the source, or git's object store.
package struct PartRecord: Codable, Equatable {
    /// The file name (`<first>-<last>-<hash8>.<ext>`).
    package var name: String
    package var first: Int
    package var last: Int
    /// Where the part's first line starts in the source, and the private-key state there; nil when the
    /// part was cut from the middle of a spool (it is then read from the nearest earlier known start).
    package var sourceStart: UInt64?
    package var privateKeyLinesAtStart: Int?
    /// git's object id of the bytes (SHA-1 or SHA-256 by the repository's object format).
    package var objectID: String
}

/// The spool: captured, redacted lines of one stream that no part holds yet, kept in the git dir
/// (`convo-hook/spool/…`) so capture between commits never touches the worktree.
package struct SpoolRecord: Codable, Equatable {
    /// The archive line number of its first line.
    package var first: Int
    /// Bytes of the spool file this state vouches for (a run killed before saving its state may have
    /// appended more; those are dropped and read again from the source).
    package var bytes: UInt64
    /// Where its first line starts in the source, and the private-key state there.
    package var sourceStart: UInt64
    package var privateKeyLinesAtStart: Int?
}
