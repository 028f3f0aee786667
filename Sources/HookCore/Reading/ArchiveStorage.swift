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
    /// Changes whenever the content may have changed: a blob or tree id in git, `mtime:size` on disk.
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

    public func list(_ folder: String) -> [ArchiveEntry] {
        let dir = absolute(folder)
        return FileProbe.list(dir).compactMap { entry in
            switch entry.kind {
            case .directory:
                return ArchiveEntry(name: entry.name, isFolder: true, version: "")
            case .file:
                let info = FileProbe.info(dir + "/" + entry.name)
                return ArchiveEntry(name: entry.name, isFolder: false, version: info.map { "\($0.mtimeNanos):\($0.size)" } ?? "")
            case .other:
                return nil
            }
        }
    }

    public func read(_ path: String) -> [UInt8]? { FileSystem.read(absolute(path)) }
}
