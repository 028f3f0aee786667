import HookCore

/// Every folder of a repository that holds archived sessions: `convo.dir` first, then the folders an
/// earlier `convo.dir` filled. Changing `convo.dir` thus keeps one archive: readers read the old
/// folder too, and a session continued after the change is one session across both folders.
enum ArchiveRoots {
    /// Tree mode: `configured`, then the roots of the tracked archive files (git's index), then the
    /// default folder when it exists in the worktree (captured lines not committed yet).
    static func tracked(by repository: Repository, configured: String) -> [String] {
        var found: [String] = []
        if let index = try? repository.index() {
            var last: [UInt8] = []
            index.forEachPath { path in
                if !last.isEmpty, path.starts(with: last) { return }
                guard ArchiveRoots.mayHoldSession(path), let root = root(of: String(decoding: path, as: UTF8.self)) else { return }
                last = Array(root.utf8) + [UInt8(ascii: "/")]
                if !found.contains(root) { found.append(root) }
            }
        }
        if let workdir = repository.workdir, FileSystem.isDirectory(workdir + "/" + ArchiveSettings.defaultDirectory) {
            found.append(ArchiveSettings.defaultDirectory)
        }
        return ordered(found, configured: configured)
    }

    /// Ref mode: the roots found in the archive ref's tree (which holds nothing but the archive), at
    /// most `depth` folders down.
    static func inTree(_ tree: Tree, repository: Repository, configured: String, depth: Int = 6) throws -> [String] {
        var found: [String] = []
        try collect(tree, path: "", depth: depth, repository: repository, into: &found)
        return ordered(found, configured: configured)
    }

    private static func collect(_ tree: Tree, path: String, depth: Int, repository: Repository, into found: inout [String]) throws {
        guard depth > 0 else { return }
        for folder in tree.modeEntries where folder.isTree {
            let sub = try repository.tree(folder.id)
            // `<root>/<source>/<stamp>-<id>`: a folder whose sub-folders hold stamped session folders is a root.
            let isRoot = !path.isEmpty && sub.modeEntries.contains { $0.isTree && ArchivedSession.hasStamp($0.name) }
            if isRoot {
                found.append(path)
            } else {
                try collect(sub, path: path.isEmpty ? folder.name : path + "/" + folder.name, depth: depth - 1, repository: repository, into: &found)
            }
        }
    }

    /// True when a path has a component starting `YYYYMMDD-HHMMSS-` (checked on the bytes, so the
    /// index's other paths cost no allocation).
    static func mayHoldSession(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 17 <= path.count {
            if i == 0 || path[i - 1] == UInt8(ascii: "/"), path[i + 8] == UInt8(ascii: "-"), path[i + 15] == UInt8(ascii: "-"),
                (i..<(i + 15)).allSatisfy({ $0 == i + 8 || (path[$0] >= 48 && path[$0] <= 57) })
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// `<root>/<source>/<YYYYMMDD-HHMMSS>-<id>/…/<file>` → `<root>`; nil for any other path.
    static func root(of path: String) -> String? {
        let components = path.split(separator: "/")
        guard components.count >= 4 else { return nil }
        for k in 2..<(components.count - 1) where ArchivedSession.hasStamp(String(components[k])) {
            return components[0..<(k - 1)].joined(separator: "/")
        }
        return nil
    }

    private static func ordered(_ found: [String], configured: String) -> [String] {
        var roots = [configured]
        for root in found where !roots.contains(root) && (try? ArchiveLayout(root: root)) != nil { roots.append(root) }
        return roots
    }
}
