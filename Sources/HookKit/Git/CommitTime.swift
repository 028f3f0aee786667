import CGit2
import HookCore

extension Commit {
    /// When the commit was made (committer time), seconds since 1970.
    public var time: Int64 { Int64(git_commit_time(pointer)) }
}
