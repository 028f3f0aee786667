import CGit2
import HookCore

/// One entry of a tree with its file mode (`0o100644`, `0o100755`, `0o040000`, …).
public struct TreeEntry: Sendable, Equatable {
    public var name: String
    public var id: OID
    public var mode: UInt32
    public var isTree: Bool { mode == GIT_FILEMODE_TREE.rawValue }
}

extension Tree {
    /// The entries directly in this tree, with their modes, in git's order.
    public var modeEntries: [TreeEntry] {
        (0..<git_tree_entrycount(pointer)).compactMap { i in
            guard let entry = git_tree_entry_byindex(pointer, i) else { return nil }
            return TreeEntry(
                name: String(cString: git_tree_entry_name(entry)), id: OID(git_tree_entry_id(entry).pointee),
                mode: git_tree_entry_filemode(entry).rawValue)
        }
    }
}

/// Builds one level of a tree, starting from an existing tree or empty. Owns its libgit2 builder.
final class TreeBuilder {
    private let pointer: OpaquePointer
    private let repository: Repository

    init(repository: Repository, base: Tree?) throws(GitError) {
        var raw: OpaquePointer?
        try check(git_treebuilder_new(&raw, repository.pointer, base?.pointer), "git_treebuilder_new")
        pointer = raw!
        self.repository = repository
    }

    deinit { git_treebuilder_free(pointer) }

    /// Adds `name`, or replaces the entry of that name.
    func insert(_ entry: TreeEntry) throws(GitError) {
        var id = entry.id.raw
        try check(git_treebuilder_insert(nil, pointer, entry.name, &id, git_filemode_t(entry.mode)), "git_treebuilder_insert")
    }

    /// Writes the tree object and returns its id.
    func write() throws(GitError) -> OID {
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, pointer), "git_treebuilder_write")
        return OID(oid)
    }
}
