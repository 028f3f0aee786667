import CGit2

extension Repository {
    /// Commit ids reachable from `tip`, newest first (topological, then by time), at most `limit`.
    public func history(from tip: OID, limit: Int = .max) throws(GitError) -> [OID] {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, pointer), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        var start = tip.raw
        try check(git_revwalk_push(walk, &start), "git_revwalk_push")
        var ids: [OID] = []
        var next = git_oid()
        while ids.count < limit {
            let rc = git_revwalk_next(&next, walk)
            if rc == GIT_ITEROVER.rawValue { git_error_clear(); break }
            try check(rc, "git_revwalk_next")
            ids.append(OID(next))
        }
        return ids
    }

    /// The commit a revision (`HEAD~2`, a branch, an abbreviated id…) names; nil when it names none.
    public func resolveCommit(_ revision: String) -> OID? {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, revision) == 0 else { git_error_clear(); return nil }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else { git_error_clear(); return nil }
        defer { git_object_free(commit) }
        return OID(git_object_id(commit).pointee)
    }
}
