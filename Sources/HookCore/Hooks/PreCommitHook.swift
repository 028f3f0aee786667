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
        let ref = workspace.settings.mode == .ref
        // Tree mode stages now; git hashes and writes the blobs while the records for the follow-up hooks
        // are written, and is always waited for, so the commit never reads an index git is still writing.
        // Ref mode's files go to refs/convo/archive in post-commit, once the code commit exists.
        let staging = change.isEmpty || ref ? nil
            : try WorktreeStager(staging: change.paths, workdir: workspace.workdir, environment: environment)
        let recorded = Result {
            if !change.isEmpty {
                try PendingCommit.save(change, stateDir: workspace.stateDir, needsBinary: ref || committingFromTemporaryIndex(environment),
                                       commentChar: commentChar(config))
            }
            try workspace.saveState()
            try workspace.writeFastPathFiles(sessions: sessions)
        }
        if let staging {
            do {
                try staging.finish()
            } catch {
                // The commit goes on without the files: it must not name their sessions. The pending
                // record stays, so the next commit stages them.
                PendingCommit.withdrawTrailers(stateDir: workspace.stateDir)
                throw error
            }
            Diagnostics.trace("staged \(change.paths.count) archive files of \(change.sessions.count) sessions")
        }
        try recorded.get()
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
