#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Read access to a tree of files holding an archive: a folder on disk (the worktree's archive, a
/// `sync --to` mirror) or a git tree (HookKit's `GitTreeStorage`: HEAD, any commit, `refs/convo/archive`).
/// Paths are relative to the storage's root, `/`-separated, without a leading `/`; `""` is the root.
public protocol ArchiveStorage {
    /// The entries of a folder; empty when there is no such folder.
    func list(_ folder: String) -> [ArchiveEntry]
    /// A file's bytes; nil when absent or unreadable.
    func read(_ path: String) -> [UInt8]?
}

/// One name in a folder of an archive storage.
public struct ArchiveEntry: Sendable, Hashable {
    public var name: String
    public var isFolder: Bool
    /// Changes whenever the content may have changed: a blob or tree id in git; `mtime:size` of a file,
    /// `mtime:inode` of a folder on disk.
    public var version: String

    public init(name: String, isFolder: Bool, version: String) {
        self.name = name
        self.isFolder = isFolder
        self.version = version
    }
}

/// An archive in a folder on disk.
public struct FolderStorage: ArchiveStorage, Sendable {
    /// Absolute path of the storage root.
    public let root: String

    public init(root: String) { self.root = root }

    private func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    /// One `readdir` pass; files are `stat`ed relative to the open folder (no path walk per file).
    public func list(_ folder: String) -> [ArchiveEntry] {
        guard let dir = opendir(absolute(folder)) else { return [] }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var out: [ArchiveEntry] = []
        while let raw = readdir(dir) {
            let name = withUnsafeBytes(of: raw.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var st = stat()
            guard fstatat(fd, name, &st, 0) == 0 else { continue }
            let nanos = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
            switch st.st_mode & S_IFMT {
            case S_IFDIR: out.append(ArchiveEntry(name: name, isFolder: true, version: "\(nanos):\(st.st_ino)"))
            case S_IFREG: out.append(ArchiveEntry(name: name, isFolder: false, version: "\(nanos):\(st.st_size)"))
            default: continue
            }
        }
        return out
    }

    public func read(_ path: String) -> [UInt8]? { FileSystem.read(absolute(path)) }
}
