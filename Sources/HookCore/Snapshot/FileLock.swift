import Glibc

/// An exclusive `flock` on a file in the state folder: released by the kernel even after `kill -9`,
/// so a crashed hook never leaves a stale lock behind.
package final class FileLock {
    private let fd: Int32

    /// Waits up to `timeout` seconds for the lock.
    package init(path: String, timeout: Double = 10) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, action: "open lock") }
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, waited < timeout else {
                close(fd)
                throw ArchiveError("another convo-hook run holds \(path) (waited \(Int(timeout)) s)")
            }
            usleep(20_000)
            waited += 0.02
        }
    }

    deinit { close(fd) }
}
