// convo-hook-changed STAMP LIST: exit 0 when any path in LIST (NUL-separated) is newer than STAMP,
// 1 when none is. The pre-commit shim runs it for long watch lists: a thousand `test -nt` in sh cost
// ~10 ms, a thousand stat calls here well under one. Any doubt (unreadable input) answers "changed".
import Glibc

func modified(_ path: UnsafePointer<CChar>) -> timespec? {
    var info = stat()
    return stat(path, &info) == 0 ? info.st_mtim : nil
}

func isNewer(_ a: timespec, than b: timespec) -> Bool {
    a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let stamp = modified(arguments[1]) else { exit(0) }
let fd = open(arguments[2], O_RDONLY | O_CLOEXEC)
guard fd >= 0 else { exit(0) }
var list: [CChar] = []
var buffer = [CChar](repeating: 0, count: 1 << 16)
while true {
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    guard n > 0 else { break }
    list += buffer[0..<n]
}
close(fd)
if list.last != 0 { list.append(0) }
let changed = list.withUnsafeBufferPointer { all -> Bool in
    var start = 0
    for i in all.indices where all[i] == 0 {
        if i > start, let time = modified(all.baseAddress! + start), isNewer(time, than: stamp) { return true }
        start = i + 1
    }
    return false
}
exit(changed ? 0 : 1)
