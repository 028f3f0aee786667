/// The archive files to write so that the next commit holds every captured line: parts a reset, checkout
/// or rebase took out of the tree, written again byte for byte, and new parts cut from the spool.
package struct ArchiveWrite {
    /// Repository-relative path → bytes.
    package var files: [String: [UInt8]] = [:]
    /// Spool files whose lines now live in parts; removed once the state that says so is saved.
    package var emptiedSpools: [String] = []
    /// Parts that could not be written again (source changed, object gone), one line each.
    package var lost: [String] = []
    /// Paths of parts written again because the archive no longer held them (the rest are new).
    package var restored: [String] = []

    package var paths: [String] { files.keys.sorted() }
    package var isEmpty: Bool { files.isEmpty }
}

extension Workspace {
    /// Plans the files that make `listing` hold every line captured so far, and moves the spool into
    /// parts in the state. Call `write(_:)`, stage, `saveState()`, then `finish(_:)`.
    /// `only` limits the plan to some sessions (`<source>/<id>` keys).
    package func plan(against listing: ArchiveListing, only: Set<String>? = nil) -> ArchiveWrite {
        var write = ArchiveWrite()
        var state = capturer.state
        var earlierRoots: [String: ArchiveListing] = [:]
        for key in state.sessions.keys.sorted() where only?.contains(key) ?? true {
            var session = state.sessions[key]!
            guard session.streams.values.contains(where: { $0.lines > 0 }) else { continue }
            let previous = session.folder
            session.folder = folder(for: session, in: listing)
            // convo.dir changed: the parts the earlier folder holds count, so they are not copied over.
            var earlier: (folder: String, listing: ArchiveListing)?
            if !previous.isEmpty, previous != session.folder {
                let root = previous.split(separator: "/").dropLast(2).joined(separator: "/")
                if earlierRoots[root] == nil { earlierRoots[root] = (try? self.listing(root: root)) ?? ArchiveListing(root: root, paths: []) }
                earlier = (previous, earlierRoots[root]!)
            }
            for name in session.streams.keys.sorted() {
                var stream = session.streams[name]!
                plan(&stream, name: name, session: session, listing: listing, earlier: earlier, into: &write)
                session.streams[name] = stream
            }
            state.sessions[key] = session
        }
        capturer.state = state
        let root = settings.layout.root
        if !write.isEmpty || listing.paths.contains(where: { ArchivePathInfo(path: $0, root: root) != nil }) {
            for (path, bytes) in ArchiveFolderFiles.all(root: root) where !listing.contains(path) { write.files[path] = bytes }
        }
        return write
    }

    /// Brings the archive files up to date against `listing` (what the commit's tree will hold): rebuilds
    /// the state of sessions the archive knows and the state does not, captures what is new, plans, warns
    /// about parts that cannot be written again, and writes the planned files. The caller stages or
    /// commits them, saves the state, then calls `finish`.
    package func archiveNewLines(
        of sessions: [SessionLocator], against listing: ArchiveListing, only: Set<String>? = nil,
        progress: Bool = false
    ) throws -> ArchiveWrite {
        recoverState(of: sessions, from: listing)
        capture(sessions, progress: progress)
        let write = plan(against: listing, only: only)
        for lost in write.lost { Diagnostics.warning(lost) }
        try self.write(write)
        return write
    }

    /// Writes the planned files below the archive root (the worktree, or ref mode's private folder).
    package func write(_ write: ArchiveWrite) throws {
        for (path, bytes) in write.files.sorted(by: { $0.key < $1.key }) {
            let full = archiveRoot + "/" + path
            try FileSystem.makeDirectories(FileSystem.parent(of: full))
            try FileSystem.writeAtomically(bytes, to: full)
        }
    }

    /// Removes the spool files the saved state no longer needs.
    package func finish(_ write: ArchiveWrite) {
        for path in write.emptiedSpools { capturer.spool.remove(path) }
    }

    /// The session's folder: the one the state chose, else the one the archive already has for it, else
    /// a new one from the session's first timestamp. Below the current `convo.dir` in every case.
    private func folder(for session: SessionState, in listing: ArchiveListing) -> String {
        let layout = settings.layout
        let m = session.metadata
        if !session.folder.isEmpty, session.folder.hasPrefix(layout.root + "/") { return session.folder }
        if let existing = listing.sessionFolder(source: m.source, sessionID: m.sessionID) { return existing }
        if let name = session.folder.split(separator: "/").last, !session.folder.isEmpty {
            // convo.dir changed: the session goes on in the new folder, under the name it had.
            return layout.root + "/" + ArchiveLayout.sanitize(m.source) + "/" + name
        }
        return layout.sessionFolder(source: m.source, sessionID: m.sessionID, startedAt: m.firstTimestamp, now: startedAt)
    }

