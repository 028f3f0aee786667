import HookCore

/// `convo-hook commit -m`: a commit holding only archive changes, made without touching anything else
/// the user has staged or changed.
public enum ArchiveCommit {
    /// Captures, then commits the archive files not yet committed (of one session when `session` is given)
    /// on the current branch. Returns a one-line summary; "nothing new" is not an error.
    public static func run(repository: Repository, message: String?, session: String?) throws -> String {
        if try ArchiveSettings(config: repository.config()).mode == .ref {
            return try commitToArchiveRef(repository: repository, message: message, session: session)
        }
        if let operation = repository.pendingOperation {
            throw ArchiveError("a \(operation.rawValue) is in progress; finish or abort it first (convo-hook commit only commits on a quiet branch)")
        }
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
        let (workspace, captured) = try captureChanges(repository: repository, session: session)
        var change = captured

        let base = try parent?.tree() ?? repository.emptyTree()
        var updates: [TreeUpdate] = []
        var entries: [IndexEntry] = []
        for path in change.paths {
            guard let bytes = FileSystem.read(workspace.workdir + "/" + path) else { continue }
            let blob = try bytes.withUnsafeBytes { try repository.createBlob($0) }
            guard try base.entry(at: path)?.id != blob else { continue }
            updates.append(.upsert(path: path, blob: blob))
            entries.append(IndexEntry(path: path, id: blob))
        }
        guard !updates.isEmpty else {
            try workspace.saveState()
            return "nothing new to archive; no commit made"
        }
        change.paths = entries.map(\.path)
        let subject = message ?? defaultMessage(for: change, in: workspace)
        let text = subject + "\n\n" + change.sessions.map { "\(ConversationTrailers.key): \($0.session)" }.joined(separator: "\n") + "\n"
        let tree = try repository.tree(repository.treeUpdated(base: base, updates: updates))
        let id = try repository.createCommit(author: repository.signature(.author), committer: repository.signature(.committer),
                                             message: text, tree: tree, parents: parent.map { [$0] } ?? [])
        let firstLine = subject.split(separator: "\n").first.map(String.init) ?? ""
        try repository.updateReference(branch, to: id, expecting: parent?.id,
                                       reflog: (parent == nil ? "commit (initial): " : "commit: ") + firstLine)
        let index = try repository.index()
        for entry in entries { try index.add(entry, worktreeFile: FileSystem.status(workspace.workdir + "/" + entry.path)) }
        try index.write()
        try ConversationNotes.record(change, on: id, in: repository)
        try workspace.saveState()
        let short = String(id.description.prefix(7))
        return "[\(branch.replacingPrefix("refs/heads/")) \(short)] \(firstLine) (\(entries.count) files, \(change.sessions.count) sessions)"
    }

    /// Captures (one session when given) and takes the archive files no commit has carried yet.
    private static func captureChanges(repository: Repository, session: String?) throws -> (Workspace, ArchiveChange) {
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions(session: session)
        if let session, sessions.isEmpty { throw ArchiveError("no session '\(session)' of this repository") }
        try workspace.capture(sessions)
        let keys = session == nil ? nil : Set(sessions.map { CaptureState.key(source: $0.source, sessionID: $0.sessionID) })
        return (workspace, workspace.takeUncommittedChanges(onlySessions: keys))
    }

    /// Ref mode: the archive commit goes on refs/convo/archive; no branch or index changes.
    private static func commitToArchiveRef(repository: Repository, message: String?, session: String?) throws -> String {
        let (workspace, change) = try captureChanges(repository: repository, session: session)
        let subject = message ?? defaultMessage(for: change, in: workspace)
        let text = subject + "\n\n" + change.sessions.map { "\(ConversationTrailers.key): \($0.session)" }.joined(separator: "\n") + "\n"
        let id = change.isEmpty ? nil : try ArchiveRef.append(change.paths, from: workspace.archiveRoot, message: text, repository: repository)
        try workspace.saveState()
        guard let id else { return "nothing new to archive; no commit made" }
        return "[\(ArchiveRef.name) \(id.description.prefix(7))] \(subject) (\(change.paths.count) files, \(change.sessions.count) sessions)"
    }

    private static func defaultMessage(for change: ArchiveChange, in workspace: Workspace) -> String {
        let titles = change.sessions.compactMap { session in
            workspace.capturer.state.sessions.values.first { $0.folder == session.folder }?.metadata.title
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
