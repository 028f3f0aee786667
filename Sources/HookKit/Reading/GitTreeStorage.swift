import HookCore

/// An archive read from a git tree: HEAD's, any commit's, or `refs/convo/archive`'s. Versions are object
/// ids, so anything derived from a part (search text, session facts) is computed once per content.
final class GitTreeStorage: ArchiveStorage {
    let repository: Repository
    let tree: Tree?
    /// Folders already looked up, by path.
    private var folders: [String: Tree] = [:]

    init(repository: Repository, tree: Tree?) {
        self.repository = repository
        self.tree = tree
    }

    private func folder(_ path: String) -> Tree? {
        guard let tree else { return nil }
        if path.isEmpty { return tree }
        if let known = folders[path] { return known }
        guard let entry = try? tree.entry(at: path), let sub = try? repository.tree(entry.id) else { return nil }
        folders[path] = sub
        return sub
    }

    func list(_ path: String) -> [ArchiveEntry] {
        guard let folder = folder(path) else { return [] }
        return folder.entries.map { ArchiveEntry(name: $0.name, isFolder: $0.isTree, version: $0.id.description) }
    }

    func read(_ path: String) -> [UInt8]? {
        guard let tree, let entry = try? tree.entry(at: path) else { return nil }
        return try? repository.blobContent(entry.id)
    }
}
