import CGit2
import HookCore

extension Repository {
    /// The commit a revision (`HEAD~2`, a branch, an abbreviated id…) names; nil when it names none.
    public func resolveCommit(_ revision: String) -> OID? {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, revision) == 0 else {
            git_error_clear()
            return nil
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else {
            git_error_clear()
            return nil
        }
        defer { git_object_free(commit) }
        return OID(git_object_id(commit).pointee)
    }
}
