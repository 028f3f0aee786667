import CGit2
import HookCore

/// The conversation lines a commit carries, read from the commit itself: the archive parts it adds.
/// In tree mode those are in the commit's own tree (new against every parent); in ref mode, in the
/// archive commit whose `Code-Commit:` trailer names it. This is what `show COMMIT` falls back to on
/// a clone that has no notes, so it prints the same lines as on the author's machine.
struct CommitConversation {
    let repository: Repository
    let settings: ArchiveSettings

    /// The sessions and line ranges `commit` carries; nil when it adds no archive part.
    func change(of commit: OID) throws -> ArchiveChange? {
        let carrier: Commit
        switch settings.mode {
        case .tree: carrier = try repository.commit(commit)
        case .ref:
            guard let archiveCommit = try archiveCommit(for: commit) else { return nil }
            carrier = archiveCommit
        }
        let tree = try carrier.tree()
        let parents = try carrier.parentIDs.map { id throws(GitError) in try repository.commit(id).tree() }
        var added: [String] = []
        try collectAdded(settings.layout.root, in: tree, parents: parents, into: &added)
        var change = ArchiveChange()
        for path in added {
            guard let piece = try piece(path, in: tree) else { continue }
            change.merge(ArchiveChange(paths: [path], sessions: [piece]))
        }
        return change.sessions.isEmpty ? nil : change
    }

    /// The archive commit made for code commit `code` (its message has `Code-Commit: <code>`).
    func archiveCommit(for code: OID) throws -> Commit? {
        guard let tip = try repository.referenceTarget(ArchiveRefName.full) else { return nil }
        let trailer = "\(ArchiveRefName.codeCommitTrailer): \(code)"
        var found: Commit?
        try repository.walkCommits(from: tip) { commit in
            if commit.message.split(separator: "\n").contains(where: { $0 == trailer }) { found = commit }
            return found == nil
        }
        return found
    }

    /// Files below `path` whose blob no parent has at the same path. A folder some parent has
    /// unchanged holds nothing new.
    private func collectAdded(_ path: String, in tree: Tree, parents: [Tree], into added: inout [String]) throws {
        guard let entry = try tree.entry(at: path) else { return }
        let before = try parents.map { parent throws(GitError) in try parent.entry(at: path)?.id }
        if before.contains(entry.id) { return }
        if entry.mode == GIT_FILEMODE_TREE.rawValue {
            for child in try repository.tree(entry.id).modeEntries {
                try collectAdded(path + "/" + child.name, in: tree, parents: parents, into: &added)
            }
        } else {
            added.append(path)
        }
    }

    /// The session and line range an added part holds: `<root>/<source>/<stamp>-<id>/[subagents/<name>/]<part>`.
    private func piece(_ path: String, in tree: Tree) throws -> SessionChange? {
        let relative = path.dropFirst(settings.layout.root.count + 1).split(separator: "/").map(String.init)
        guard relative.count >= 3, let fileName = relative.last else { return nil }
        let folderName = relative[1]
        guard folderName.utf8.count > 16 else { return nil }
        let folder = settings.layout.root + "/" + relative[0] + "/" + folderName
        let streamPath = relative[2..<(relative.count - 1)].joined(separator: "/")
        let range: (first: Int, last: Int)
        if let name = ArchivePartName.parse(fileName) {
            range = (name.first, name.last)
        } else if let number = ArchivePartName.legacyNumber(fileName) {
            guard let counted = try legacyRange(number, fileName: fileName, folder: folder + (streamPath.isEmpty ? "" : "/" + streamPath), in: tree) else { return nil }
            range = counted
        } else {
            return nil
        }
        let session = relative[0] + "/" + String(folderName.dropFirst(16))
        return SessionChange(session: session, folder: folder,
                             lines: [LineRange(stream: streamPath.isEmpty ? "main" : streamPath, first: range.first, last: range.last)])
    }

    /// Round-1 parts are numbered on from line 1 across `0001`, `0002`, … of one stream.
    private func legacyRange(_ number: Int, fileName: String, folder: String, in tree: Tree) throws -> (first: Int, last: Int)? {
        guard let listing = try tree.entry(at: folder) else { return nil }
        var before = 0
        var own = 0
        for entry in try repository.tree(listing.id).modeEntries where !entry.isTree {
            guard let n = ArchivePartName.legacyNumber(entry.name), n <= number else { continue }
            let lines = try repository.blobContent(entry.id).reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            if n < number { before += lines } else if entry.name == fileName { own = lines }
        }
        return own == 0 ? nil : (before + 1, before + own)
    }
}
