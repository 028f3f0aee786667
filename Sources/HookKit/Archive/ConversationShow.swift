import HookCore

/// `convo-hook show`: one session, or the sessions a commit carries, as markdown or the archived JSONL.
public enum ConversationShow {
    /// How to print records.
    public enum Format: String, Sendable, CaseIterable {
        case md, jsonl
    }

    /// Renders `target`: a session id (or unique prefix, or `source/id`), else a commit.
    public static func render(_ target: String, format: Format, repository: Repository) throws -> String {
        let catalog = try ArchiveCatalog(repository: repository)
        if let session = try catalog.find(target) {
            return render(session, ranges: nil, format: format, catalog: catalog)
        }
        guard let commit = repository.resolveCommit(target) else {
            throw ArchiveError("'\(target)' is neither an archived session nor a commit")
        }
        // Without a note (a clone that never fetched them), the commit's own archive parts say the same.
        var change = try ConversationNotes.read(commit, in: repository)
            ?? CommitConversation(repository: repository, settings: repository.archiveSettings()).change(of: commit)
            ?? ArchiveChange()
        let trailers = ConversationTrailers.sessions(in: try repository.commit(commit).message)
        for key in trailers where !change.sessions.contains(where: { $0.session == key }) {
            change.sessions.append(SessionChange(session: key, folder: "", lines: []))
        }
        guard !change.sessions.isEmpty else {
            throw ArchiveError("commit \(commit.description.prefix(7)) carries no conversation")
        }
        return change.sessions.compactMap { carried -> String? in
            guard let session = catalog.sessions.first(where: { $0.key == carried.session }) else {
                return format == .md ? "## \(carried.session)\n\n(not in the archive)\n" : nil
            }
            return render(session, ranges: carried.lines.isEmpty ? nil : carried.lines, format: format, catalog: catalog)
        }.joined(separator: "\n")
    }

    private static func render(_ session: ArchivedSession, ranges: [LineRange]?, format: Format, catalog: ArchiveCatalog) -> String {
        var sections: [String] = []
        for stream in session.meta.streams.keys.sorted(by: { ($0 == "main" ? "" : $0) < ($1 == "main" ? "" : $1) }) {
            let all = catalog.lines(of: session, stream: stream)
            var lines: [ArraySlice<UInt8>]
            if let ranges {
                lines = ranges.filter { $0.stream == stream }.flatMap { r in
                    all[max(0, r.first - 1)..<min(all.count, r.last)]
                }
                if lines.isEmpty { continue }
            } else {
                lines = all
            }
            switch format {
            case .jsonl:
                sections.append(lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n"))
            case .md:
                let header = stream == "main" ? "" : "### \(stream)\n\n"
                sections.append(header + TranscriptRenderer.markdown(lines))
            }
        }
        guard format == .md else { return sections.joined(separator: "\n") }
        let range = ranges.map { " — lines " + $0.map { "\($0.stream) \($0.first)–\($0.last)" }.joined(separator: ", ") } ?? ""
        return "# \(session.title ?? session.key)\n\n`\(session.key)`, started \(session.firstTimestamp ?? "?")\(range)\n\n" + sections.joined(separator: "\n")
    }
}
