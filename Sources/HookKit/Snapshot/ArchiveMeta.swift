import FoundationEssentials

/// The `meta.json` beside a session's part files: what the session is and how much of it is archived.
struct ArchiveMeta: Codable, Equatable {
    struct Stream: Codable, Equatable {
        /// Lines archived from this stream.
        var lines: Int
        /// Lines read from the source since it was last found truncated or rewritten.
        var sourceLines: Int
        /// Part files written (`0001` … this number).
        var parts: Int
    }

    var source: String
    var sessionID: String
    var cwd: String?
    var branch: String?
    var firstTimestamp: String?
    var lastTimestamp: String?
    var title: String?
    var lineCount: Int
    /// Keyed by stream: `main`, or `subagents/<name>`.
    var streams: [String: Stream]

    static let fileName = "meta.json"

    static func streamKey(_ archiveName: String) -> String { archiveName.isEmpty ? "main" : archiveName }

    init(session: SessionState) {
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

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }

    static func load(_ path: String) -> ArchiveMeta? {
        guard let bytes = FileSystem.read(path) else { return nil }
        return try? JSONDecoder().decode(ArchiveMeta.self, from: Data(bytes))
    }
}
