import HookCore

/// `convo-hook commit -m`: a commit holding only archive changes, made without touching anything else
/// the user has staged or changed.
public enum ArchiveCommit {
    /// Captures, then commits every part HEAD lacks (of one session when `session` is given) on the
    /// current branch. Returns a one-line summary; "nothing new" is not an error.
    public static func run(repository: Repository, message: String?, session: String?) throws -> String {
        let settings = try repository.archiveSettings()
        if settings.mode == .tree, let operation = repository.pendingOperation {
            throw ArchiveError("a \(operation.rawValue) is in progress; finish or abort it first (convo-hook commit only commits on a quiet branch)")
        }
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions(session: session)
        if let session, sessions.isEmpty { throw ArchiveError("no session '\(session)' of this repository") }
        let only = session == nil ? nil : Set(sessions.map { CaptureState.key(source: $0.source, sessionID: $0.sessionID) })
        switch settings.mode {
        case .tree: return try commitToBranch(repository: repository, workspace: workspace, sessions: sessions, only: only, message: message)
        case .ref: return try commitToArchiveRef(workspace: workspace, sessions: sessions, only: only, message: message)
        }
    }

    private static func commitToBranch(
        repository: Repository, workspace: Workspace, sessions: [SessionLocator],
        only: Set<String>?, message: String?
    ) throws -> String {
        let branch: String
        let parent: Commit?
        switch try repository.head() {
        case .detached:
            throw ArchiveError("HEAD is detached; check out a branch first")
        case .unborn(let name):
            branch = name
            parent = nil
        case .branch(let name, let target):
            branch = name
            parent = try repository.commit(target)
        }
        let git = try workspace.git()
        let listing =
            parent == nil
            ? ArchiveListing(root: workspace.settings.layout.root, paths: [])
            : try ArchiveListing.tree(of: parent!.id.description, root: workspace.settings.layout.root, git: git)
        let write = try workspace.archiveNewLines(of: sessions, against: listing, only: only)
        guard !write.isEmpty else {
            try workspace.saveState()
            return "nothing new to archive; no commit made"
        }
        let base = try parent?.tree() ?? repository.emptyTree()
        var updates: [TreeUpdate] = []
        var entries: [IndexEntry] = []
        for (path, bytes) in write.files.sorted(by: { $0.key < $1.key }) {
            let blob = try bytes.withUnsafeBytes { try repository.createBlob($0) }
            updates.append(.upsert(path: path, blob: blob))
            entries.append(IndexEntry(path: path, id: blob))
        }
        let change = ArchivePathInfo.change(carrying: write.paths, root: workspace.settings.layout.root)
        let subject = message ?? defaultMessage(for: change, in: workspace)
        let text = subject + "\n\n" + change.sessions.map { "\(ConversationTrailers.key): \($0.session)" }.joined(separator: "\n") + "\n"
        let tree = try repository.tree(repository.treeUpdated(base: base, updates: updates))
        let id = try repository.createCommit(
            author: repository.signature(.author), committer: repository.signature(.committer),
            message: text, tree: tree, parents: parent.map { [$0] } ?? [])
        let firstLine = subject.split(separator: "\n").first.map(String.init) ?? ""
        try repository.updateReference(
            branch, to: id, expecting: parent?.id,
            reflog: (parent == nil ? "commit (initial): " : "commit: ") + firstLine)
        let index = try repository.index()
        for entry in entries { try index.add(entry, worktreeFile: FileSystem.status(workspace.workdir + "/" + entry.path)) }
        try index.write()
        try ConversationNotes.write(change, on: id.description, git: git)
        try workspace.saveState()
        workspace.finish(write)
        // The archive the state expects is in a commit no post-commit saw: the next pre-commit checks in full.
        workspace.invalidateFastPath()
        let short = String(id.description.prefix(7))
        return "[\(branch.replacingPrefix("refs/heads/")) \(short)] \(firstLine) (\(entries.count) files, \(change.sessions.count) sessions)"
    }

    /// Ref mode: the archive commit goes on refs/convo/archive; no branch or index changes.
    private static func commitToArchiveRef(workspace: Workspace, sessions: [SessionLocator], only: Set<String>?, message: String?) throws -> String {
        let listing = try workspace.listing()
        let write = try workspace.archiveNewLines(of: sessions, against: listing, only: only)
        guard !write.isEmpty else {
            try workspace.saveState()
            return "nothing new to archive; no commit made"
        }
        let change = ArchivePathInfo.change(carrying: write.paths, root: workspace.settings.layout.root)
        let subject = message ?? defaultMessage(for: change, in: workspace)
        let text = subject + "\n\n" + change.sessions.map { "\(ConversationTrailers.key): \($0.session)\n" }.joined()
        let id = try ArchiveRefWriter.append(write.paths, from: workspace.archiveRoot, message: text, git: workspace.git(), stateDir: workspace.stateDir)
        try workspace.saveState()
        workspace.finish(write)
        try workspace.recordArchiveTruth([])
        for path in write.paths { try? FileSystem.remove(workspace.archiveRoot + "/" + path) }
        guard let id else { return "nothing new to archive; no commit made" }
        return "[\(ArchiveRefName.full) \(id.prefix(7))] \(subject) (\(write.files.count) files, \(change.sessions.count) sessions)"
    }

    private static func defaultMessage(for change: ArchiveChange, in workspace: Workspace) -> String {
        let titles = change.sessions.compactMap { session in
            workspace.state.sessions.values.first { $0.folder == session.folder }?.metadata.title
        }
        if change.sessions.count == 1, let title = titles.first { return "chore: archive conversation for \(title)" }
        if change.sessions.count == 1 { return "chore: archive conversation \(change.sessions[0].session)" }
        return "chore: archive \(change.sessions.count) conversations"
    }
}

extension String {
    func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
