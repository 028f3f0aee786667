#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin Glibc wrappers for the few file-system questions the sources ask (no Foundation).
package enum FileProbe {
    package enum Kind: Sendable { case file, directory, other }

    package struct Entry: Sendable {
        package var name: String
        package var kind: Kind
    }

    package struct Info: Sendable {
        package var kind: Kind
        package var size: UInt64
        package var mtimeNanos: Int64
    }

    /// The entries of `dir` (without `.` and `..`), symlinks resolved; empty when unreadable.
    package static func list(_ dir: String) -> [Entry] {
        guard let handle = opendir(dir) else { return [] }
        defer { closedir(handle) }
        var result: [Entry] = []
        while let raw = readdir(handle) {
            let name = withUnsafePointer(to: &raw.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let kind: Kind
            switch Int32(raw.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK), Int32(DT_UNKNOWN):
                kind = info(SourceContext.joined(dir, name))?.kind ?? .other
            default: kind = .other
            }
            result.append(Entry(name: name, kind: kind))
        }
        return result
    }

    /// `stat` (following symlinks), or nil when the path doesn't exist.
    package static func info(_ path: String) -> Info? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let mode = st.st_mode & S_IFMT
        let kind: Kind = mode == S_IFREG ? .file : (mode == S_IFDIR ? .directory : .other)
        let nanos = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        return Info(kind: kind, size: UInt64(max(0, st.st_size)), mtimeNanos: nanos)
    }

    /// `lstat` kind: whether `path` itself is a symbolic link.
    package static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        return (st.st_mode & S_IFMT) == S_IFLNK
    }

    package static func exists(_ path: String) -> Bool { info(path) != nil }
}

/// Reads at most a few bytes of a file: the head (where the session's `cwd` is) or a range.
package enum HeadReader {
    /// Default cap on the bytes read to decide which project a file belongs to.
    package static let defaultCap = 64 * 1024

    /// Up to `cap` bytes of `path` starting at `offset`; nil when the file can't be opened.
    package static func read(_ path: String, offset: UInt64 = 0, cap: Int = defaultCap) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(0, cap))
        var filled = 0
        while filled < cap {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, cap - filled, off_t(offset) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            filled += n
        }
        buffer.removeSubrange(filled...)
        return buffer
    }

    /// Splits `bytes` into lines (without the `\n`); a final piece without `\n` is included
    /// (it may be a line cut by the cap: callers scan it tolerantly).
    package static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            result.append(bytes[start..<i])
            start = i + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }
}
