import Glibc

/// What the watcher (`Tripwire`) watches for a list of paths, and which of each watch's events count.
enum WatchPlan {
    /// Watched folders: a change of any entry, or of the folder itself.
    static let folderEvents = UInt32(IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
    /// Watched files whose folder is not watched: a write, a new time or link count (a rename over it), removal.
    static let fileEvents = UInt32(IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
    /// Folders on the way to a path: the next name created, removed or renamed (a moved or re-pointed
    /// `~/.claude`, a missing folder that appears).
    static let entryEvents = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Which events of a watch change what the stat loop compares.
    enum Interest {
        /// A watched file: every event.
        case everything
        /// A listed folder: a new, removed or renamed entry, its own time, and the writes to these entries
        /// (the listed files in it; another tool's file beside them is not watched).
        case folder(listed: Set<[UInt8]>)
        /// The closest existing folder of missing paths: these entries appearing (or anything under their names).
        case entries(Set<[UInt8]>)

        func joined(with other: Interest) -> Interest {
            switch (self, other) {
            case (.everything, _), (_, .everything): return .everything
            case (.folder(let a), .folder(let b)), (.folder(let a), .entries(let b)), (.entries(let b), .folder(let a)):
                return .folder(listed: a.union(b))
            case (.entries(let a), .entries(let b)): return .entries(a.union(b))
            }
        }

        /// Whether an event (`name` empty: the watched path itself) may have changed a listed path.
        func counts(mask: UInt32, name: [UInt8]) -> Bool {
            switch self {
            case .everything: return true
            case .entries(let names): return names.contains(name)
            case .folder(let listed):
                let entryChanged = mask & UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) != 0
                return name.isEmpty || entryChanged || listed.contains(name)
            }
        }
    }

    struct Target {
        var path: String
        var interest: Interest
        /// False for a folder watched only because it is above the paths (for renames on the way).
        var essential: Bool

        var events: UInt32 {
            switch interest {
            case .everything: return fileEvents
            case .folder: return folderEvents
            case .entries: return entryEvents
            }
        }
    }

    /// What to watch for each path: a listed folder itself; a file through its folder when that is listed,
    /// else itself (and itself too when it is a symbolic link or has other links: its writes happen
    /// elsewhere); a missing path through the closest folder that exists, for the one entry on the way to
    /// it (its creation makes the path appear, newer than the stamp); and every folder above, for the next
    /// name on the way (moved, removed or replaced, the path leads elsewhere).
    static func targets(of paths: [String]) -> [Target] {
        var info = stat()
        // One look per path: whether it exists, which are folders, which are links (symbolic, or a file
        // with other names).
        var existing = Set<[UInt8]>()
        var folders = Set<[UInt8]>()
        var linked = Set<[UInt8]>()
        for path in paths where lstat(path, &info) == 0 {
            let key = Array(path.utf8)
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard stat(path, &info) == 0 else { continue }
                linked.insert(key)
            } else if (info.st_mode & S_IFMT) != S_IFDIR && info.st_nlink > 1 {
                linked.insert(key)
            }
            existing.insert(key)
            if (info.st_mode & S_IFMT) == S_IFDIR { folders.insert(key) }
        }
        var targets: [[UInt8]: Target] = [:]
        func add(_ path: String, _ interest: Interest, essential: Bool = true) {
            let key = Array(path.utf8)
            if let known = targets[key] {
                targets[key] = Target(path: path, interest: known.interest.joined(with: interest), essential: known.essential || essential)
            } else {
                targets[key] = Target(path: path, interest: interest, essential: essential)
            }
        }
        // The folders above `top`, each for the next name on the way; above a folder walked before, the
        // walk is the same.
        var walked = Set<[UInt8]>()
        func addFolders(above top: String, essential: Bool) {
            var top = top
            var first = essential
            while top != "/" {
                let above = parent(of: top)
                add(above, .entries([name(of: top, in: above)]), essential: first)
                first = false
                guard walked.insert(Array(above.utf8)).inserted else { return }
                top = above
            }
        }
        var realFolders: [String: String?] = [:]
        func real(_ folder: String) -> String? {
            if let known = realFolders[folder] { return known }
            let resolved = absolute(folder)
            realFolders[folder] = resolved
            return resolved
        }
        for path in paths {
            let key = Array(path.utf8)
            let folder = parent(of: path)
            var top = path
            if folders.contains(key) {
                add(path, .folder(listed: []))
            } else if folders.contains(Array(folder.utf8)) {
                add(folder, .folder(listed: [name(of: path, in: folder)]))
                if linked.contains(key) { add(path, .everything) }
            } else if existing.contains(key) {
                add(path, .everything)
            } else {
                while parent(of: top) != "/" && stat(parent(of: top), &info) != 0 { top = parent(of: top) }
            }
            let missing = !existing.contains(key)
            // For a missing path, its closest existing folder is what sees it appear. Not above a file in
            // a git folder (the repository's config, watched itself): git writes there in every commit.
            guard missing || !path.contains("/.git/") else { continue }
            addFolders(above: top, essential: missing)
            // Through a symbolic link (a ~/.claude kept in a dotfiles folder) the folders that hold the
            // files are others: their renames count too. A plain file is where its folder really is.
            let shown = missing ? parent(of: top) : path
            let resolved: String?
            if missing || linked.contains(key) || folders.contains(key) {
                resolved = real(shown)
            } else {
                resolved = real(folder).map { ($0 == "/" ? "" : $0) + "/" + String(decoding: name(of: path, in: folder), as: UTF8.self) }
            }
            if let resolved, resolved != shown { addFolders(above: resolved, essential: false) }
        }
        return Array(targets.values)
    }

    private static func name(of path: String, in folder: String) -> [UInt8] {
        Array(path.utf8.dropFirst(folder == "/" ? 1 : folder.utf8.count + 1))
    }

    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func absolute(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
