import HookCore

/// An archive read from a git tree: HEAD's, any commit's, or `refs/convo/archive`'s. Versions are object
/// ids, so anything derived from a part (search text, session facts) is computed once per content.
///
/// Each folder is looked up once, from its parent's entries (libgit2 does not keep large trees parsed:
/// a path lookup from the root for each of thousands of sessions would inflate the source folder's tree
/// thousands of times).
final class GitTreeStorage: ArchiveStorage {
    let repository: Repository
    let tree: Tree?
    /// Folders already read: path → name → (is a folder, object id).
    private var folders: [String: [String: (isTree: Bool, id: OID)]] = [:]

    init(repository: Repository, tree: Tree?) {
        self.repository = repository
        self.tree = tree
    }

    /// The entries of the folder at `path`, nil when there is none.
    private func folder(_ path: String) -> [String: (isTree: Bool, id: OID)]? {
        if let known = folders[path] { return known }
        let subtree: Tree
        if path.isEmpty {
            guard let tree else { return nil }
            subtree = tree
        } else {
            let slash = path.lastIndex(of: "/")
            let parent = slash.map { String(path[..<$0]) } ?? ""
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            guard let entry = folder(parent)?[name], entry.isTree, let t = try? repository.tree(entry.id) else { return nil }
            subtree = t
        }
        var entries: [String: (isTree: Bool, id: OID)] = [:]
        for e in subtree.entries { entries[e.name] = (e.isTree, e.id) }
        folders[path] = entries
        return entries
    }

    func list(_ path: String) -> [ArchiveEntry] {
        guard let entries = folder(path) else { return [] }
        return entries.map { ArchiveEntry(name: $0.key, isFolder: $0.value.isTree, version: $0.value.id.description) }
    }

    func read(_ path: String) -> [UInt8]? {
        let slash = path.lastIndex(of: "/")
        let parent = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let entry = folder(parent)?[name], !entry.isTree else { return nil }
        return try? repository.blobContent(entry.id)
    }
}
