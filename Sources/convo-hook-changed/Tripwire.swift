import CEpoll
import CFileSystemKind
import GitIndexFile
import Glibc

/// What an "unchanged" answer leaves behind: a process holding inotify watches on the listed paths, which
/// writes `watching` (`<pid> <name>`) into the state folder and removes it at the first change. Its name
/// (`/proc/<pid>/comm`) is random, so a pid the system reuses names another process. While the process of
/// that pid has that name and sleeps in `epoll_wait` (a write wakes it before the write returns), the shim trusts
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
        guard let state = WatchPlan.absolute(stateDir), let stampFile = WatchPlan.absolute(stampPath), let listFile = WatchPlan.absolute(listPath),
            chdir("/") == 0
        else { _exit(0) }
        guard paths.allSatisfy({ $0 != nil }) else {
            refuse(state + "/" + fileName)
            _exit(0)
        }
        // Armed for this list and stamp only: a full run that replaced them meanwhile has removed `watching`
        // (and this watcher's file must not come back after that).
        let recorded = [FileIdentity(stamp), FileIdentity(listInfo)]
        let current = { [FileIdentity(path: stampFile), FileIdentity(path: listFile)] == recorded.map { Optional($0) } }
        watch(paths: paths.compactMap { $0 }, list: list, stamp: stamp.st_mtim, state: state, stillCurrent: current)
        _exit(0)
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

    private static func watch(
        paths: [String], list: UnsafeMutableBufferPointer<CChar>, stamp: timespec, state: String, stillCurrent: () -> Bool
    ) {
        let file = state + "/" + fileName
        func giveUp() { refuse(file, stillCurrent: stillCurrent) }
        let inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { return giveUp() }
        // It sleeps in epoll_wait rather than poll: the shim reads `/proc/<pid>/wchan` one byte per system
        // call, and "do_epoll_wait" is 13 bytes where poll's is 33. Made before `watching` names this
        // process: a sleep while adding it would read as "poll" too.
        let epoll = convo_epoll_for(inotify)
        guard epoll >= 0 else { return }
        defer { close(epoll) }
        let stateWatch = inotify_add_watch(inotify, state, stateEvents)
        guard stateWatch >= 0 else { return giveUp() }
        // Per watch: which of its events count.
        var interests: [Int32: WatchPlan.Interest] = [:]
        let planned = WatchPlan.targets(of: paths)
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
        guard !anyNewer(in: list, than: stamp), !hasEvents(inotify) else { return }
        // A folder on the way to a missing path that appeared while the watches went in: watched too high.
        guard Set(WatchPlan.targets(of: paths).map { Array($0.path.utf8) }) == Set(planned.map { Array($0.path.utf8) }) else { return }
        let name = "convo-" + String(UInt64.random(in: 0..<(1 << 36)), radix: 16)
        let me = getpid()
        let record = "\(me) \(name)\n"
        guard write(name, to: "/proc/self/comm"), place(record, at: file) else { return }
        guard stillCurrent() else {
            if holds(record, file: file) { _ = unlink(file) }
            return
        }
        waitForChange(inotify, epoll: epoll, stateWatch: stateWatch, interests: interests) { holds(record, file: file) }
        if holds(record, file: file) { _ = unlink(file) }
    }

    /// These paths cannot be watched (a remote file system, the user's inotify limits): `-` tells the shim
    /// to stop asking until a full run writes a new list (not for a list a full run has replaced already).
    private static func refuse(_ file: String, stillCurrent: () -> Bool = { true }) {
        guard stillCurrent(), place("-\n", at: file) else { return }
        if !stillCurrent() { _ = unlink(file) }
    }

    /// Writes `text` beside `file` and renames it into place: the shim never reads half a record.
    private static func place(_ text: String, at file: String) -> Bool {
        let temporary = "\(file).\(getpid())"
        guard write(text, to: temporary), rename(temporary, file) == 0 else {
            _ = unlink(temporary)
            return false
        }
        return true
    }

    private static func hasEvents(_ inotify: Int32) -> Bool {
        var ready = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
        return poll(&ready, 1, 0) != 0
    }

    /// Returns at the first change of a watched path, when `watching` or the state folder goes, or when
    /// the lifetime ends.
    private static func waitForChange(
        _ inotify: Int32, epoll: Int32, stateWatch: Int32, interests: [Int32: WatchPlan.Interest], isOwn: () -> Bool
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
            let polled = convo_epoll_wait(epoll, Int32(left))
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
        GitIndexFile.readFile(file)?.elementsEqual(record.utf8) ?? false
    }
}
