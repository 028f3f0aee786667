import HookCore

/// Read access to an archive, wherever it lives: the worktree folder (tree mode) or the tree of
/// `refs/convo/archive` (ref mode). Paths are repository-relative (`.claude/conversations/…`).
protocol ArchiveFiles {
    /// The names in a folder, with whether each is a folder itself; empty when there is no such folder.
    func list(_ folder: String) -> [(name: String, isFolder: Bool)]
    /// A file's bytes, nil when absent.
    func read(_ path: String) -> [UInt8]?
}

/// An archive in a folder on disk.
struct FolderFiles: ArchiveFiles {
    let root: String

    func list(_ folder: String) -> [(name: String, isFolder: Bool)] {
        FileSystem.list(root + "/" + folder).map { ($0, FileSystem.isDirectory(root + "/" + folder + "/" + $0)) }
    }

    func read(_ path: String) -> [UInt8]? { FileSystem.read(root + "/" + path) }
}

/// An archive in a git tree.
struct TreeFiles: ArchiveFiles {
    let repository: Repository
    let tree: Tree?

    func list(_ folder: String) -> [(name: String, isFolder: Bool)] {
        guard let tree, let entry = try? tree.entry(at: folder), let sub = try? repository.tree(entry.id) else { return [] }
        return sub.entries.map { ($0.name, $0.isTree) }
    }

    func read(_ path: String) -> [UInt8]? {
        guard let tree, let entry = try? tree.entry(at: path) else { return nil }
        return try? repository.blobContent(entry.id)
    }
}

extension Repository {
    /// Where the archive of this worktree can be read in the configured mode.
    func archiveFiles(_ settings: ArchiveSettings) throws -> any ArchiveFiles {
        switch settings.mode {
        case .tree:
            guard let workdir else { throw ArchiveError("a bare repository has no archive folder") }
            return FolderFiles(root: workdir)
        case .ref:
            let tip = try referenceTarget(ArchiveRefName.full)
            return TreeFiles(repository: self, tree: try tip.map { try commit($0).tree() })
        }
    }
}
