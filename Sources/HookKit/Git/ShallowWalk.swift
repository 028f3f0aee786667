import CGit2
import HookCore

/// A walk over a shallow clone's history. libgit2 1.5 cannot walk one (its revision walk looks up the
/// parents the clone does not have and fails), so here parents are followed one commit at a time and a
/// parent that is not in the object database ends its line of history, as `git log` ends there.
/// Newest committer time first; each commit once.
struct ShallowWalk {
    let repository: Repository

    /// Calls `body` with each commit reachable from `starts` and not in `hidden`, until it returns false.
    func forEach(from starts: [OID], hiding hidden: Set<OID> = [], _ body: (Commit) throws -> Bool) throws {
        var seen = hidden
        var pending: [Commit] = []
        for start in starts where seen.insert(start).inserted {
            if let commit = try present(start) { pending.append(commit) }
        }
        while let newest = pending.indices.max(by: { pending[$0].time < pending[$1].time }) {
            let commit = pending.remove(at: newest)
            guard try body(commit) else { return }
            for parent in commit.parentIDs where seen.insert(parent).inserted {
                if let commit = try present(parent) { pending.append(commit) }
            }
        }
    }

    /// The commit, or nil when the object database does not have it.
    func present(_ id: OID) throws(GitError) -> Commit? {
        do {
            return try repository.commit(id)
        } catch {
            guard error.code == .notFound else { throw error }
            return nil
        }
    }

    /// Every commit reachable from `starts`.
    func reachable(from starts: [OID]) throws -> Set<OID> {
        var ids = Set<OID>()
        try forEach(from: starts) { commit in
            ids.insert(commit.id)
            return true
        }
        return ids
    }
}

extension Repository {
    /// Whether this is a shallow clone (`git clone --depth`): its oldest commits lack their parents.
    var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }
}

extension Commit {
    /// The parents' trees, first parent first; nil at the edge of a shallow clone, where a parent is not
    /// in the object database and what the commit changed is unknown.
    public func parentTrees() throws(GitError) -> [Tree]? {
        var trees: [Tree] = []
        for id in parentIDs {
            guard let parent = try ShallowWalk(repository: repository).present(id) else {
                if repository.isShallow { return nil }
                throw GitError(code: .notFound, message: "commit \(id) is missing from the object database", function: "git_commit_lookup")
            }
            trees.append(try parent.tree())
        }
        return trees
    }
}