    private func plan(
        _ s: inout StreamState, name: String, session: SessionState, listing: ArchiveListing,
        earlier: (folder: String, listing: ArchiveListing)?, into write: inout ArchiveWrite
    ) {
        let streamFolder = ArchiveListing.streamFolder(folder: session.folder, stream: name)
        let present = listing.parts(folder: session.folder, stream: name) + (earlier.map { $0.listing.parts(folder: $0.folder, stream: name) } ?? [])
        var covered = ClosedRanges.merged(present.map { $0.first...$0.last })
        for part in s.parts {
            let path = streamFolder + "/" + part.name
            guard !listing.contains(path), write.files[path] == nil, !ClosedRanges.covers(covered, part.first...part.last) else { continue }
            if let bytes = partBytes(part, of: s, session: session, at: path) {
                write.files[path] = bytes
                write.restored.append(path)
                covered = ClosedRanges.merged(covered + [part.first...part.last])
            } else {
                write.lost.append(
                    "lines \(part.first)–\(part.last) of \(session.metadata.source)/\(session.metadata.sessionID) are no longer in the tree, and neither the transcript nor git still has them"
                )
            }
        }
        guard let spooled = s.spool else { return }
        let ext = s.partExtension
        let spoolPath = capturer.spool.path(source: session.metadata.source, sessionID: session.metadata.sessionID, stream: name, ext: ext)
        let bytes =
            capturer.spool.read(spoolPath, vouched: spooled.bytes)
            ?? (s.records != nil ? nil : pipeline(for: session))?.lines(
                spooled.first, through: s.lines, from: s.sourcePath, start: spooled.sourceStart,
                startLine: spooled.first, privateKeyLines: spooled.privateKeyLinesAtStart)
        guard let bytes else {
            write.lost.append(
                "lines \(spooled.first)–\(s.lines) of \(session.metadata.source)/\(session.metadata.sessionID) were captured, but the spool and the transcript lost them")
            s.spool = nil
            write.emptiedSpools.append(spoolPath)
            return
        }
        var first = spooled.first
        for (index, chunk) in ArchivePlanner.chunks(bytes, maximumBytes: settings.partBytes).enumerated() {
            let count = chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let partName = ArchivePartName(first: first, last: first + count - 1, bytes: chunk, ext: ext)
            s.parts.append(
                PartRecord(
                    name: partName.fileName, first: partName.first, last: partName.last,
                    sourceStart: index == 0 ? spooled.sourceStart : nil,
                    privateKeyLinesAtStart: index == 0 ? spooled.privateKeyLinesAtStart : nil,
                    objectID: GitObjectID.blob(chunk, sha256: sha256Objects)))
            write.files[streamFolder + "/" + partName.fileName] = chunk
            first += count
        }
        s.spool = nil
        write.emptiedSpools.append(spoolPath)
    }

    /// A part's bytes again: from its copy on disk, else from the source, else from git's object store;
    /// each only if it is exactly the part that was written (same object id).
    private func partBytes(_ part: PartRecord, of s: StreamState, session: SessionState, at path: String) -> [UInt8]? {
        let matches = { (bytes: [UInt8]) -> Bool in
            part.objectID.isEmpty
                ? ArchivePartName.parse(part.name).map { $0.hash == ArchivePartName.hash8(bytes) } ?? false
                : GitObjectID.blob(bytes, sha256: self.sha256Objects) == part.objectID
        }
        if let bytes = FileSystem.read(archiveRoot + "/" + path), matches(bytes) { return bytes }
        // A `records` stream's source is rewritten in place: its old versions are only in git.
        if s.records == nil, let start = s.parts.last(where: { $0.first <= part.first && $0.sourceStart != nil }),
            let pipeline = pipeline(for: session),
            let bytes = pipeline.lines(
                part.first, through: part.last, from: s.sourcePath, start: start.sourceStart!,
                startLine: start.first, privateKeyLines: start.privateKeyLinesAtStart),
            matches(bytes)
        {
            return bytes
        }
        guard !part.objectID.isEmpty, let git = try? git(),
            let result = try? git.run(["cat-file", "blob", part.objectID]), result.status == 0, matches(result.stdout)
        else { return nil }
        return result.stdout
    }

    private func pipeline(for session: SessionState) -> ArchiveLinePipeline? {
        source(named: session.metadata.source).map { ArchiveLinePipeline(source: $0, redactor: capturer.redactor) }
    }
}

/// Cutting spooled lines into parts.
package enum ArchivePlanner {
    /// `bytes` (whole lines) in pieces of at most `maximumBytes`, cut after a newline; a single longer line
    /// is a piece of its own.
    package static func chunks(_ bytes: [UInt8], maximumBytes: UInt64) -> [[UInt8]] {
        guard UInt64(bytes.count) > maximumBytes else { return bytes.isEmpty ? [] : [bytes] }
        var result: [[UInt8]] = []
        var start = 0
        var lastCut = 0
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
            let end = i + 1
            if UInt64(end - start) > maximumBytes, lastCut > start {
                result.append(Array(bytes[start..<lastCut]))
                start = lastCut
            }
            lastCut = end
        }
        if start < bytes.count { result.append(Array(bytes[start...])) }
        return result
    }
}
