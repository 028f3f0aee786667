import CGit2
import HookCore

extension Repository {
    /// Calls `body` with each commit reachable from `start`, newest first (topological, then time);
    /// stops when `body` returns false.
    public func walkCommits(from start: OID, _ body: (Commit) throws -> Bool) throws {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, pointer), "git_revwalk_new")
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        var startID = start.raw
        try check(git_revwalk_push(walker, &startID), "git_revwalk_push")
        var oid = git_oid()
        while true {
            let rc = git_revwalk_next(&oid, walker)
            if rc == GIT_ITEROVER.rawValue {
                git_error_clear()
                return
            }
            try check(rc, "git_revwalk_next")
            guard try body(commit(OID(oid))) else { return }
        }
    }
}
