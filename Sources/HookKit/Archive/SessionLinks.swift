import HookCore

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
        var found: [String: [OID]] = [:]
        try repository.walkCommits(from: tip) { commit in
            var keys = Set(ConversationTrailers.sessions(in: commit.message))
            if let noted = try ConversationNotes.read(commit.id, in: repository) { keys.formUnion(noted.sessions.map(\.session)) }
            for key in keys.sorted() { found[key, default: []].append(commit.id) }
            return true
        }
        commitsBySession = found
    }

    func commits(for key: String) -> [OID] { commitsBySession[key] ?? [] }
}
