/// The events of one archived session, stream by stream (main first), read through its source's mapping.
public struct SessionTranscript: Sendable {
    public var session: ArchivedSession
    public var streams: [Stream]

    public struct Stream: Sendable {
        /// `main`, or `subagents/<name>`.
        public var name: String
        public var events: [ConversationEvent]
        /// Line numbers present in the archive (each once).
        public var lineCount: Int
        /// The highest line number present; 0 for an empty stream.
        public var lastLine: Int
        /// Each part file and the line numbers it holds (nil: none could be read).
        public var parts: [(part: ArchivedPart, lines: ClosedRange<Int>?)] = []
    }

    public init(session: ArchivedSession, streams: [Stream]) {
        self.session = session
        self.streams = streams
    }

    public var main: Stream? { streams.first { $0.name == ArchivedStream.main } }

    public func stream(_ name: String) -> Stream? { streams.first { $0.name == name } }

    /// Every event of every stream, main first.
    public var allEvents: [ConversationEvent] { streams.flatMap(\.events) }

    public var lineCount: Int { streams.reduce(0) { $0 + $1.lineCount } }
}

extension SessionTranscript {
    /// Events of records archived more than once (same `revision`) reduced to the last version's events,
    /// placed where the record first appeared. Events without a revision are kept as they are.
    public static func lastRevisions(_ events: [ConversationEvent]) -> [ConversationEvent] {
        var lastLine: [String: Int] = [:]
        for event in events { if let r = event.revision { lastLine[r] = max(lastLine[r] ?? 0, event.line) } }
        guard !lastLine.isEmpty else { return events }
        var latest: [String: [ConversationEvent]] = [:]
        for event in events { if let r = event.revision, lastLine[r] == event.line { latest[r, default: []].append(event) } }
        var placed = Set<String>()
        var out: [ConversationEvent] = []
        for event in events {
            guard let r = event.revision else {
                out.append(event)
                continue
            }
            if placed.insert(r).inserted { out += latest[r] ?? [] }
        }
        return out
    }
}

extension ArchiveReader {
    /// Reads a session's streams (all of them, or `only` those named) into events, through the mapping of
    /// the session's source (`TranscriptSources.reading(_:)`).
    public func transcript(of session: ArchivedSession, only names: Set<String>? = nil) -> SessionTranscript {
        let source = TranscriptSources.reading(session.source)
        var streams: [SessionTranscript.Stream] = []
        for stream in self.streams(of: session) where names?.contains(stream.name) ?? true {
            var reader = source.eventReader(stream: stream.name)
            var events: [ConversationEvent] = []
            var count = 0
            var last = 0
            var parts: [(part: ArchivedPart, lines: ClosedRange<Int>?)] = []
            forEachLine(
                of: stream,
                part: { parts.append(($0, $1)) },
                { line in
                    count += 1
                    last = line.number
                    reader.read(line.bytes, number: line.number, into: &events)
                })
            reader.finish(into: &events)
            events = SessionTranscript.lastRevisions(events)
            streams.append(SessionTranscript.Stream(name: stream.name, events: events, lineCount: count, lastLine: last, parts: parts))
        }
        return SessionTranscript(session: session, streams: streams)
    }
}

extension TranscriptSources {
    /// The source whose mapping reads archived lines of the source folder `name`: a built-in source, or
    /// for any other name a custom source (which reads each line by its shape, never by the name).
    public static func reading(_ name: String) -> any TranscriptSource {
        all(customSources: []).first { $0.name == name } ?? CustomGlobSource(name: name, patterns: [])
    }
}
