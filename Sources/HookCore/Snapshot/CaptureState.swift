import FoundationEssentials

/// Per-worktree capture state, kept in `<git dir>/convo-hook/state.json`. It only caches what the
/// archive itself records (line counts in each `meta.json`), so losing it costs a re-read, never data.
package struct CaptureState: Codable {
    package var version = 1
    /// Keyed by `<source>/<session id>`.
    package var sessions: [String: SessionState] = [:]
    /// Repository-relative archive files written since they were last staged.
    package var unstaged: Set<String> = []
    /// What sources learned from reading file heads.
    package var headCache = SourceHeadCache()

    package static func key(source: String, sessionID: String) -> String { source + "/" + sessionID }

    package static func load(from path: String) -> CaptureState {
        guard let bytes = FileSystem.read(path),
              let state = try? JSONDecoder().decode(CaptureState.self, from: Data(bytes)),
              state.version == 1
        else { return CaptureState() }
        return state
    }

    package func save(to path: String) throws {
        try FileSystem.writeAtomically(Array(JSONEncoder().encode(self)), to: path)
    }
}

/// One archived session: where its folder is and how far each of its streams has been read.
package struct SessionState: Codable {
    /// Repository-relative archive folder of the session.
    package var folder: String
    package var metadata: SessionMetadata
    /// Keyed by `TranscriptStream.archiveName`.
    package var streams: [String: StreamState] = [:]
}

/// How far one source stream has been archived, and into which part file.
package struct StreamState: Codable {
    package var sourcePath: String
    /// The source offset just past the last archived line.
    package var offset: UInt64
    /// The source bytes just before `offset`: if they change, the source was truncated or rewritten.
    package var tail: [UInt8]
    /// Lines archived from this stream.
    package var lines: Int
    /// Lines read from the source since it was last found truncated or rewritten.
    package var sourceLines: Int
    /// Lines already handed to a commit (staged or committed); the next commit carries `stagedLines+1 … lines`.
    package var stagedLines: Int = 0
    /// The part file new lines go to (1-based) and its size.
    package var part: Int
    package var partBytes: UInt64
    /// A closed part was staged for a commit and never changes again; new lines open the next one.
    package var partClosed: Bool
    /// Lines of a private-key block withheld so far (Aider's markdown, plain logs); nil outside one.
    package var privateKeyLines: Int?
    /// Where the open part began in the source, to write it again if its file lost bytes.
    package var partStart: PartStart?
}

/// The stream's position when its current part received its first line.
package struct PartStart: Codable {
    package var offset: UInt64
    package var lines: Int
    package var sourceLines: Int
    package var privateKeyLines: Int?
}
