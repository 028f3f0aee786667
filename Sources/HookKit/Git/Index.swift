import CGit2
import Glibc
import HookCore

/// A git index (staging area) file. Owns its handle; holds its repository alive when attached to one.
public final class Index {
    let pointer: OpaquePointer
    var owner: Repository?

    init(_ pointer: OpaquePointer, owner: Repository?) {
        self.pointer = pointer
        self.owner = owner
    }

    /// Opens the index file at `path` without a repository (attach one with `Repository.openIndex(at:)`).
    init(openingFileAt path: String) throws(GitError) {
        Libgit2.initialize()
        var raw: OpaquePointer?
        try check(git_index_open(&raw, path), "git_index_open")
        pointer = raw!
        owner = nil
    }

    deinit { git_index_free(pointer) }

    /// The index file's path.
    public var path: String { git_index_path(pointer).map { String(cString: $0) } ?? "" }

    /// The number of entries.
    public var count: Int { git_index_entrycount(pointer) }

    /// Re-reads the file from disk; with `force` even when it looks unchanged.
    public func read(force: Bool = false) throws(GitError) {
        try check(git_index_read(pointer, force ? 1 : 0), "git_index_read")
    }

    /// Writes the index atomically (`<path>.lock` then rename).
    public func write() throws(GitError) {
        try check(git_index_write(pointer), "git_index_write")
    }

    /// The stage-0 entry for `path`, nil when it is not in the index.
    public func entry(at path: String) -> IndexEntry? {
        guard let e = git_index_get_bypath(pointer, path, 0)?.pointee else { return nil }
        return IndexEntry(path: path, id: OID(e.id), mode: e.mode)
    }

    /// Every stage-0 path (in index order).
    public var paths: [String] {
        (0..<count).compactMap { i in
            guard let e = git_index_get_byindex(pointer, i)?.pointee, e.flags & 0x3000 == 0 else { return nil }
            return String(cString: e.path)
        }
    }

    /// Writes `data` as a blob into the owning repository and stages it at `path`. With `worktreeFile`
    /// (the file's `stat`), the entry records it as git would, so git need not re-hash the file to know it is clean.
    public func add(
        path: String, data: UnsafeRawBufferPointer, mode: UInt32 = GIT_FILEMODE_BLOB.rawValue,
        worktreeFile: stat? = nil
    ) throws(GitError) {
        guard owner != nil else {
            throw GitError(message: "index has no repository to store blobs in", function: "Index.add")
        }
        var entry = git_index_entry()
        if let file = worktreeFile { entry.record(file) }
        entry.mode = mode
        let rc = path.withCString { cPath in
            entry.path = cPath
            return git_index_add_from_buffer(pointer, &entry, data.baseAddress, data.count)
        }
        try check(rc, "git_index_add_from_buffer")
    }

    /// Stages an existing object at `path`; `worktreeFile` as in `add(path:data:mode:worktreeFile:)`.
    public func add(_ entry: IndexEntry, worktreeFile: stat? = nil) throws(GitError) {
        var raw = git_index_entry()
        if let file = worktreeFile { raw.record(file) }
        raw.mode = entry.mode
        raw.id = entry.id.raw
        let rc = entry.path.withCString { cPath in
            raw.path = cPath
            return git_index_add(pointer, &raw)
        }
        try check(rc, "git_index_add")
    }

    /// Unstages `path`; nothing happens when it is not staged.
    public func remove(path: String) throws(GitError) {
        try check(git_index_remove_bypath(pointer, path), "git_index_remove_bypath")
    }

    /// Writes the staged content as tree objects and returns the root tree's id.
    public func writeTree() throws(GitError) -> OID {
        var oid = git_oid()
        try check(git_index_write_tree(&oid, pointer), "git_index_write_tree")
        return OID(oid)
    }
}

extension git_index_entry {
    /// Fills the stat fields git compares to decide a file is unchanged.
    mutating func record(_ file: stat) {
        ctime = git_index_time(seconds: Int32(truncatingIfNeeded: file.st_ctim.tv_sec), nanoseconds: UInt32(truncatingIfNeeded: file.st_ctim.tv_nsec))
        mtime = git_index_time(seconds: Int32(truncatingIfNeeded: file.st_mtim.tv_sec), nanoseconds: UInt32(truncatingIfNeeded: file.st_mtim.tv_nsec))
        dev = UInt32(truncatingIfNeeded: file.st_dev)
        ino = UInt32(truncatingIfNeeded: file.st_ino)
        uid = file.st_uid
        gid = file.st_gid
        file_size = UInt32(truncatingIfNeeded: file.st_size)
    }
}

/// One staged file: path, blob id and file mode.
public struct IndexEntry: Sendable, Equatable {
    public var path: String
    public var id: OID
    public var mode: UInt32

    public init(path: String, id: OID, mode: UInt32 = GIT_FILEMODE_BLOB.rawValue) {
        self.path = path
        self.id = id
        self.mode = mode
    }
}
