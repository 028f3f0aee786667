import FoundationEssentials

/// The `meta.json` beside a session's part files: what the session is and how much of it is archived.
package struct ArchiveMeta: Codable, Equatable {
    package struct Stream: Codable, Equatable {
        /// Lines archived from this stream.
        package var lines: Int
        /// Lines read from the source since it was last found truncated or rewritten.
        package var sourceLines: Int
        /// Part files written (`0001` … this number).
        package var parts: Int
    }

    package var source: String
    package var sessionID: String
    package var cwd: String?
    package var branch: String?
    package var firstTimestamp: String?
    package var lastTimestamp: String?
    package var title: String?
    package var lineCount: Int
    /// Keyed by stream: `main`, or `subagents/<name>`.
    package var streams: [String: Stream]

    package static let fileName = "meta.json"

    package static func streamKey(_ archiveName: String) -> String { archiveName.isEmpty ? "main" : archiveName }

    package init(session: SessionState) {
        let m = session.metadata
        source = m.source
        sessionID = m.sessionID
        cwd = m.cwd
        branch = m.branch
        firstTimestamp = m.firstTimestamp
        lastTimestamp = m.lastTimestamp
        title = m.title
        lineCount = session.streams.values.reduce(0) { $0 + $1.lines }
        streams = Dictionary(uniqueKeysWithValues: session.streams.map { name, s in
            (ArchiveMeta.streamKey(name), Stream(lines: s.lines, sourceLines: s.sourceLines, parts: s.part))
        })
    }

    package func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    package static func load(_ path: String) -> ArchiveMeta? {
        guard let bytes = FileSystem.read(path) else { return nil }
        return try? JSONDecoder().decode(ArchiveMeta.self, from: Data(bytes))
    }
}
