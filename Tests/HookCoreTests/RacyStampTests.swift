import GitIndexFile
import Glibc
import Testing

/// A stamp dated to a checked file's time must leave a later write in the same clock tick newer than it.
@Suite struct RacyStampTests {
    private func time(_ seconds: Int, _ nanoseconds: Int) -> timespec { timespec(tv_sec: seconds, tv_nsec: nanoseconds) }

    @Test func aFileFromAnEarlierTickKeepsItsTime() {
        let stamp = GitIndexFile.stampTime(modified: time(100, 500), clockBeforeRead: time(100, 4_000_500))
        #expect(stamp.tv_sec == 100 && stamp.tv_nsec == 500)
    }

    @Test(arguments: [(100, 4_000_000), (100, 6_000_000), (101, 0)])
    func aFileFromTheClocksTickOrLaterIsStampedJustBeforeIt(_ modified: (Int, Int)) {
        let stamp = GitIndexFile.stampTime(modified: time(modified.0, modified.1), clockBeforeRead: time(100, 4_000_000))
        let expected = modified.1 > 0 ? time(modified.0, modified.1 - 1) : time(modified.0 - 1, 999_999_999)
        #expect(stamp.tv_sec == expected.tv_sec && stamp.tv_nsec == expected.tv_nsec)
    }

    /// The file system dates writes from this clock or a finer one: a file written after reading it is
    /// never older than it.
    @Test func theCoarseClockIsNotAheadOfAWrite() throws {
        let before = GitIndexFile.coarseNow()
        let path = "/tmp/racy-stamp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        _ = write(fd, "x", 1)
        var info = stat()
        fstat(fd, &info)
        close(fd)
        unlink(path)
        let written = info.st_mtim
        #expect(written.tv_sec > before.tv_sec || (written.tv_sec == before.tv_sec && written.tv_nsec >= before.tv_nsec))
    }
}
