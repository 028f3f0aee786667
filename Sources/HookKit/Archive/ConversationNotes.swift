import FoundationEssentials

/// Notes on `refs/notes/convo`: for each commit, the sessions, line ranges and part files it carries.
/// Each note line is one compact JSON object, so notes that git concatenates on `--amend`/`rebase`
/// (`notes.rewriteRef`) stay readable.
enum ConversationNotes {
    static let ref = "refs/notes/convo"

    /// Records `change` on `commit`, merged with a note already there.
    static func record(_ change: ArchiveChange, on commit: OID, in repository: Repository) throws {
        var merged = ArchiveChange(paths: [], sessions: [])
        if let existing = try read(commit, in: repository) { merged.merge(existing) }
        merged.merge(ArchiveChange(paths: [], sessions: change.sessions))
        let note = text(for: merged)
        let author = try repository.signature(.committer)
        try repository.createNote(note, on: commit, notesRef: ref, author: author, committer: author, force: true)
    }

    /// The note for a commit carrying `change`: one compact JSON line.
    static func text(for change: ArchiveChange) -> String {
        let body = (try? JSONEncoder().encode(NoteBody(sessions: change.sessions))).map { String(decoding: $0, as: UTF8.self) }
        return (body ?? "{\"sessions\":[]}") + "\n"
    }

    /// The sessions recorded on `commit`, nil when it has no note.
    static func read(_ commit: OID, in repository: Repository) throws -> ArchiveChange? {
        guard let text = try repository.note(on: commit, notesRef: ref) else { return nil }
        var change = ArchiveChange()
        for line in text.split(separator: "\n") where line.hasPrefix("{") {
            if let body = try? JSONDecoder().decode(NoteBody.self, from: Data(line.utf8)) {
                change.merge(ArchiveChange(paths: [], sessions: body.sessions))
            }
        }
        return change
    }

    private struct NoteBody: Codable {
        var sessions: [SessionChange]
    }
}
