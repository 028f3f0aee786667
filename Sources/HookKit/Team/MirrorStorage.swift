import HookCore

/// `--dir` given one repository's folder of a `sync --to DIR` mirror (`DIR/<repo>`, which holds
/// `.claude/conversations/…` itself) rather than `DIR`: the folder is shown as the one repository
/// folder of a mirror, so sessions are named with their repository as when reading `DIR`.
struct SingleRepositoryMirror: ArchiveStorage {
    let base: FolderStorage
    /// The folder's own name, e.g. `my-project`.
    let name: String

    /// True when `root` holds an archive at its top (a hidden folder, as `.claude/conversations` is),
    /// not repository folders.
    static func looksLikeOneRepository(_ root: String) -> Bool {
        FileSystem.list(root).contains { $0.hasPrefix(".") && $0 != ".git" && FileSystem.isDirectory(root + "/" + $0) }
    }

    func list(_ folder: String) -> [ArchiveEntry] {
        if folder.isEmpty { return [ArchiveEntry(name: name, isFolder: true, version: "")] }
        guard let inner = strip(folder) else { return [] }
        return base.list(inner)
    }

    func read(_ path: String) -> [UInt8]? { strip(path).flatMap(base.read) }

    private func strip(_ path: String) -> String? {
        if path == name { return "" }
        return path.hasPrefix(name + "/") ? String(path.dropFirst(name.count + 1)) : nil
    }
}
