extension Workspace {
    /// The lines the next commit would add, per session key: captured and spooled, taken out of the tree
    /// (parts the archive no longer holds), and new complete lines in the sources — what `status` reports,
    /// so that it agrees with what `commit` then does. Writes nothing.
    package func pendingLines(of sessions: [SessionLocator], listing: ArchiveListing) -> [String: PendingLines] {
        var pending: [String: PendingLines] = [:]
        for locator in sessions {
            let key = CaptureState.key(source: locator.source, sessionID: locator.sessionID)
            let session = capturer.state.sessions[key]
            var count = PendingLines()
            for stream in locator.streams {
                let s = session?.streams[stream.archiveName]
                if let s, let session {
                    count.captured += s.spool.map { s.lines - $0.first + 1 } ?? 0
                    let folder = session.folder.isEmpty ? listing.sessionFolder(source: locator.source, sessionID: locator.sessionID) : session.folder
                    let present = folder.map { listing.parts(folder: $0, stream: stream.archiveName).map { $0.first...$0.last } } ?? []
                    let covered = ClosedRanges.merged(present)
                    let streamFolder = folder.map { ArchiveListing.streamFolder(folder: $0, stream: stream.archiveName) } ?? ""
                    for part in s.parts where !listing.contains(streamFolder + "/" + part.name) && !ClosedRanges.covers(covered, part.first...part.last) {
                        count.outOfTree += part.last - part.first + 1
                    }
                }
                count.notCaptured +=
                    stream.kind == .records ? newRecords(in: stream, after: s, source: source(named: locator.source)) : newLines(in: stream, after: s)
            }
            if count.total > 0 { pending[key] = count }
        }
        return pending
    }

    /// Records of a `records` stream that are new or changed since they were last captured.
    private func newRecords(in stream: TranscriptStream, after s: StreamState?, source: (any TranscriptSource)?) -> Int {
        guard let source, let records = try? source.records(of: stream) else { return 0 }
        let known = s?.records ?? [:]
        return records.filter { known[$0.id] != Capturer.recordDigest($0.bytes) }.count
    }

    /// Complete lines past the read position (and a last line without its newline that capture would take now).
    private func newLines(in stream: TranscriptStream, after s: StreamState?) -> Int {
        guard let info = FileProbe.info(stream.path) else { return 0 }
        let end = stream.endOffset.map { min($0, info.size) } ?? info.size
        var start = s?.offset ?? stream.startOffset
        if let s, start > end || (!s.tail.isEmpty && LineChunks.bytes(path: stream.path, endingAt: start, count: s.tail.count) != s.tail) {
            start = stream.startOffset
        }
        if s?.lineOpen == true, start < end, LineChunks.bytes(path: stream.path, endingAt: start + 1, count: 1) == [UInt8(ascii: "\n")] {
            start += 1
        }
        guard start < end else { return 0 }
        var count = 0
        guard let consumed = try? LineChunks.read(path: stream.path, from: start, to: end, { _ in count += 1 }) else { return 0 }
        if consumed < end, stream.endOffset == nil, info.mtimeNanos / 1_000_000_000 <= startedAt - Capturer.openLineQuietSeconds,
            let last = HeadReader.read(stream.path, offset: consumed, cap: Int(min(end - consumed, UInt64(Capturer.openLineLimit)))),
            JSONLineFields.isCompleteObject(last)
        {
            count += 1
        }
        return count
    }
}

/// The lines of one session the next commit would add, by where they wait.
package struct PendingLines: Equatable, Sendable {
    /// Captured and redacted, kept in the git dir.
    package var captured = 0
    /// Only in the transcript: lost if the assistant deletes it first.
    package var notCaptured = 0
    /// Archived before, but no longer in the tree (a reset, checkout or rebase took their part out).
    package var outOfTree = 0

    package var total: Int { captured + notCaptured + outOfTree }
}
