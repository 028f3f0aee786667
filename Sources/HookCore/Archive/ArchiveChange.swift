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
    /// Who wrote the code lines the commit adds, when counted (post-commit, or a reader later).
    package var attribution: CommitAttribution?

    package init(paths: [String] = [], sessions: [SessionChange] = []) {
        self.paths = paths
        self.sessions = sessions
    }

    package var isEmpty: Bool { paths.isEmpty }

    /// Adds another change, keeping one entry per session.
    package mutating func merge(_ other: ArchiveChange) {
        paths = Array(Set(paths).union(other.paths)).sorted()
        attribution = CommitAttribution.merged(attribution, other.attribution)
        for change in other.sessions {
            if let i = sessions.firstIndex(where: { $0.session == change.session }) {
                for range in change.lines where !sessions[i].lines.contains(range) { sessions[i].lines.append(range) }
            } else {
                sessions.append(change)
            }
        }
    }
}
