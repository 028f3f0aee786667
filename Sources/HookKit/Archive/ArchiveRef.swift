import HookCore

/// Ref mode: the archive tree lives on `refs/convo/archive`, its own commit chain, so the working tree
/// and the code history stay free of transcripts.
enum ArchiveRef {
    static let name = "refs/convo/archive"

    /// Commits `paths` (read below `root`) on top of the ref's tip; nil when they are already there.
    /// Another worktree moving the ref at the same moment makes it retry on the new tip.
    static func append(_ paths: [String], from root: String, message: String, repository: Repository) throws -> OID? {
        for _ in 0..<5 {
            let tip = try repository.referenceTarget(name)
            let parent = try tip.map { try repository.commit($0) }
            let base = try parent?.tree() ?? repository.emptyTree()
            var updates: [TreeUpdate] = []
            for path in paths {
                guard let bytes = FileSystem.read(root + "/" + path) else { continue }
                let blob = try bytes.withUnsafeBytes { try repository.createBlob($0) }
                if try base.entry(at: path)?.id != blob { updates.append(.upsert(path: path, blob: blob)) }
            }
            guard !updates.isEmpty else { return nil }
            let tree = try repository.tree(repository.treeUpdated(base: base, updates: updates))
            let signature = try repository.signature(.committer)
            let id = try repository.createCommit(author: signature, committer: signature, message: message, tree: tree,
                                                 parents: parent.map { [$0] } ?? [])
            let subject = message.split(separator: "\n").first.map(String.init) ?? ""
            if try moveRef(to: id, from: tip, reflog: "convo-hook: " + subject, repository: repository) { return id }
        }
        throw ArchiveError("\(name) kept moving while convo-hook committed to it; try again")
    }

    /// Compare-and-swap on the ref; false when someone else moved it first.
    private static func moveRef(to id: OID, from tip: OID?, reflog: String, repository: Repository) throws -> Bool {
        do {
            try repository.updateReference(name, to: id, expecting: tip, reflog: reflog)
            return true
        } catch {
            if error.code == .modified || error.code == .exists { return false }
            throw error
        }
    }

    /// The message of the archive commit made for a code commit.
    static func message(forCodeCommit code: OID, change: ArchiveChange) -> String {
        "archive for \(code.description.prefix(12))\n\nCode-Commit: \(code)\n"
            + change.sessions.map { "\(ConversationTrailers.key): \($0.session)\n" }.joined()
    }
}
