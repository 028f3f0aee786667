import CGit2
import HookCore

extension Commit {
    /// Who wrote the change and when (seconds since the epoch, minutes east of UTC).
    public var author: Signature {
        guard let raw = git_commit_author(pointer) else { return Signature(name: "", email: "", time: nil) }
        let s = raw.pointee
        return Signature(
            name: s.name.map { String(cString: $0) } ?? "", email: s.email.map { String(cString: $0) } ?? "", time: s.when.time,
            offsetMinutes: Int32(s.when.offset))
    }

    /// The first line of the message.
    public var subject: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}

extension Repository {
    /// Calls `body` with each commit of `range` (`A..B`: reachable from B, not from A), newest first;
    /// stops when `body` returns false. Throws when either end names no commit.
    public func walkCommits(range: String, _ body: (Commit) throws -> Bool) throws {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, pointer), "git_revwalk_new")
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        try check(git_revwalk_push_range(walker, range), "git_revwalk_push_range")
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
