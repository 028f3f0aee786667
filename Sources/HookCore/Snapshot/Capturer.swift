import FoundationEssentials

/// Copies new, complete, redacted lines of sessions into the archive folder of a worktree.
/// Part files and `meta.json` are written atomically; sources are only ever read.
package final class Capturer {
    package let workdir: String
    package let settings: ArchiveSettings
    package let redactor: Redactor
    package let now: Int64
    package var state: CaptureState

    /// Bytes kept from just before a stream's offset to notice a rewritten source.
    package static let tailLength = 64

    package init(workdir: String, settings: ArchiveSettings, redactor: Redactor, state: CaptureState, now: Int64) {
        self.workdir = workdir
        self.settings = settings
        self.redactor = redactor
        self.state = state
        self.now = now
    }

    /// Archives what is new in `sessions`; returns the repository-relative files written.
    /// Every written file is also remembered in `state.unstaged`.
    @discardableResult
    package func capture(_ sessions: [SessionLocator], using source: (String) -> (any TranscriptSource)?) throws -> [String] {
        var written: [String] = []
        for locator in sessions {
            guard let transcriptSource = source(locator.source) else { continue }
            written += try capture(locator, with: transcriptSource)
        }
        if !written.isEmpty { written += try writeIgnoreFile() }
        state.unstaged.formUnion(written)
        return written
    }

    private func capture(_ locator: SessionLocator, with source: any TranscriptSource) throws -> [String] {
        let key = CaptureState.key(source: locator.source, sessionID: locator.sessionID)
        var session = state.sessions[key] ?? recoverSession(locator)
            ?? SessionState(folder: "", metadata: SessionMetadata(source: locator.source, sessionID: locator.sessionID))
        var output: [String: [UInt8]] = [:]   // part name → bytes to append
        var kept: [String: UInt64] = [:]      // part name → bytes of it already archived (0 for a new part)
        for stream in locator.streams {
            var streamState = session.streams[stream.archiveName] ?? recoverStream(stream, folder: session.folder)
            let ext = Capturer.partExtension(stream.path)
            if !session.folder.isEmpty {
                let part = session.folder + "/" + ArchiveLayout.partName(stream: stream.archiveName, part: streamState.part, extension: ext)
                rewindIfOpenPartLostBytes(&streamState, partFile: workdir + "/" + part, source: stream.path)
            }
            let changed = try read(stream, into: &streamState, metadata: &session.metadata, using: source) { partNumber, line, archivedBytes in
                let name = ArchiveLayout.partName(stream: stream.archiveName, part: partNumber, extension: ext)
                output[name, default: []] += line
                output[name]!.append(UInt8(ascii: "\n"))
                if kept[name] == nil { kept[name] = archivedBytes }
            }
            if changed { session.streams[stream.archiveName] = streamState }
        }
        guard !output.isEmpty else {
            state.sessions[key] = session.folder.isEmpty ? state.sessions[key] : session
            return []
        }
        if session.folder.isEmpty {
            session.folder = settings.layout.sessionFolder(source: locator.source, sessionID: locator.sessionID,
                                                           startedAt: session.metadata.firstTimestamp, now: now)
        }
        var written: [String] = []
        for folder in Set(output.keys.map { FileSystem.parent(of: workdir + "/" + session.folder + "/" + $0) }) {
            FileSystem.removeStaleTemporaries(in: folder)
        }
        for (name, bytes) in output.sorted(by: { $0.key < $1.key }) {
            let relative = session.folder + "/" + name
            let full = workdir + "/" + relative
            try FileSystem.makeDirectories(FileSystem.parent(of: full))
            // Only the bytes the state vouches for are kept: a run killed after writing the part but
            // before saving the state must not leave its lines in twice.
            let existing = kept[name].map { FileSystem.read(full)?.prefix(Int($0)) ?? [] } ?? []
            try FileSystem.writeAtomically(Array(existing) + bytes, to: full)
            written.append(relative)
        }
        let metaPath = session.folder + "/" + ArchiveMeta.fileName
        try FileSystem.writeAtomically(ArchiveMeta(session: session).encoded(), to: workdir + "/" + metaPath)
        written.append(metaPath)
        state.sessions[key] = session
        return written
    }

    /// Reads the new complete lines of one stream, redacts them and hands them out by part.
    /// Returns whether the stream state changed.
    private func read(
        _ stream: TranscriptStream, into s: inout StreamState, metadata: inout SessionMetadata,
        using source: any TranscriptSource, emit: (_ part: Int, _ line: [UInt8], _ archivedBytes: UInt64) -> Void
    ) throws -> Bool {
        guard let size = LineChunks.size(stream.path) else { return false }
        let end = stream.endOffset.map { min($0, size) } ?? size
        if s.offset > end || (!s.tail.isEmpty && LineChunks.bytes(path: stream.path, endingAt: s.offset, count: s.tail.count) != s.tail) {
            // Truncated or rewritten: archive it again from its start, into a fresh part.
            Diagnostics.trace("\(stream.path) was truncated or rewritten; archiving it again")
            s.offset = stream.startOffset
            s.tail = []
            s.sourceLines = 0
            if s.partBytes > 0 { s.partClosed = true }
        }
        guard s.offset < end else { return false }
        if s.partClosed {
            s.part += 1
            s.partBytes = 0
            s.partClosed = false
        }
        let startOffset = s.offset
        var lineOffset = s.offset
        let newOffset = try LineChunks.read(path: stream.path, from: s.offset, to: end) { line in
            let here = PartStart(offset: lineOffset, lines: s.lines, sourceLines: s.sourceLines, privateKeyLines: s.privateKeyLines)
            lineOffset += UInt64(line.count) + 1
            s.sourceLines += 1
            guard let normalized = source.normalize(Array(line)) else { return }
            let redacted = MultiLinePrivateKey.redact(normalized, linesInside: &s.privateKeyLines, using: redactor)
            source.absorb(redacted, into: &metadata)
            if s.partBytes > 0, s.partBytes + UInt64(redacted.count) + 1 > settings.partBytes {
                s.part += 1
                s.partBytes = 0
            }
            if s.partBytes == 0 { s.partStart = here }
            emit(s.part, redacted, s.partBytes)
            s.partBytes += UInt64(redacted.count) + 1
            s.lines += 1
        }
        guard newOffset > startOffset else { return s.offset != startOffset }
        s.offset = newOffset
        s.tail = LineChunks.bytes(path: stream.path, endingAt: newOffset, count: Capturer.tailLength) ?? []
        return true
    }

    /// An open part whose file is shorter than the state says (removed by `git clean`, `git stash -u`, …)
    /// is written again from the source, from where the part began, instead of losing its first lines.
    private func rewindIfOpenPartLostBytes(_ s: inout StreamState, partFile: String, source: String) {
        guard !s.partClosed, s.partBytes > 0, let start = s.partStart,
              (LineChunks.size(partFile) ?? 0) < s.partBytes else { return }
        Diagnostics.trace("\(partFile) lost bytes; writing it again from \(source)")
        s.offset = start.offset
        s.lines = start.lines
        s.sourceLines = start.sourceLines
        s.privateKeyLines = start.privateKeyLines
        s.partBytes = 0
        s.tail = LineChunks.bytes(path: source, endingAt: start.offset, count: Capturer.tailLength) ?? []
    }

    /// The archive keeps a `.ignore` (`*`) so ripgrep-based assistant search skips transcripts; git still tracks them.
    private func writeIgnoreFile() throws -> [String] {
        let relative = ignoreFile
        let full = workdir + "/" + relative
        let content = Array("*\n".utf8)
        guard FileSystem.read(full) != content else { return [] }
        try FileSystem.makeDirectories(FileSystem.parent(of: full))
        try FileSystem.writeAtomically(content, to: full)
        return [relative]
    }

    private var ignoreFile: String { settings.layout.root + "/.ignore" }

    /// Rebuilds a session's state from its `meta.json` when the state file was lost.
    private func recoverSession(_ locator: SessionLocator) -> SessionState? {
        let sourceDir = workdir + "/" + settings.layout.root + "/" + ArchiveLayout.sanitize(locator.source)
        let suffix = "-" + ArchiveLayout.sanitize(locator.sessionID)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: sourceDir),
              let name = names.sorted().first(where: { $0.hasSuffix(suffix) && $0.count == 15 + suffix.count }),
              let meta = ArchiveMeta.load(sourceDir + "/" + name + "/" + ArchiveMeta.fileName)
        else { return nil }
        var metadata = SessionMetadata(source: locator.source, sessionID: locator.sessionID, cwd: meta.cwd, branch: meta.branch,
                                       firstTimestamp: meta.firstTimestamp, lastTimestamp: meta.lastTimestamp, title: meta.title)
        metadata.lineCount = meta.lineCount
        var session = SessionState(folder: settings.layout.root + "/" + ArchiveLayout.sanitize(locator.source) + "/" + name, metadata: metadata)
        for stream in locator.streams {
            guard let recorded = meta.streams[ArchiveMeta.streamKey(stream.archiveName)] else { continue }
            var s = StreamState(sourcePath: stream.path, offset: stream.startOffset, tail: [], lines: recorded.lines,
                                sourceLines: 0, stagedLines: recorded.lines, part: recorded.parts, partBytes: 1, partClosed: true)
            s.offset = Capturer.offset(afterLines: recorded.sourceLines, in: stream)
            s.sourceLines = recorded.sourceLines
            s.tail = LineChunks.bytes(path: stream.path, endingAt: s.offset, count: Capturer.tailLength) ?? []
            session.streams[stream.archiveName] = s
        }
        // A run stopped after writing these files but before saving its state (kill -9) never staged them.
        if settings.mode == .tree { state.unstaged.formUnion(untracked([session.folder, ignoreFile])) }
        return session
    }

    /// The files at or below these repository-relative paths that git does not track.
    private func untracked(_ paths: [String]) -> [String] {
        guard let git = try? GitCommand(directory: workdir),
              let listed = git.output(["--literal-pathspecs", "ls-files", "-z", "--others", "--"] + paths)
        else { return [] }
        return listed.split(separator: "\0").map(String.init)
    }

    private func recoverStream(_ stream: TranscriptStream, folder: String) -> StreamState {
        StreamState(sourcePath: stream.path, offset: stream.startOffset, tail: [], lines: 0, sourceLines: 0,
                    stagedLines: 0, part: 1, partBytes: 0, partClosed: false)
    }

    /// The offset just past the first `count` complete lines of a stream.
    private static func offset(afterLines count: Int, in stream: TranscriptStream) -> UInt64 {
        guard count > 0 else { return stream.startOffset }
        var seen = 0
        var offset = stream.startOffset
        _ = try? LineChunks.read(path: stream.path, from: stream.startOffset, to: stream.endOffset) { line in
            guard seen < count else { return }
            seen += 1
            offset += UInt64(line.count) + 1
        }
        return offset
    }

    package static func partExtension(_ path: String) -> String {
        if path.hasSuffix(".jsonl") { return "jsonl" }
        if path.hasSuffix(".md") { return "md" }
        return "txt"
    }
}
