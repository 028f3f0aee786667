import CGit2
import HookCore

extension Repository {
    /// True when `ancestor` is `commit` itself or reachable from it.
    public func isAncestor(_ ancestor: OID, of commit: OID) throws(GitError) -> Bool {
        guard ancestor != commit else { return true }
        var commitID = commit.raw
        var ancestorID = ancestor.raw
        return try check(git_graph_descendant_of(pointer, &commitID, &ancestorID), "git_graph_descendant_of") == 1
    }

    /// Every reference whose name matches the glob (`refs/convo-remotes/*`; `*` crosses `/`), with
    /// the object it points at, sorted by name. Symbolic references are left out.
    public func references(matching glob: String) throws(GitError) -> [(name: String, target: OID)] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, glob), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var found: [(name: String, target: OID)] = []
        var reference: OpaquePointer?
        while true {
            let rc = git_reference_next(&reference, iterator)
            if rc == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try check(rc, "git_reference_next")
            defer { git_reference_free(reference) }
            guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference) else { continue }
            found.append((String(cString: git_reference_name(reference)), OID(target.pointee)))
        }
        return found.sorted { $0.name < $1.name }
    }
}
