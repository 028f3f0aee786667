import HookCore

/// Which commits carry which sessions: `Conversation:` trailers, and notes for commits whose trailer
/// was removed in the editor.
struct SessionLinks {
    /// Session key → commit ids, newest first.
    private(set) var commitsBySession: [String: [OID]] = [:]
    /// Who wrote each commit's code lines, as its note says.
    private(set) var attributionByCommit: [OID: CommitAttribution] = [:]

    init(repository: Repository) throws {
        guard let tip = try repository.head().commit else { return }
        var found: [String: [OID]] = [:]
        var attribution: [OID: CommitAttribution] = [:]
        try repository.walkCommits(from: tip) { commit in
            var keys = Set(ConversationTrailers.sessions(in: commit.message))
            if let noted = try ConversationNotes.read(commit.id, in: repository) {
                keys.formUnion(noted.sessions.map(\.session))
                attribution[commit.id] = noted.attribution
            }
            for key in keys.sorted() { found[key, default: []].append(commit.id) }
            return true
        }
        commitsBySession = found
        attributionByCommit = attribution
    }

    func commits(for key: String) -> [OID] { commitsBySession[key] ?? [] }

    /// The noted attribution of the commits carrying a session, added up; nil when none has one.
    func attribution(for key: String) -> CommitAttribution? {
        CommitAttribution.sum(commits(for: key).compactMap { attributionByCommit[$0] })
    }
}
