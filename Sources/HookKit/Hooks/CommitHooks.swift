import HookCore

/// What the commit hooks do with the archive.
enum CommitHooks {
    /// post-commit: commit ref mode's files to refs/convo/archive, or make git's real index agree with
    /// the commit for the archive files; note the sessions on the commit; clear the pending record.
    static func postCommit(repository: Repository) throws {
        let stateDir = stateDir(repository)
        guard let pending = PendingCommit.load(stateDir: stateDir) else { return }
        let head: OID
        switch try repository.head() {
        case .branch(_, let target), .detached(let target): head = target
        case .unborn: throw ArchiveError("post-commit found no commit on HEAD")
        }
        let settings = try ArchiveSettings(config: repository.config())
        if settings.mode == .ref {
            _ = try ArchiveRef.append(pending.paths, from: Workspace.refArchiveRoot(stateDir: stateDir),
                                  message: ArchiveRef.message(forCodeCommit: head, change: pending), repository: repository)
        } else {
            try IndexReset.toHead(pending.paths, workdir: repository.location.workdir)
        }
        try ConversationNotes.record(pending, on: head, in: repository)
        try PendingCommit.clear(stateDir: stateDir)
    }

    static func stateDir(_ repository: Repository) -> String { repository.convoStateDirectory }
}
