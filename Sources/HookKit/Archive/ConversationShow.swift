import HookCore

/// `convo-hook show`: one session, or the sessions a commit carries, as markdown or the archived JSONL.
public enum ConversationShow {
    /// How to print records.
    public enum Format: String, Sendable, CaseIterable {
        case md, jsonl
    }

    /// Renders `target`: a session id (or unique prefix, or `source/id`), else a commit.
    public static func render(_ target: String, format: Format, repository: Repository) throws -> String {
        let archive = try ConversationArchive.current(repository)
        defer { archive.saveCache() }
        let prices = try Prices.table(repository)
        if let session = try archive.find(target) {
            return render(session, in: archive, ranges: nil, format: format, prices: prices)
        }
        guard let commit = repository.resolveCommit(target) else {
            throw ArchiveError("'\(target)' is neither an archived session nor a commit")
        }
        let carried = try CommitLines(repository: repository, archiveRoot: archive.archiveRoot ?? "", earlierRoots: archive.earlierRoots)
            .carried(by: commit)
        guard !carried.isEmpty else {
            throw ArchiveError("commit \(commit.description.prefix(7)) carries no conversation")
        }
        // A session gone from the current archive is read as the commit's own tree holds it.
        let atCommit = try? ConversationArchive.at(commit: commit, repository: repository)
        let sessions = archive.sessions()
        let attribution = format == .md ? AttributionStore.header(for: commit, repository: repository) : nil
        let pages = carried.compactMap { c -> String? in
            // By `<source>/<folder name>`: a session reads as one whichever archive folder (`convo.dir`) holds its parts.
            let match = { (s: ArchivedSession) in c.folder.map { ArchivedSession.path(ofFolder: $0) == s.path } ?? (s.key == c.key) }
            let (holder, session): (ConversationArchive?, ArchivedSession?) =
                sessions.first(where: match).map { (archive, $0) }
                ?? (atCommit, atCommit?.sessions().first(where: match))
            guard let holder, let session else { return format == .md ? "# \(MarkdownText.inline(c.key))\n\n*Not in the archive.*\n" : nil }
            return render(session, in: holder, ranges: c.lines, format: format, prices: prices)
        }
        return ((attribution.map { [$0] } ?? []) + pages).joined(separator: "\n")
    }

    /// One session, whole or only the given lines.
    static func render(
        _ session: ArchivedSession, in archive: ConversationArchive, ranges: [String: LineRanges]?, format: Format,
        prices: PriceTable
    ) -> String {
        switch format {
        case .jsonl:
            var out: [String] = []
            for stream in archive.reader.streams(of: session) {
                let shown = ranges.map { $0[stream.name] ?? LineRanges() }
                archive.reader.forEachLine(of: stream) { line in
                    if shown?.contains(line.number) ?? true { out.append(String(decoding: line.bytes, as: UTF8.self)) }
                }
            }
            return out.joined(separator: "\n")
        case .md:
            let transcript = archive.transcript(of: session)
            let facts = SessionFacts(transcript)
            var page = ConversationMarkdown(transcript: transcript, facts: facts, prices: prices)
            page.ranges = ranges.map { $0.mapValues(\.ranges) }
            return page.render()
        }
    }
}
