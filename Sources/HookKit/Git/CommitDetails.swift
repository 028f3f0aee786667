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
        if isShallow { return try walkShallowCommits(range: range, body) }
        let walker = try RevisionWalker(self)
        try check(git_revwalk_push_range(walker.pointer, range), "git_revwalk_push_range")
        try walker.forEach(body)
    }
}

extension Repository {
    private func walkShallowCommits(range: String, _ body: (Commit) throws -> Bool) throws {
        let ends = range.components(separatedBy: "..")
        guard ends.count == 2, !ends[1].hasPrefix(".") else {
            throw GitError(code: .invalidSpec, message: "'\(range)' is not a range A..B", function: "walkCommits")
        }
        let resolved = try ends.map { end throws(GitError) -> OID in
            let name = end.isEmpty ? "HEAD" : end
            guard let id = resolveCommit(name) else {
                throw GitError(code: .notFound, message: "revspec '\(name)' not found", function: "walkCommits")
            }
            return id
        }
        let walk = ShallowWalk(repository: self)
        try walk.forEach(from: [resolved[1]], hiding: try walk.reachable(from: [resolved[0]]), body)
    }
}
