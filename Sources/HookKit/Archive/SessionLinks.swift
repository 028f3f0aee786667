/// Which commits carry which sessions: `Conversation:` trailers, and notes for commits whose trailer
/// was removed in the editor.
struct SessionLinks {
    /// Session key → commit ids, newest first.
    private(set) var commitsBySession: [String: [OID]] = [:]

    init(repository: Repository) throws {
        let tip: OID
        switch try repository.head() {
        case .branch(_, let target), .detached(let target): tip = target
        case .unborn: return
        }
        for id in try repository.history(from: tip) {
            var keys = Set(ConversationTrailers.sessions(in: try repository.commit(id).message))
            if let noted = try ConversationNotes.read(id, in: repository) { keys.formUnion(noted.sessions.map(\.session)) }
            for key in keys.sorted() { commitsBySession[key, default: []].append(id) }
        }
    }

    func commits(for key: String) -> [OID] { commitsBySession[key] ?? [] }
}
