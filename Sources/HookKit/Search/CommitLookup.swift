import HookCore

/// Finds the commits that carry archived part files.
public protocol CommitLookup {
    /// For each repository-relative part path, the commits that added or changed it, newest first.
    func commits(carrying paths: Set<String>) throws -> [String: [String]]
}

/// Walks history from a starting ref and compares trees: a commit carries a path when the path is in
/// its tree and differs from every parent's. Works without `Conversation:` trailers (older history)
/// and for the archive ref in ref mode (walk `refs/convo/archive` instead of `HEAD`).
public struct TreeCommitLookup: CommitLookup {
    let repository: Repository
    /// The ref to walk from (`HEAD`, or `refs/convo/archive` in ref mode).
    let start: String
    /// The archive folder in the tree (`convo.dir`); commits that leave it unchanged are skipped cheaply.
    let archiveRoot: String
    /// Archive folders of an earlier `convo.dir`: a part read through one is asked for under `archiveRoot`.
    let earlierRoots: [String]
    /// Upper bound on commits visited per search.
    var maxCommits = 200_000

    public init(repository: Repository, start: String = "HEAD", archiveRoot: String, earlierRoots: [String] = []) {
        self.repository = repository
        self.start = start
        self.archiveRoot = archiveRoot
        self.earlierRoots = earlierRoots
    }

    public func commits(carrying paths: Set<String>) throws -> [String: [String]] {
        guard !paths.isEmpty, let head = try repository.referenceTarget(start) else { return [:] }
        var result: [String: [String]] = [:]
        // Where each asked-for path is in the newest tree; a path it lacks was never committed on this line
        // of history (captured, not committed yet).
        let headTree = try repository.commit(head).tree()
        var asked: [String: String] = [:]
        for path in paths {
            for candidate in treePaths(of: path) where try headTree.entry(at: candidate) != nil {
                asked[candidate] = path
                break
            }
        }
        guard !asked.isEmpty else { return [:] }
        let roots = [archiveRoot] + earlierRoots
        var open = Set(asked.keys)  // paths whose introducing commit was not reached yet
        var visited = 0
        try repository.walkCommits(from: head) { commit in
            visited += 1
            let tree = try commit.tree()
            let rootIDs = try roots.map { r throws(GitError) in try tree.entry(at: r)?.id }
            guard rootIDs.contains(where: { $0 != nil }) else { return visited < maxCommits }
            let parentTrees = try commit.parentTrees() ?? []  // at a shallow clone's edge, as `git log` does: added here
            let unchanged = try parentTrees.contains { p throws(GitError) in try roots.map { r throws(GitError) in try p.entry(at: r)?.id } == rootIDs }
            if unchanged { return visited < maxCommits }
            for (path, askedFor) in asked {
                guard let blob = try tree.entry(at: path)?.id else { continue }
                var inParents = false
                var sameAsParent = false
                for parent in parentTrees {
                    if let old = try parent.entry(at: path)?.id {
                        inParents = true
                        if old == blob { sameAsParent = true }
                    }
                }
                if sameAsParent { continue }
                result[askedFor, default: []].append(commit.id.description)
                if !inParents { open.remove(path) }
            }
            return !open.isEmpty && visited < maxCommits
        }
        return result
    }

    /// `path` itself, then the same part under each earlier archive folder.
    private func treePaths(of path: String) -> [String] {
        guard path.hasPrefix(archiveRoot + "/") else { return [path] }
        let rest = path.dropFirst(archiveRoot.count)
        return [path] + earlierRoots.map { $0 + rest }
    }
}

/// Ref mode: the archive commit that added a part names its code commit in a `Code-Commit:` trailer;
/// a hit is carried by that code commit (or by the archive commit itself, for `convo-hook commit -m`).
struct ArchiveRefCommitLookup: CommitLookup {
    let repository: Repository
    let archiveRoot: String
    let earlierRoots: [String]

    func commits(carrying paths: Set<String>) throws -> [String: [String]] {
        let archiveCommits = try TreeCommitLookup(repository: repository, start: ArchiveRefName.full, archiveRoot: archiveRoot, earlierRoots: earlierRoots)
            .commits(carrying: paths)
        return try archiveCommits.mapValues { ids in
            try ids.map { id in
                guard let oid = OID(hex: id) else { return id }
                let message = try repository.commit(oid).message
                let code = message.split(separator: "\n").first { $0.hasPrefix(ArchiveRefName.codeCommitTrailer + ": ") }
                return code.map { String($0.dropFirst(ArchiveRefName.codeCommitTrailer.count + 2)) } ?? id
            }
        }
    }
}
