import HookCore

extension ConversationNotes {
    /// Records `change` on `commit`, merged with a note already there.
    static func record(_ change: ArchiveChange, on commit: OID, in repository: Repository) throws {
        var merged = ArchiveChange(paths: [], sessions: [])
        if let existing = try read(commit, in: repository) { merged.merge(existing) }
        merged.merge(ArchiveChange(paths: [], sessions: change.sessions))
        let note = text(for: merged)
        let author = try repository.signature(.committer)
        try repository.createNote(note, on: commit, notesRef: ref, author: author, committer: author, force: true)
    }

    /// The sessions recorded on `commit`, nil when it has no note.
    static func read(_ commit: OID, in repository: Repository) throws -> ArchiveChange? {
        guard let text = try repository.note(on: commit, notesRef: ref) else { return nil }
        return change(fromNote: text)
    }
}
