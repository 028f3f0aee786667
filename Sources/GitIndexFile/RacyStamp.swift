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

    /// Whether the file read (its inode and time) is still the repository's own index (`<gitDir>/index`)
    /// or the lock git renames onto it (`commit -a`): only then may its time date the stamp the shim
    /// compares `<gitDir>/index` with. A partial commit's `next-index-*.lock`, or a tool's own
    /// `GIT_INDEX_FILE`, says nothing of the real index, which may lack what it holds; and a file renamed
    /// into place since, written in the same clock tick, would carry the time the stamp is about to take.
    public static func isRepositoryIndex(inode: UInt, modified: timespec, gitDir: String) -> Bool {
        var own = stat()
        for name in ["/index", "/index.lock"] where stat(gitDir + name, &own) == 0 {
            if UInt(own.st_ino) == inode && own.st_mtim.tv_sec == modified.tv_sec && own.st_mtim.tv_nsec == modified.tv_nsec {
                return true
            }
        }
        return false
    }
}
