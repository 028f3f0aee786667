import CFileSystemKind
import Glibc

/// What an "unchanged" answer leaves behind: a process holding inotify watches on the listed paths, which
/// writes `watching` (`<pid> <name>`) into the state folder and removes it at the first change. Its name
/// (`/proc/<pid>/comm`) is random, so a pid the system reuses names another process. While the process of
/// that pid has that name and sleeps in `poll` (a write wakes it before the write returns), the shim trusts
/// the list unchanged without a single `stat`. Any doubt leaves no file: a path on a file system another
/// machine can change (NFS, FUSE, 9p), a watch the kernel refuses, a path that changed before the watches
/// were in place; and `-` where none ever can (see `refuse`). It holds nothing open in the repository (an
/// unmount is not blocked; inotify lets go).
///
/// It ends at the first change of a watched path, when `watching` is removed or replaced (a full run wrote a
/// new list), when the state folder goes, and two hours after it started (each watcher holds one of the
/// user's inotify instances, 128 by default). Writes through `mmap` change a file's time without an inotify
/// event; no assistant writes its transcripts that way.
enum Tripwire {
    static let fileName = "watching"
    static let lifetimeMilliseconds: Int32 = 2 * 3600 * 1000

    /// Watched folders: a change of any entry, or of the folder itself.
    static let folderEvents = UInt32(IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
    /// Watched files whose folder is not watched: a write, a new time or link count (a rename over it), removal.
    static let fileEvents = UInt32(IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
    /// Folders on the way to a path: the next name created, removed or renamed (a moved or re-pointed
    /// `~/.claude`, a missing folder that appears).
    static let entryEvents = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
    /// The state folder: `watching` removed, renamed away or replaced (by a newer watcher), the folder itself gone.
    static let stateEvents = UInt32(IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// What a full run rewrites (atomically: a new inode): a watcher armed over the old list must not stay.
    struct FileIdentity: Equatable {
        var inode: UInt
        var seconds: Int
        var nanoseconds: Int

        init(_ info: stat) {
            inode = UInt(info.st_ino)
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }
    }

    /// Starts the watcher for the NUL-separated `list` (read from `listPath`, which the caller found unchanged
    /// since the stamp at `stampPath`) and returns at once.
    static func arm(
        list: UnsafeMutableBufferPointer<CChar>, stampPath: String, stamp: stat, listPath: String, listInfo: stat, stateDir: String
    ) {
        guard fork() == 0 else { return }
        detach()
        // Compared as bytes below (two spellings of "é" are two folders); a path that is not UTF-8 is not watched.
        let paths = list.split(separator: 0).map { String(validating: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        guard let state = absolute(stateDir), let stampFile = absolute(stampPath), let listFile = absolute(listPath), chdir("/") == 0 else { _exit(0) }
        guard paths.allSatisfy({ $0 != nil }) else {
            refuse(state + "/" + fileName)
            _exit(0)
        }
        // Armed for this list and stamp only: a full run that replaced them meanwhile has removed `watching`
        // (and this watcher's file must not come back after that).
        let recorded = [FileIdentity(stamp), FileIdentity(listInfo)]
        let current = { [FileIdentity(path: stampFile), FileIdentity(path: listFile)] == recorded.map { Optional($0) } }
        watch(paths: paths.compactMap { $0 }, stamp: stamp.st_mtim, file: state + "/" + fileName, stillCurrent: current)
        _exit(0)
    }

    private static func absolute(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Out of git's way: its own session, no terminal, none of the hook's descriptors (git, or a test, may
    /// wait for the end of a pipe the hook holds).
    private static func detach() {
        _ = setsid()
        let null = open("/dev/null", O_RDWR)
        if null >= 0 {
            for fd: Int32 in 0...2 { _ = dup2(null, fd) }
        }
        for fd: Int32 in 3..<1024 { _ = close(fd) }
    }

    private static func watch(paths: [String], stamp: timespec, file: String, stillCurrent: () -> Bool) {
        func giveUp() { refuse(file, stillCurrent: stillCurrent) }
        let inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { return giveUp() }
        let stateWatch = inotify_add_watch(inotify, parent(of: file), stateEvents)
        guard stateWatch >= 0 else { return giveUp() }
        // Per watch: which of its events count.
        var interests: [Int32: Interest] = [:]
        let planned = targets(of: paths)
        for target in planned {
            // A folder only above the paths (a root-owned /home with mode 711, a FUSE root in a rootless
            // container) is watched where it can be: its renames are a rare extra.
            switch convo_is_remote_file_system(target.path) {
            case 0: break
            case 1: if target.essential { return giveUp() } else { continue }
            default: return  // gone meanwhile: the next commit sees it
            }
            // Two paths may name one folder (a symbolic link): the masks add up.
            let watch = inotify_add_watch(inotify, target.path, target.events | UInt32(IN_MASK_ADD))
            if watch < 0 && (errno == ENOENT || errno == ENOTDIR) { return }
            if watch < 0 && !target.essential && errno == EACCES { continue }
            guard watch >= 0, watch != stateWatch else { return giveUp() }
            interests[watch] = interests[watch].map { $0.joined(with: target.interest) } ?? target.interest
        }
        // A change between the caller's check and the watches: this pass sees it; a later one, the watches.
        guard !paths.contains(where: { isNewer(path: $0, than: stamp) }), !hasEvents(inotify) else { return }
        // A folder on the way to a missing path that appeared while the watches went in: watched too high.
        guard Set(targets(of: paths).map { Array($0.path.utf8) }) == Set(planned.map { Array($0.path.utf8) }) else { return }
        let name = "convo-" + String(UInt64.random(in: 0..<(1 << 36)), radix: 16)
        let me = getpid()
        let record = "\(me) \(name)\n"
        let temporary = "\(file).\(me)"
        guard write(name, to: "/proc/self/comm"), write(record, to: temporary), rename(temporary, file) == 0 else {
            _ = unlink(temporary)
            return
        }
        guard stillCurrent() else {
            if holds(record, file: file) { _ = unlink(file) }
            return
        }
        waitForChange(inotify, stateWatch: stateWatch, interests: interests) { holds(record, file: file) }
        if holds(record, file: file) { _ = unlink(file) }
    }

    /// These paths cannot be watched (a remote file system, the user's inotify limits): `-` tells the shim
    /// to stop asking until a full run writes a new list (not for a list a full run has replaced already).
    private static func refuse(_ file: String, stillCurrent: () -> Bool = { true }) {
        let temporary = file + ".\(getpid())"
        guard stillCurrent(), write("-\n", to: temporary), rename(temporary, file) == 0 else {
            _ = unlink(temporary)
            return
        }
        if !stillCurrent() { _ = unlink(file) }
    }

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
        var events: UInt32
        var interest: Interest
        /// False for a folder watched only because it is above the paths (for renames on the way).
        var essential: Bool
    }

    /// What to watch for each path: a listed folder itself; a file through its folder when that is listed,
    /// else itself (and itself too when it is a symbolic link or has other links: its writes happen
    /// elsewhere); a missing path through the closest folder that exists, for the one entry on the way to
    /// it (its creation makes the path appear, newer than the stamp); and every folder above, for the next
    /// name on the way (moved, removed or replaced, the path leads elsewhere).
    private static func targets(of paths: [String]) -> [Target] {
        var info = stat()
        var folders = Set<[UInt8]>()
        for path in paths where stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { folders.insert(Array(path.utf8)) }
        var targets: [[UInt8]: Target] = [:]
        func add(_ path: String, _ events: UInt32, _ interest: Interest, essential: Bool = true) {
            let key = Array(path.utf8)
            if let known = targets[key] {
                targets[key] = Target(
                    path: path, events: known.events | events, interest: known.interest.joined(with: interest),
                    essential: known.essential || essential)
            } else {
                targets[key] = Target(path: path, events: events, interest: interest, essential: essential)
            }
        }
        /// The folders above `top`, each for the next name on the way.
        func addFolders(above top: String, essential: Bool) {
            var top = top
            var first = essential
            while top != "/" {
                let above = parent(of: top)
                add(above, entryEvents, .entries([name(of: top, in: above)]), essential: first)
                first = false
                top = above
            }
        }
        for path in paths {
            let folder = parent(of: path)
            var top = path
            if folders.contains(Array(path.utf8)) {
                add(path, folderEvents, .folder(listed: []))
            } else if folders.contains(Array(folder.utf8)) {
                add(folder, folderEvents, .folder(listed: [name(of: path, in: folder)]))
                if lstat(path, &info) == 0 && ((info.st_mode & S_IFMT) == S_IFLNK || info.st_nlink > 1) {
                    add(path, fileEvents, .everything)
                }
            } else if stat(path, &info) == 0 {
                add(path, fileEvents, .everything)
            } else {
                while parent(of: top) != "/" && stat(parent(of: top), &info) != 0 { top = parent(of: top) }
            }
            let missing = top != path || stat(path, &info) != 0
            // For a missing path, its closest existing folder is what sees it appear. Not above a file in
            // a git folder (the repository's config, watched itself): git writes there in every commit.
            guard missing || !path.contains("/.git/") else { continue }
            addFolders(above: top, essential: missing)
            // Through a symbolic link (a ~/.claude kept in a dotfiles folder) the folders that hold the
            // files are others: their renames count too.
            let existing = missing ? parent(of: top) : path
            if let real = absolute(existing), real != existing { addFolders(above: real, essential: false) }
        }
        return Array(targets.values)
    }

    private static func name(of path: String, in folder: String) -> [UInt8] {
        Array(path.utf8.dropFirst(folder == "/" ? 1 : folder.utf8.count + 1))
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func isNewer(path: String, than stamp: timespec) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return isLater(info.st_mtim, than: stamp)
    }

    private static func hasEvents(_ inotify: Int32) -> Bool {
        var ready = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) != 0
    }

    /// Returns at the first change of a watched path, when `watching` or the state folder goes, or when
    /// the lifetime ends.
    private static func waitForChange(
        _ inotify: Int32, stateWatch: Int32, interests: [Int32: Interest], isOwn: () -> Bool
    ) {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        let header = MemoryLayout<inotify_event>.size
        let gone = UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_Q_OVERFLOW)
        // Events that do not count must not extend its life.
        let deadline = monotonicMilliseconds() + Int(lifetimeMilliseconds)
        while true {
            let left = deadline - monotonicMilliseconds()
            guard left > 0 else { return }
            var ready = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, Int32(left))
            if polled < 0 && errno == EINTR { continue }
            guard polled > 0 else { return }
            let count = read(inotify, buffer, capacity)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            var offset = 0
            while offset + header <= count {
                let event = buffer.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                // The name is NUL-padded to `len`.
                let bytes = UnsafeRawBufferPointer(start: buffer.advanced(by: offset + header), count: Int(event.len))
                let name = Array(bytes.prefix { $0 != 0 })
                offset += header + Int(event.len)
                if event.mask & gone != 0 { return }
                if event.wd == stateWatch {
                    // Its own rename put the file in place; another one replaced it.
                    if name.elementsEqual(fileName.utf8) && (event.mask & UInt32(IN_MOVED_TO) == 0 || !isOwn()) { return }
                } else if interests[event.wd]?.counts(mask: event.mask, name: name) ?? true {
                    return
                }
            }
        }
    }

    private static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }

    private static func write(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    /// `watching` still names this process (a newer watcher may have replaced it).
    private static func holds(_ record: String, file: String) -> Bool {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return count > 0 && bytes[..<count].elementsEqual(record.utf8)
    }
}
