// The pre-commit shim's two questions that sh cannot answer cheaply. Exit 0 means "maybe changed: run
// the full hook", 1 means "unchanged"; any doubt answers "changed". Linked with -static-executable: no
// dynamic loader, ~1 ms to start.
//
// convo-hook-changed STAMP LIST [STATE]: is any path in LIST (NUL-separated, absolute) newer than STAMP? (A
// thousand `test -nt` in sh cost ~10 ms.) A missing path is not a change (its folder, watched too, is).
// With STATE (the hooks' state folder), an "unchanged" answer leaves a watcher behind (`Tripwire`).
//
// convo-hook-changed --index INDEX DIGEST STAMP: does INDEX hold other archive paths than DIGEST
// records? When it holds the same, STAMP gets INDEX's time, so the shim asks again only after the
// index changed.
import GitIndexFile
import Glibc

func isLater(_ a: timespec, than b: timespec) -> Bool {
    a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec)
}

/// Whether any path of a NUL-separated list is newer than `stamp`. Each path is stat'ed relative to an
/// open handle on its folder (a sorted list keeps a folder's files together, and the kernel then walks
/// one name, not the whole path), in place in the list's buffer: no copies, no allocation per path.
func anyNewer(in list: UnsafeMutableBufferPointer<CChar>, than stamp: timespec) -> Bool {
    guard let base = list.baseAddress else { return false }
    var folderStart = -1
    var folderLength = -1
    var folderFD: Int32 = -1
    defer { if folderFD >= 0 { close(folderFD) } }
    var start = 0
    var info = stat()
    while start < list.count {
        guard let end = memchr(base + start, 0, list.count - start).map({ base.distance(to: $0.assumingMemoryBound(to: CChar.self)) }) else { break }
        defer { start = end + 1 }
        guard end > start else { continue }
        var slash = end - 1
        while slash > start, base[slash] != CChar(UInt8(ascii: "/")) { slash -= 1 }
        let time: timespec?
        if slash > start {
            let length = slash - start
            if folderStart < 0 || length != folderLength || memcmp(base + start, base + folderStart, length) != 0 {
                if folderFD >= 0 { close(folderFD) }
                base[slash] = 0
                folderFD = open(base + start, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                base[slash] = CChar(UInt8(ascii: "/"))
                folderStart = start
                folderLength = length
            }
            time =
                folderFD >= 0
                ? (fstatat(folderFD, base + slash + 1, &info, 0) == 0 ? info.st_mtim : nil)
                : (stat(base + start, &info) == 0 ? info.st_mtim : nil)
        } else {
            time = stat(base + start, &info) == 0 ? info.st_mtim : nil
        }
        if let time, isLater(time, than: stamp) { return true }
    }
    return false
}

/// The index holds the archive paths the digest file records (`<archive folder>\n<digest>\n`): the stamp
/// then takes the index's time (a nanosecond less while the clock is still in the tick it was written in),
/// when that index is the repository's own (or its lock) and still in place.
func archivePathsUnchanged(index: String, digestFile: String, stamp: String) -> Bool {
    let before = GitIndexFile.coarseNow()
    guard let recorded = GitIndexFile.readFile(digestFile) else { return false }
    let lines = recorded.split(separator: UInt8(ascii: "\n"))
    guard lines.count == 2, let found = GitIndexFile.paths(under: Array(lines[0]) + [UInt8(ascii: "/")], inIndexAt: index),
        GitIndexFile.digest(found.paths).utf8.elementsEqual(lines[1])
    else { return false }
    // The stamp dates what the shim compares `<git dir>/index` with (the digest is `<git dir>/convo-hook/…`).
    var gitDir = Substring(digestFile)
    for _ in 0..<2 { gitDir = gitDir[..<(gitDir.lastIndex(of: "/") ?? gitDir.startIndex)] }
    guard GitIndexFile.isRepositoryIndex(inode: found.inode, modified: found.modified, gitDir: gitDir.isEmpty ? "." : String(gitDir))
    else { return true }
    let time = GitIndexFile.stampTime(modified: found.modified, clockBeforeRead: before)
    var times = [time, time]
    return utimensat(AT_FDCWD, stamp, &times, 0) == 0
}

let arguments = CommandLine.arguments
if arguments.count == 5, arguments[1] == "--index" {
    exit(archivePathsUnchanged(index: arguments[2], digestFile: arguments[3], stamp: arguments[4]) ? 1 : 0)
}
var stampInfo = stat()
guard arguments.count == 3 || arguments.count == 4, stat(arguments[1], &stampInfo) == 0 else { exit(0) }
let stamp = stampInfo.st_mtim
let fd = open(arguments[2], O_RDONLY | O_CLOEXEC)
guard fd >= 0 else { exit(0) }
var listInfo = stat()
guard fstat(fd, &listInfo) == 0 else { exit(0) }
// One read into a buffer of the file's size (plus a final NUL in case the last path lacks one).
let size = Int(listInfo.st_size)
let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: size + 1)
var filled = 0
while filled < size {
    let n = read(fd, buffer.baseAddress! + filled, size - filled)
    if n < 0 && errno == EINTR { continue }
    guard n > 0 else { break }
    filled += n
}
close(fd)
buffer[filled] = 0
let list = UnsafeMutableBufferPointer(rebasing: buffer[0...filled])
if anyNewer(in: list, than: stamp) { exit(0) }
if arguments.count == 4 {
    Tripwire.arm(list: list, stampPath: arguments[1], stamp: stampInfo, listPath: arguments[2], listInfo: listInfo, stateDir: arguments[3])
}
exit(1)
