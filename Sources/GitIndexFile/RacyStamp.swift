import Glibc

extension GitIndexFile {
    /// The clock file times come from (a tick of a few milliseconds), read before a file is.
    public static func coarseNow() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        return now
    }

    /// The time to date a stamp with once a file modified at `modified` was checked, when the clock read
    /// `clockBeforeRead` before it was read. A file written in that same tick would carry the same time
    /// and look unchanged (git's racily clean entries), so until the clock has left that tick the stamp is
    /// a nanosecond earlier: the file stays newer than it and is checked again.
    public static func stampTime(modified: timespec, clockBeforeRead: timespec) -> timespec {
        if modified.tv_sec < clockBeforeRead.tv_sec || (modified.tv_sec == clockBeforeRead.tv_sec && modified.tv_nsec < clockBeforeRead.tv_nsec) {
            return modified
        }
        return modified.tv_nsec > 0
            ? timespec(tv_sec: modified.tv_sec, tv_nsec: modified.tv_nsec - 1)
            : timespec(tv_sec: modified.tv_sec - 1, tv_nsec: 999_999_999)
    }

    /// Whether `path` is the repository's own index (`<gitDir>/index`) or the lock git renames onto it
    /// (`commit -a`): only their times may date the stamp the shim compares `<gitDir>/index` with. A
    /// partial commit's `next-index-*.lock`, or a tool's own `GIT_INDEX_FILE`, says nothing of the real
    /// index, which may lack what it holds.
    public static func isRepositoryIndex(_ path: String, gitDir: String) -> Bool {
        var file = stat()
        var own = stat()
        guard stat(path, &file) == 0 else { return false }
        for name in ["/index", "/index.lock"] where stat(gitDir + name, &own) == 0 {
            if own.st_dev == file.st_dev && own.st_ino == file.st_ino { return true }
        }
        return false
    }

    /// Whether the file at `path` is still the one read: same inode and time. A file renamed into its place
    /// since, written in the same clock tick, would carry the time the stamp is about to take.
    public static func isStill(_ path: String, inode: UInt, modified: timespec) -> Bool {
        var now = stat()
        return stat(path, &now) == 0 && now.st_ino == inode && now.st_mtim.tv_sec == modified.tv_sec
            && now.st_mtim.tv_nsec == modified.tv_nsec
    }
}
