import CGit2
import Glibc
import HookCore

/// A tree object. Keeps its repository alive.
public final class Tree {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_tree_free(pointer) }

    /// This tree's id.
    public var id: OID { OID(git_tree_id(pointer).pointee) }

    /// The blob or tree at a slash-separated `path` below this tree, nil when absent.
    public func entry(at path: String) throws(GitError) -> IndexEntry? {
        var raw: OpaquePointer?
        let rc = git_tree_entry_bypath(&raw, pointer, path)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_tree_entry_bypath")
        defer { git_tree_entry_free(raw) }
        return IndexEntry(path: path, id: OID(git_tree_entry_id(raw).pointee), mode: git_tree_entry_filemode(raw).rawValue)
    }

    /// The names directly in this tree, with whether each is a folder.
    public var entries: [(name: String, isTree: Bool, id: OID)] {
        (0..<git_tree_entrycount(pointer)).compactMap { i in
            guard let entry = git_tree_entry_byindex(pointer, i) else { return nil }
            return (String(cString: git_tree_entry_name(entry)), git_tree_entry_type(entry) == GIT_OBJECT_TREE, OID(git_tree_entry_id(entry).pointee))
        }
    }
}

/// A commit object. Keeps its repository alive.
public final class Commit {
    let pointer: OpaquePointer
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_commit_free(pointer) }

    /// This commit's id.
    public var id: OID { OID(git_commit_id(pointer).pointee) }

    /// The full message.
    public var message: String { git_commit_message(pointer).map { String(cString: $0) } ?? "" }

    /// The ids of the parents, first parent first.
    public var parentIDs: [OID] {
        (0..<git_commit_parentcount(pointer)).compactMap { git_commit_parent_id(pointer, $0).map { OID($0.pointee) } }
    }

    /// The root tree.
    public func tree() throws(GitError) -> Tree {
        var raw: OpaquePointer?
        try check(git_commit_tree(&raw, pointer), "git_commit_tree")
        return Tree(raw!, repository: repository)
    }
}

/// A change to apply to a tree with `Repository.treeUpdated(base:updates:)`.
public enum TreeUpdate: Sendable {
    case upsert(path: String, blob: OID, mode: UInt32 = GIT_FILEMODE_BLOB.rawValue)
    case remove(path: String)
}

extension Repository {
    /// Stores `data` as a blob and returns its id.
    public func createBlob(_ data: UnsafeRawBufferPointer) throws(GitError) -> OID {
        var oid = git_oid()
        try check(git_blob_create_from_buffer(&oid, pointer, data.baseAddress, data.count), "git_blob_create_from_buffer")
        return OID(oid)
    }

    /// The bytes of a blob.
    public func blobContent(_ id: OID) throws(GitError) -> [UInt8] {
        var raw: OpaquePointer?
        var oid = id.raw
        try check(git_blob_lookup(&raw, pointer, &oid), "git_blob_lookup")
        defer { git_blob_free(raw) }
        let size = Int(git_blob_rawsize(raw))
        guard size > 0, let bytes = git_blob_rawcontent(raw) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: size))
    }

    /// Looks up a commit.
    public func commit(_ id: OID) throws(GitError) -> Commit {
        var raw: OpaquePointer?
        var oid = id.raw
        try check(git_commit_lookup(&raw, pointer, &oid), "git_commit_lookup")
        return Commit(raw!, repository: self)
    }

    /// Looks up a tree.
    public func tree(_ id: OID) throws(GitError) -> Tree {
        var raw: OpaquePointer?
        var oid = id.raw
        try check(git_tree_lookup(&raw, pointer, &oid), "git_tree_lookup")
        return Tree(raw!, repository: self)
    }

    /// The empty tree (written to the object store if needed).
    public func emptyTree() throws(GitError) -> Tree {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, nil), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
        return try tree(OID(oid))
    }

    /// Writes a new tree: `base` with `updates` applied (nested paths allowed), without reading the whole tree.
    public func treeUpdated(base: Tree, updates: [TreeUpdate]) throws(GitError) -> OID {
        let paths = updates.map { update -> String in
            switch update {
            case .upsert(let path, _, _), .remove(let path): return path
            }
        }
        // libgit2 needs C strings that outlive the call: duplicate them, free after.
        let cPaths = paths.map { strdup($0) }
        defer { cPaths.forEach { free($0) } }
        var raw: [git_tree_update] = zip(updates, cPaths).map { update, cPath in
            switch update {
            case .upsert(_, let blob, let mode):
                return git_tree_update(action: GIT_TREE_UPDATE_UPSERT, id: blob.raw, filemode: git_filemode_t(mode), path: cPath)
            case .remove:
                return git_tree_update(action: GIT_TREE_UPDATE_REMOVE, id: git_oid(), filemode: GIT_FILEMODE_BLOB, path: cPath)
            }
        }
        var oid = git_oid()
        try check(git_tree_create_updated(&oid, pointer, base.pointer, raw.count, &raw), "git_tree_create_updated")
        return OID(oid)
    }

    /// Writes a commit object. `updateRef` (e.g. `"HEAD"`) is moved to it when given; nil leaves every ref alone.
    public func createCommit(
        updateRef: String? = nil, author: Signature, committer: Signature, message: String,
        tree: Tree, parents: [Commit]
    ) throws(GitError) -> OID {
        var oid = git_oid()
        let authorSig = try author.makeRaw()
        defer { git_signature_free(authorSig) }
        let committerSig = try committer.makeRaw()
        defer { git_signature_free(committerSig) }
        var parentPointers: [OpaquePointer?] = parents.map { $0.pointer }
        let rc = parentPointers.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&oid, pointer, updateRef, authorSig, committerSig, nil, message, tree.pointer, buffer.count, buffer.baseAddress)
        }
        try check(rc, "git_commit_create")
        return OID(oid)
    }
}
