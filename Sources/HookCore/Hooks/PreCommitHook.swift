/// pre-commit: capture what is new and stage it, with whatever a missed run left behind, into the
/// index git is committing from; then record what the shim needs to skip the next no-op commit.
/// Runs without libgit2: `git config` and `git update-index` do the little git work there is.
package enum PreCommitHook {
    /// The hook as git runs it (in the worktree root, with git's environment). Returns the exit status.
    package static func run(environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        HookFailure.failingOpen("pre-commit") { strict in
            Diagnostics.trace("starting pre-commit")
            let location = try RepositoryLocation.fromHookEnvironment(environment)
            let config = try GitConfigSnapshot.read(sections: ["convo", "core"], in: location.workdir, environment: environment)
            strict = (try? config.bool("convo.strict")) == true
            Diagnostics.trace("running pre-commit (settings read)")
            try capture(location: location, config: config, environment: environment)
        }
    }

    private static func capture(location: RepositoryLocation, config: GitConfigSnapshot, environment: [String: String]) throws {
        let workspace = try Workspace(location: location, config: config, environment: environment)
        let sessions = workspace.sessions()
        Diagnostics.trace("found \(sessions.count) sessions")
        try workspace.capture(sessions, progress: true)
        Diagnostics.trace("captured")
        var change = PendingCommit.load(stateDir: workspace.stateDir) ?? ArchiveChange()
        change.merge(workspace.takeUncommittedChanges())
        let commentChar = try commentChar(config)
        if !change.isEmpty, workspace.settings.mode == .ref {
            // Committed to refs/convo/archive in post-commit, once the code commit it belongs to exists.
            try PendingCommit.save(change, stateDir: workspace.stateDir, needsBinary: true, commentChar: commentChar)
        } else if !change.isEmpty {
            // git hashes and writes the blobs while the records for the follow-up hooks are written;
            // it is always waited for, so the commit never reads an index git is still writing.
            let staging = try WorktreeStager(staging: change.paths, workdir: workspace.workdir, environment: environment)
            let recorded = Result {
                try PendingCommit.save(change, stateDir: workspace.stateDir,
                                       needsBinary: committingFromTemporaryIndex(environment), commentChar: commentChar)
                try workspace.saveState()
                try workspace.writeFastPathFiles(sessions: sessions)
            }
            let staged = Result { try staging.finish() }
            if case .failure = staged {
                // The commit goes on without the files: it must not name their sessions. The pending
                // record stays, so the next commit stages them.
                PendingCommit.withdrawTrailers(stateDir: workspace.stateDir)
            }
            Diagnostics.trace("staged \((try? staged.get())?.count ?? 0) archive files of \(change.sessions.count) sessions")
            _ = try staged.get()
            try recorded.get()
            return
        }
        try workspace.saveState()
        try workspace.writeFastPathFiles(sessions: sessions)
        Diagnostics.trace("saved the state")
    }

    /// The character git starts comment lines of the message with (`core.commentChar`; `auto` is rare enough to mean `#`).
    private static func commentChar(_ config: GitConfigSnapshot) throws -> String {
        let configured = try config.string("core.commentChar") ?? "#"
        return configured.count == 1 ? configured : "#"
    }

    /// `git commit <paths>` commits from `next-index-<pid>.lock`; git's real index never sees what was staged there.
    private static func committingFromTemporaryIndex(_ environment: [String: String]) -> Bool {
        let file = environment["GIT_INDEX_FILE"] ?? ""
        return (file.split(separator: "/").last ?? "").hasPrefix("next-index-")
    }
}
