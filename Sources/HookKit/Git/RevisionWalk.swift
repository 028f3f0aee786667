import CGit2
import HookCore

/// Owns one libgit2 revision walk, sorted newest first (topological, then time).
final class RevisionWalker {
    let pointer: OpaquePointer
    private let repository: Repository

    init(_ repository: Repository) throws {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, repository.pointer), "git_revwalk_new")
        guard let walker else { throw GitError(message: "git_revwalk_new returned no walker", function: "git_revwalk_new") }
        pointer = walker
        self.repository = repository
        try check(git_revwalk_sorting(pointer, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
    }

    deinit { git_revwalk_free(pointer) }

    /// Calls `body` with each commit pushed, until the walk ends or `body` returns false.
    func forEach(_ body: (Commit) throws -> Bool) throws {
        var oid = git_oid()
        while true {
            let rc = git_revwalk_next(&oid, pointer)
            if rc == GIT_ITEROVER.rawValue {
                git_error_clear()
                return
            }
            try check(rc, "git_revwalk_next")
            guard try body(repository.commit(OID(oid))) else { return }
        }
    }
}

extension Repository {
    /// Calls `body` with each commit reachable from `start`, newest first (topological, then time);
    /// stops when `body` returns false.
    public func walkCommits(from start: OID, _ body: (Commit) throws -> Bool) throws {
        if isShallow { return try ShallowWalk(repository: self).forEach(from: [start], body) }
        let walker = try RevisionWalker(self)
        var startID = start.raw
        try check(git_revwalk_push(walker.pointer, &startID), "git_revwalk_push")
        try walker.forEach(body)
    }
}
