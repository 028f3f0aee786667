/// What the commit hooks do with the archive.
enum CommitHooks {
    /// pre-commit: capture what is new and stage it, with whatever a missed run left behind, into the
    /// index git is committing from; then record what the shim needs to skip the next no-op commit.
    static func preCommit(repository: Repository) throws {
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions()
        try workspace.capture(sessions, progress: true)
        var toStage = workspace.capturer.state.unstaged
        let leftover = PendingCommit.load(stateDir: workspace.stateDir)
        toStage.formUnion(leftover?.paths ?? [])
        if !toStage.isEmpty {
            let index = try repository.index()
            let staged = try Stager.stage(toStage, workdir: workspace.workdir, into: index)
            try index.write()
            let folders = Set(staged.map { FileSystem.parent(of: $0) })
            var sessionKeys = Set(leftover?.sessions ?? [])
            for (key, session) in workspace.capturer.state.sessions where staged.contains(where: { $0.hasPrefix(session.folder + "/") }) {
                sessionKeys.insert(key)
                // A staged part is closed: later lines go to the next part, so the next commit hashes only new bytes.
                for name in session.streams.keys where session.streams[name]!.partBytes > 0 {
                    workspace.capturer.state.sessions[key]!.streams[name]!.partClosed = true
                }
            }
            Diagnostics.trace("staged \(staged.count) archive files in \(folders.count) folders")
            try PendingCommit(paths: staged, sessions: sessionKeys.sorted()).save(stateDir: workspace.stateDir)
            workspace.capturer.state.unstaged = []
        }
        try workspace.saveState()
        try workspace.writeFastPathFiles(sessions: sessions)
    }

    /// post-commit: make git's real index agree with the commit for the archive files, then clear the pending record.
    static func postCommit(repository: Repository) throws {
        let stateDir = repository.gitDir + "/convo-hook"
        guard let pending = PendingCommit.load(stateDir: stateDir) else { return }
        let head: OID
        switch try repository.head() {
        case .branch(_, let target), .detached(let target): head = target
        case .unborn: throw ArchiveError("post-commit found no commit on HEAD")
        }
        let realIndex = try repository.openIndex(at: repository.gitDir + "/index")
        try Stager.reconcile(pending.paths, realIndex: realIndex, head: repository.commit(head).tree())
        try PendingCommit.clear(stateDir: stateDir)
    }
}
