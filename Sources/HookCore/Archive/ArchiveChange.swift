/// The lines one commit adds for one stream of a session.
package struct LineRange: Codable, Equatable, Sendable {
    /// `main`, or `subagents/<name>`.
    package var stream: String
    /// 1-based, inclusive.
    package var first: Int
    package var last: Int

    package init(stream: String, first: Int, last: Int) {
        self.stream = stream
        self.first = first
        self.last = last
    }
}

/// What one commit carries for one session.
package struct SessionChange: Codable, Equatable, Sendable {
    /// `<source>/<sanitized session id>`: the value of the `Conversation:` trailer.
    package var session: String
    /// Repository-relative archive folder.
    package var folder: String
    package var lines: [LineRange]

    package init(session: String, folder: String, lines: [LineRange]) {
        self.session = session
        self.folder = folder
        self.lines = lines
    }
}

/// Archive files and line ranges a commit carries.
package struct ArchiveChange: Codable, Equatable, Sendable {
    package var paths: [String] = []
    package var sessions: [SessionChange] = []

    package init(paths: [String] = [], sessions: [SessionChange] = []) {
        self.paths = paths
        self.sessions = sessions
    }

    package var isEmpty: Bool { paths.isEmpty }

    /// Adds another change, keeping one entry per session.
    package mutating func merge(_ other: ArchiveChange) {
        paths = Array(Set(paths).union(other.paths)).sorted()
        for change in other.sessions {
            if let i = sessions.firstIndex(where: { $0.session == change.session }) {
                for range in change.lines where !sessions[i].lines.contains(range) { sessions[i].lines.append(range) }
            } else {
                sessions.append(change)
            }
        }
    }
}

extension Workspace {
    /// Takes every archive file written since it was last handed to a commit (only those of `sessionKeys`
    /// when given), marks them as handed over (closing their parts, so later lines start new parts),
    /// and returns them with the line ranges they add.
    package func takeUncommittedChanges(onlySessions sessionKeys: Set<String>? = nil) -> ArchiveChange {
        var change = ArchiveChange()
        var state = capturer.state
        var taken = Set<String>()
        for (key, session) in state.sessions.sorted(by: { $0.key < $1.key }) where !session.folder.isEmpty {
            if let sessionKeys, !sessionKeys.contains(key) { continue }
            let files = state.unstaged.filter { $0.hasPrefix(session.folder + "/") }
            guard !files.isEmpty else { continue }
            taken.formUnion(files)
            var ranges: [LineRange] = []
            for (name, stream) in session.streams.sorted(by: { $0.key < $1.key }) {
                if stream.lines > stream.stagedLines {
                    ranges.append(LineRange(stream: ArchiveMeta.streamKey(name), first: stream.stagedLines + 1, last: stream.lines))
                }
                state.sessions[key]!.streams[name]!.stagedLines = stream.lines
                if stream.partBytes > 0 { state.sessions[key]!.streams[name]!.partClosed = true }
            }
            let trailer = ArchiveLayout.sanitize(session.metadata.source) + "/" + ArchiveLayout.sanitize(session.metadata.sessionID)
            change.sessions.append(SessionChange(session: trailer, folder: session.folder, lines: ranges))
        }
        // Files outside any session folder (the archive's .ignore) go with whichever commit comes first.
        let loose = state.unstaged.filter { path in !state.sessions.values.contains { !$0.folder.isEmpty && path.hasPrefix($0.folder + "/") } }
        if !change.sessions.isEmpty { taken.formUnion(loose) }
        change.paths = taken.sorted()
        state.unstaged.subtract(taken)
        capturer.state = state
        return change
    }
}
