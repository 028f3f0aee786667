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
}
