import Glibc

/// pre-commit: capture what is new, check the index (or the archive ref) against what was archived
/// before, and put into the commit every part it lacks — new lines, and lines a reset, checkout, rebase
/// or amend took out; then record what the follow-up hooks and the shim's fast path need.
/// Runs without libgit2: `git` does the little git work there is.
package enum PreCommitHook {
    /// The hook as git runs it (in the worktree root, with git's environment). Returns the exit status.
    package static func run(environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        HookFailure.failingOpen("pre-commit") { strict in
            Diagnostics.trace("starting pre-commit")
            let location = try RepositoryLocation.fromHookEnvironment(environment)
            let config = try GitConfigSnapshot.read(sections: HookContext.configSections, in: location.workdir, environment: environment)
            strict = (try? config.bool("convo.strict")) == true
            Diagnostics.trace("running pre-commit (settings read)")
            try archive(location: location, config: config, strict: strict, environment: environment)
        }
    }

    private static func archive(location: RepositoryLocation, config: GitConfigSnapshot, strict: Bool, environment: [String: String]) throws {
        let workspace = try Workspace(location: location, config: config, environment: environment)
        let git = try workspace.git()
        let listing = try workspace.listing()
        let sessions = workspace.sessions()
        Diagnostics.trace("found \(sessions.count) sessions; the archive holds \(listing.paths.count) files")
        let write = try workspace.archiveNewLines(of: sessions, against: listing, progress: true)
        Diagnostics.trace("planned \(write.files.count) files")
        let stateDir = workspace.stateDir
        let previous = PendingCommit.load(stateDir: stateDir)
        let process = GitProcess.current()
        var carried = ArchiveChange()
        switch workspace.settings.mode {
        case .tree:
            if !write.isEmpty {
                // git hashes and writes the blobs, and takes the index lock, whichever index the commit uses.
                try WorktreeStager(staging: write.paths, workdir: workspace.workdir, environment: environment).finish()
                Diagnostics.trace("staged \(write.files.count) archive files")
            }
            let amending = process?.isAmending { try? config.string("alias." + $0) } ?? false
            if write.restored.isEmpty, previous == nil, !amending {
                // Only new parts: names no commit has held, so they are what this commit adds.
                carried = ArchivePathInfo.change(carrying: write.paths, root: workspace.settings.layout.root)
            } else {
                carried = try CarriedArchive.added(
                    root: workspace.settings.layout.root, amending: amending,
                    sha256: workspace.sha256Objects, git: git)
            }
        case .ref:
            // post-commit commits these to refs/convo/archive once the code commit exists.
            carried = ArchivePathInfo.change(carrying: Array(Set(write.paths + (previous?.change.paths ?? []))), root: workspace.settings.layout.root)
        }
        if carried.isEmpty {
            // Also clears a record this version cannot read (round 1's), which would keep the shim off its fast path.
            if PendingCommit.isPresent(stateDir: stateDir) { try PendingCommit.clear(stateDir: stateDir) }
        } else {
            try PendingCommit(
                change: carried, temporaryIndex: HookContext.committingFromTemporaryIndex(environment),
                commentChar: HookContext.commentChar(config), strict: strict,
                treeArchiveRoot: workspace.settings.mode == .tree ? workspace.settings.layout.root : nil,
                attribution: (try? config.bool("convo.attribution")) != false
            ).save(stateDir: stateDir, gitPID: process?.pid)
        }
        Diagnostics.trace("recorded the pending commit")
        try workspace.saveState()
        workspace.finish(write)
        Diagnostics.trace("saved the capture state")
        try workspace.writeFastPathFiles(sessions: sessions, archivePaths: listing.paths.union(write.paths))
        Diagnostics.trace("wrote the fast path's files; the commit carries \(carried.sessions.count) sessions")
    }
}

/// What a commit carries: the archive paths the index adds to the commit's parent (to HEAD, or to HEAD's
/// parent when amending), read with `git diff-index`.
package enum CarriedArchive {
    package static func added(root: String, amending: Bool, sha256: Bool, git: GitCommand) throws -> ArchiveChange {
        // HEAD (HEAD^ when amending); on an unborn branch or a root commit, the empty tree.
        let emptyTree = sha256 ? "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321" : "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
        for base in [amending ? "HEAD^" : "HEAD", emptyTree] {
            let result = try git.run(["--literal-pathspecs", "diff-index", "--cached", "-z", "--name-only", "--diff-filter=A", base, "--", root])
            guard result.status == 0 else { continue }
            let paths = result.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return ArchivePathInfo.change(carrying: paths, root: root)
        }
        throw ArchiveError("git diff-index of the archive failed")
    }
}

/// Facts about the commit in progress that several hooks read.
package enum HookContext {
    /// The config sections hooks read: settings, `core.commentChar`, the object format, aliases (for `--amend`).
    package static let configSections = ["convo", "core", "extensions", "alias"]

    /// `git commit <paths>` commits from `next-index-<pid>.lock`; git's real index never sees what was staged there.
    package static func committingFromTemporaryIndex(_ environment: [String: String]) -> Bool {
        let file = environment["GIT_INDEX_FILE"] ?? ""
        return (file.split(separator: "/").last ?? "").hasPrefix("next-index-")
    }

    /// The character git starts comment lines of the message with (`core.commentChar`; `auto` is rare enough to mean `#`).
    package static func commentChar(_ config: some GitConfigReading) throws -> String {
        let configured = try config.string("core.commentChar") ?? "#"
        return configured.count == 1 ? configured : "#"
    }
}
