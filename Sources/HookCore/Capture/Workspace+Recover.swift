import FoundationEssentials

extension Workspace {
    /// Rebuilds the state of sessions the state does not know but the archive already holds (the state
    /// was lost, round 1 wrote it, or a teammate archived the session): line numbers continue after the
    /// lines the archive has, and reading the source resumes after them.
    package func recoverState(of sessions: [SessionLocator], from listing: ArchiveListing) {
        for locator in sessions {
            let key = CaptureState.key(source: locator.source, sessionID: locator.sessionID)
            guard capturer.state.sessions[key] == nil,
                let folder = listing.sessionFolder(source: locator.source, sessionID: locator.sessionID),
                let source = source(named: locator.source)
            else { continue }
            let pipeline = ArchiveLinePipeline(source: source, redactor: capturer.redactor)
            let legacy = LegacyMeta.load(archiveRoot + "/" + folder + "/" + LegacyMeta.fileName)
            var session = SessionState(folder: folder, metadata: SessionMetadata(source: locator.source, sessionID: locator.sessionID))
            if let legacy {
                session.metadata.cwd = legacy.cwd
                session.metadata.branch = legacy.branch
                session.metadata.firstTimestamp = legacy.firstTimestamp
                session.metadata.title = legacy.title
            }
            for stream in locator.streams {
                let recorded = legacy?.streams[LegacyMeta.streamKey(stream.archiveName)]
                let s = recoveredStream(
                    stream, folder: folder, listing: listing, legacyLines: recorded.map { ($0.lines, $0.sourceLines) },
                    pipeline: pipeline, metadata: &session.metadata)
                if s.lines > 0 { session.streams[stream.archiveName] = s }
            }
            Diagnostics.trace("recovered \(key) from the archive: \(session.streams.values.map(\.lines).reduce(0, +)) lines")
            capturer.state.sessions[key] = session
        }
    }

    private func recoveredStream(
        _ stream: TranscriptStream, folder: String, listing: ArchiveListing,
        legacyLines: (lines: Int, sourceLines: Int)?, pipeline: ArchiveLinePipeline,
        metadata: inout SessionMetadata
    ) -> StreamState {
        if stream.kind == .records { return recoveredRecords(stream, folder: folder, listing: listing, pipeline: pipeline) }
        var s = StreamState(sourcePath: stream.path, offset: stream.startOffset)
        let startLine = (legacyLines?.lines ?? 0) + 1
        // The parts that continue the archive without a gap from its first new-style line on.
        var records: [PartRecord] = []
        var last = startLine - 1
        for part in listing.parts(folder: folder, stream: stream.archiveName) where part.first <= last + 1 && part.last > last {
            records.append(
                PartRecord(
                    name: part.fileName, first: part.first, last: part.last, sourceStart: nil,
                    privateKeyLinesAtStart: nil, objectID: ""))
            last = part.last
        }
        // Skip what the round-1 parts hold (counted in raw source lines), then the new-style lines.
        var offset = stream.startOffset
        var rawToSkip = legacyLines?.sourceLines ?? 0
        var number = startLine
        var keyLines: Int?
        var sourceLines = 0
        struct Done: Error {}
        do {
            _ = try LineChunks.read(path: stream.path, from: stream.startOffset, to: stream.endOffset) { line in
                if number > last && rawToSkip == 0 { throw Done() }
                let lineStart = offset
                offset += UInt64(line.count) + 1
                sourceLines += 1
                if rawToSkip > 0 {
                    rawToSkip -= 1
                    return
                }
                guard let archived = pipeline.archiveLine(Array(line), privateKeyLines: &keyLines) else { return }
                if let i = records.firstIndex(where: { $0.first == number }) {
                    records[i].sourceStart = lineStart
                    records[i].privateKeyLinesAtStart = keyLines
                }
                pipeline.source.absorb(archived, into: &metadata)
                number += 1
            }
        } catch {}
        guard number > last else {
            // The source holds fewer lines than the archive: it is not the transcript that was archived.
            s.lines = last
            s.parts = records
            s.offset = LineChunks.size(stream.path) ?? stream.startOffset
            s.tail = LineChunks.bytes(path: stream.path, endingAt: s.offset, count: Capturer.tailLength) ?? []
            return s
        }
        s.lines = last
        s.parts = records
        s.offset = offset
        s.sourceLines = sourceLines
        s.privateKeyLines = keyLines
        s.tail = LineChunks.bytes(path: stream.path, endingAt: offset, count: Capturer.tailLength) ?? []
        return s
    }
}

extension Workspace {
    /// A `records` stream: the archive's lines say which version of each record it holds; a current
    /// record whose archived form is the one archived last for its id counts as archived.
    private func recoveredRecords(_ stream: TranscriptStream, folder: String, listing: ArchiveListing, pipeline: ArchiveLinePipeline) -> StreamState {
        var s = StreamState(sourcePath: stream.path, offset: 0)
        let streamFolder = ArchiveListing.streamFolder(folder: folder, stream: stream.archiveName)
        var archived: [String: [UInt8]] = [:]
        var last = 0
        for part in listing.parts(folder: folder, stream: stream.archiveName) where part.first <= last + 1 && part.last > last {
            s.parts.append(PartRecord(name: part.fileName, first: part.first, last: part.last, sourceStart: nil, privateKeyLinesAtStart: nil, objectID: ""))
            guard let bytes = archivedBytes(streamFolder + "/" + part.fileName) else { continue }
            var number = part.first
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) where number <= part.last {
                if number > last, let id = pipeline.source.recordID(ofArchivedLine: Array(line)) { archived[id] = Array(line) }
                number += 1
            }
            last = part.last
        }
        s.lines = last
        var known: [String: String] = [:]
        var noKeyBlock: Int?
        for record in (try? pipeline.source.records(of: stream)) ?? [] {
            if let form = archived[record.id], pipeline.archiveLine(record.bytes, privateKeyLines: &noKeyBlock) == form {
                known[record.id] = Capturer.recordDigest(record.bytes)
            }
        }
        s.records = known
        return s
    }

    /// An archived file's bytes: from disk (tree mode), else from the index or the archive ref.
    package func archivedBytes(_ path: String) -> [UInt8]? {
        if settings.mode == .tree, let bytes = FileSystem.read(workdir + "/" + path) { return bytes }
        let revision = settings.mode == .tree ? ":" + path : ArchiveRefName.full + ":" + path
        guard let git = try? git(), let result = try? git.run(["cat-file", "blob", revision]), result.status == 0 else { return nil }
        return result.stdout
    }
}

/// The `meta.json` of a round-1 session folder, read to continue such a session after it.
package struct LegacyMeta: Decodable {
    package struct Stream: Decodable {
        package var lines: Int
        package var sourceLines: Int
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
    package var streams: [String: Stream]

    package static let fileName = "meta.json"

    package static func streamKey(_ archiveName: String) -> String { archiveName.isEmpty ? "main" : archiveName }

    package static func load(_ path: String) -> LegacyMeta? {
        guard let bytes = FileSystem.read(path) else { return nil }
        return try? JSONDecoder().decode(LegacyMeta.self, from: Data(bytes))
    }
}
