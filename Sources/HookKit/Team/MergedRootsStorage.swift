import HookCore

/// One archive out of several folders of one storage: the folders an earlier `convo.dir` filled are
/// read as if they were inside the current one (`roots[0]`), so a session that went on after the
/// change is one session, its parts from both folders read once each by line number.
struct MergedRootsStorage: ArchiveStorage {
    let base: any ArchiveStorage
    /// The current archive folder first, then the earlier ones.
    let roots: [String]

    func list(_ folder: String) -> [ArchiveEntry] {
        guard let rest = below(folder) else { return base.list(folder) }
        var merged: [String: ArchiveEntry] = [:]
        var order: [String] = []
        for root in roots {
            for entry in base.list(MergedRootsStorage.join(root, rest)) {
                if var known = merged[entry.name] {
                    // A folder in several roots changes whenever any of them does.
                    if known.isFolder, entry.isFolder { known.version += "+" + entry.version }
                    merged[entry.name] = known
                } else {
                    merged[entry.name] = entry
                    order.append(entry.name)
                }
            }
        }
        return order.compactMap { merged[$0] }
    }

    func read(_ path: String) -> [UInt8]? {
        guard let rest = below(path) else { return base.read(path) }
        for root in roots {
            if let bytes = base.read(MergedRootsStorage.join(root, rest)) { return bytes }
        }
        return nil
    }

    private func below(_ path: String) -> String? {
        if path == roots[0] { return "" }
        return path.hasPrefix(roots[0] + "/") ? String(path.dropFirst(roots[0].count + 1)) : nil
    }

    private static func join(_ a: String, _ b: String) -> String { b.isEmpty ? a : a + "/" + b }

    /// `storage` itself when there is one root.
    static func over(_ storage: any ArchiveStorage, roots: [String]) -> any ArchiveStorage {
        roots.count > 1 ? MergedRootsStorage(base: storage, roots: roots) : storage
    }
}

extension ArchivedSession {
    /// `<source>/<folder name>` of a repository-relative session folder, whichever archive folder holds it.
    static func path(ofFolder folder: String) -> String {
        folder.split(separator: "/").suffix(2).joined(separator: "/")
    }
}
