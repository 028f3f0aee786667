import Glibc

/// Copies the new, complete, redacted lines of sessions into the spool (`<git dir>/convo-hook/spool`).
/// Sources are only ever read; nothing here touches the worktree or the index.
package final class Capturer {
    package let settings: ArchiveSettings
    package let redactor: Redactor
    package let spool: Spool
    package let now: Int64
    package var state: CaptureState
    /// A last line without its newline was written too recently to take: a later run must read it again,
    /// even when nothing else changed.
    package private(set) var openLineWaits = false

    /// Bytes kept from just before a stream's offset to notice a rewritten source.
    package static let tailLength = 64
    /// A last line without its newline is archived once it has stood still this long (seconds).
    package static let openLineQuietSeconds: Int64 = 2
    /// The longest last line without a newline that is considered at all.
    package static let openLineLimit = 64 << 20

    package init(settings: ArchiveSettings, redactor: Redactor, spool: Spool, state: CaptureState, now: Int64) {
        self.settings = settings
        self.redactor = redactor
        self.spool = spool
        self.state = state
        self.now = now
    }

    /// Spools what is new in `sessions`; returns the lines spooled per session key. A transcript that
    /// cannot be read gets one warning naming it and waits for the next run; the others go on.
    /// `sessionEnded` also takes a last line without its newline at once (the assistant said it is done).
    @discardableResult
    package func capture(
        _ sessions: [SessionLocator], sessionEnded: Bool = false,
        using source: (String) -> (any TranscriptSource)?
    ) -> [String: Int] {
        var captured: [String: Int] = [:]
        for locator in sessions {
            guard let transcriptSource = source(locator.source) else { continue }
            let count = capture(locator, pipeline: ArchiveLinePipeline(source: transcriptSource, redactor: redactor), sessionEnded: sessionEnded)
            if count > 0 { captured[CaptureState.key(source: locator.source, sessionID: locator.sessionID)] = count }
        }
        return captured
    }

    private func capture(_ locator: SessionLocator, pipeline: ArchiveLinePipeline, sessionEnded: Bool) -> Int {
        let key = CaptureState.key(source: locator.source, sessionID: locator.sessionID)
        var session = state.sessions[key] ?? SessionState(metadata: SessionMetadata(source: locator.source, sessionID: locator.sessionID))
        var count = 0
        for stream in locator.streams {
            var s = session.streams[stream.archiveName] ?? StreamState(sourcePath: stream.path, offset: stream.startOffset)
            s.sourcePath = stream.path
            var metadata = session.metadata
            do {
                let (bytes, lines) =
                    stream.kind == .records
                    ? try readRecords(stream, into: &s, metadata: &metadata, pipeline: pipeline)
                    : try read(stream, into: &s, metadata: &metadata, pipeline: pipeline, sessionEnded: sessionEnded)
                if lines > 0 {
                    let path = spool.path(source: locator.source, sessionID: locator.sessionID, stream: stream.archiveName, ext: s.partExtension)
                    let vouched = s.spool!.bytes
                    try spool.append(bytes, to: path, vouched: vouched)
                    s.spool!.bytes = vouched + UInt64(bytes.count)
                    count += lines
                }
            } catch {
                Diagnostics.warning("cannot read \(stream.path): \(error); its new lines wait for the next commit")
                continue
            }
            session.metadata = metadata
            session.streams[stream.archiveName] = s
        }
        state.sessions[key] = session
        return count
    }

    /// A `records` stream: every record that is new, or whose bytes changed since it was last archived,
    /// becomes one new archive line (the tool rewrote it: a streamed message completed, a result filled in).
    private func readRecords(
        _ stream: TranscriptStream, into s: inout StreamState, metadata: inout SessionMetadata,
        pipeline: ArchiveLinePipeline
    ) throws -> ([UInt8], Int) {
        var known = s.records ?? [:]
        var out: [UInt8] = []
        var count = 0
        var noKeyBlock: Int?
        for record in try pipeline.source.records(of: stream) {
            let digest = Capturer.recordDigest(record.bytes)
            guard known[record.id] != digest else { continue }
            known[record.id] = digest
            guard let archived = pipeline.archiveLine(record.bytes, privateKeyLines: &noKeyBlock) else { continue }
            pipeline.source.absorb(archived, into: &metadata)
            out += archived
            out.append(UInt8(ascii: "\n"))
            count += 1
        }
        s.records = known
        if count > 0, s.spool == nil { s.spool = SpoolRecord(first: s.lines + 1, bytes: 0, sourceStart: 0, privateKeyLinesAtStart: nil) }
        s.lines += count
        return (out, count)
    }

    /// What `StreamState.records` keeps of a record's bytes.
    package static func recordDigest(_ bytes: [UInt8]) -> String {
        String(SHA256.hex(SHA256.hash(bytes)).prefix(16))
    }

    /// Reads the new lines of one stream into `s` (line numbers, spool record, read position) and returns
    /// their archive bytes (each line ending in `\n`) and how many there are.
    private func read(
        _ stream: TranscriptStream, into s: inout StreamState, metadata: inout SessionMetadata,
        pipeline: ArchiveLinePipeline, sessionEnded: Bool
    ) throws -> ([UInt8], Int) {
        guard let info = FileProbe.info(stream.path) else { return ([], 0) }  // gone since it was found
        let end = stream.endOffset.map { min($0, info.size) } ?? info.size
        if s.offset > end || (!s.tail.isEmpty && LineChunks.bytes(path: stream.path, endingAt: s.offset, count: s.tail.count) != s.tail) {
            // Truncated or rewritten: archived again from its start; its lines get new numbers after the old ones.
            Diagnostics.trace("\(stream.path) was truncated or rewritten; archiving it again")
            s.offset = stream.startOffset
            s.tail = []
            s.sourceLines = 0
            s.privateKeyLines = nil
            s.lineOpen = false
        }
        if s.lineOpen, s.offset < end {
            if LineChunks.bytes(path: stream.path, endingAt: s.offset + 1, count: 1) == [UInt8(ascii: "\n")] { s.offset += 1 }
            s.lineOpen = false
        }
        guard s.offset < end else { return ([], 0) }
        let start = s.offset
        let keyLinesAtStart = s.privateKeyLines
        var out: [UInt8] = []
        var count = 0
        func take(_ line: [UInt8]) {
            s.sourceLines += 1
            guard let archived = pipeline.archiveLine(line, privateKeyLines: &s.privateKeyLines) else { return }
            pipeline.source.absorb(archived, into: &metadata)
            out += archived
            out.append(UInt8(ascii: "\n"))
            count += 1
        }
        var offset = try LineChunks.read(path: stream.path, from: start, to: end) { take(Array($0)) }
        if offset < end, stream.endOffset == nil, end - offset <= UInt64(Capturer.openLineLimit) {
            if !sessionEnded && info.mtimeNanos / 1_000_000_000 > now - Capturer.openLineQuietSeconds {
                openLineWaits = true
            } else if let last = HeadReader.read(stream.path, offset: offset, cap: Int(end - offset)), UInt64(last.count) == end - offset,
                JSONLineFields.isCompleteObject(last)
            {
                take(last)
                offset = end
                s.lineOpen = true
            }
        }
        if count > 0, s.spool == nil {
            s.spool = SpoolRecord(first: s.lines + 1, bytes: 0, sourceStart: start, privateKeyLinesAtStart: keyLinesAtStart)
        }
        s.lines += count
        if offset > start {
            s.offset = offset
            s.tail = LineChunks.bytes(path: stream.path, endingAt: offset, count: Capturer.tailLength) ?? []
        }
        return (out, count)
    }
}
