import Glibc

/// Reads the complete lines (ending in `\n`) of a file region, in bounded chunks.
package enum LineChunks {
    package static let chunkSize = 1 << 20

    /// Calls `body` with each complete line (without its `\n`) from `start` up to `end` (nil = end of file),
    /// then returns the offset just past the last complete line. A trailing partial line is left for later.
    package static func read(path: String, from start: UInt64, to end: UInt64?, _ body: (ArraySlice<UInt8>) throws -> Void) throws -> UInt64 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, action: "open") }
        defer { close(fd) }
        var consumed = start
        var position = start
        var pending: [UInt8] = []
        // Sized to the region and left uninitialized: zeroing a 1 MiB buffer cost more than reading
        // the 100 KB a commit typically brings.
        let size = max(1, end.map { Int(min(UInt64(chunkSize), $0 > start ? $0 - start : 0)) } ?? chunkSize)
        var chunk = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
        while true {
            var want = size
            if let end {
                guard position < end else { break }
                want = Int(min(UInt64(size), end - position))
            }
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(position)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, action: "read")
            }
            if n == 0 { break }
            position += UInt64(n)
            var lineStart = 0
            for i in 0..<n where chunk[i] == UInt8(ascii: "\n") {
                if pending.isEmpty {
                    try body(chunk[lineStart..<i])
                } else {
                    pending += chunk[lineStart..<i]
                    try body(pending[...])
                    pending.removeAll(keepingCapacity: false)
                }
                lineStart = i + 1
                consumed = position - UInt64(n) + UInt64(i) + 1
            }
            if lineStart < n { pending += chunk[lineStart..<n] }
        }
        return consumed
    }

    /// Up to `count` bytes ending at `offset` (fewer near the start of the file); nil when unreadable.
    package static func bytes(path: String, endingAt offset: UInt64, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let start = offset > UInt64(count) ? offset - UInt64(count) : 0
        var buffer = [UInt8](repeating: 0, count: Int(offset - start))
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
        return n == buffer.count ? buffer : nil
    }

    /// The file's size, nil when it does not exist.
    package static func size(_ path: String) -> UInt64? {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_size) : nil
    }
}
