/// What the commit hooks do with the archive.
enum CommitHooks {
    /// pre-commit: capture what is new and stage it, with whatever a missed run left behind, into the
    /// index git is committing from; then record what the shim needs to skip the next no-op commit.
    static func preCommit(repository: Repository) throws {
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions()
        try workspace.capture(sessions, progress: true)
        var change = PendingCommit.load(stateDir: workspace.stateDir) ?? ArchiveChange()
        change.merge(workspace.takeUncommittedChanges())
        if !change.isEmpty, workspace.settings.mode == .ref {
            // Committed to refs/convo/archive in post-commit, once the code commit it belongs to exists.
            try PendingCommit.save(change, stateDir: workspace.stateDir, needsBinary: true, commentChar: commentChar(repository))
        } else if !change.isEmpty {
            let index = try repository.index()
            change.paths = try Stager.stage(change.paths, workdir: workspace.workdir, into: index)
            try index.write()
            Diagnostics.trace("staged \(change.paths.count) archive files of \(change.sessions.count) sessions")
            try PendingCommit.save(change, stateDir: workspace.stateDir, needsBinary: committingFromTemporaryIndex,
                                   commentChar: commentChar(repository))
        }
        try workspace.saveState()
        try workspace.writeFastPathFiles(sessions: sessions)
    }

    /// The character git starts comment lines of the message with (`core.commentChar`; `auto` is rare enough to mean `#`).
    private static func commentChar(_ repository: Repository) throws -> String {
        let configured = try repository.config().string("core.commentChar") ?? "#"
        return configured.count == 1 ? configured : "#"
    }

    /// `git commit <paths>` commits from `next-index-<pid>.lock`; git's real index never sees what was staged there.
    private static var committingFromTemporaryIndex: Bool {
        let file = ProcessEnvironment.current["GIT_INDEX_FILE"] ?? ""
        return (file.split(separator: "/").last ?? "").hasPrefix("next-index-")
    }

    /// post-commit: make git's real index agree with the commit for the archive files, note the sessions
    /// on the commit, then clear the pending record.
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
            let realIndex = try repository.openIndex(at: repository.gitDir + "/index")
            try Stager.reconcile(pending.paths, workdir: repository.workdir ?? "", realIndex: realIndex, head: repository.commit(head).tree(),
                                 repository: repository)
        }
        try ConversationNotes.record(pending, on: head, in: repository)
        try PendingCommit.clear(stateDir: stateDir)
    }

    static func stateDir(_ repository: Repository) -> String { repository.convoStateDirectory }
}
