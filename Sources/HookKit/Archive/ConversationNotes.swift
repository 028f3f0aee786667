import HookCore

extension ConversationNotes {
    /// The sessions recorded on `commit`, nil when it has no note.
    static func read(_ commit: OID, in repository: Repository) throws -> ArchiveChange? {
        guard let text = try repository.note(on: commit, notesRef: ref) else { return nil }
        return change(fromNote: text)
    }
}
