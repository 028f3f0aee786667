import Glibc

/// Reads git's index file (versions 2–4, SHA-1 object ids) far enough to list the paths below a folder,
/// without starting git: the pre-commit shim's helper checks the archive files of the index with it, and
/// the hook lists them. Anything unusual — a split or sparse index, a conflict in the folder, a short
/// file — is a doubt: nil, and the caller asks git. Glibc only, so the static helper stays small.
public enum GitIndexFile {
    /// The paths below `root` (repository-relative, ending in `/`) of the index at `path`, and the
    /// file's modification time; nil on any doubt.
    public static func paths(under root: String, inIndexAt path: String) -> (paths: [[UInt8]], modified: timespec)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            return nil
        }
        let bytes = readAll(fd)
        close(fd)
        guard let bytes, let paths = paths(under: Array(root.utf8), in: bytes) else { return nil }
        return (paths, info.st_mtim)
    }

    /// `<sum of the paths' 64-bit FNV-1a hashes, hex>-<count>`: order does not matter, so git's listing and
    /// this reader's agree.
    public static func digest(_ paths: some Sequence<[UInt8]>) -> String {
        var sum: UInt64 = 0
        var count = 0
        for path in paths {
            sum &+= fnv1a(path)
            count += 1
        }
        return String(sum, radix: 16) + "-" + String(count)
    }

    /// The paths below `root` in an index file's bytes, nil on any doubt.
    public static func paths(under root: [UInt8], in index: [UInt8]) -> [[UInt8]]? {
        guard index.count >= 12, index[0..<4].elementsEqual(Array("DIRC".utf8)) else { return nil }
        let version = be32(index, 4)
        let entries = Int(be32(index, 8))
        guard (2...4).contains(version) else { return nil }
        var offset = 12
        var path: [UInt8] = []
        var found: [[UInt8]] = []
        for _ in 0..<entries {
            let fixed = 62
            guard offset + fixed <= index.count else { return nil }
            let flags = be16(index, offset + 60)
            var cursor = offset + fixed
            if flags & 0x4000 != 0 {
                guard version >= 3, cursor + 2 <= index.count else { return nil }
                let extended = be16(index, cursor)
                // Sparse-directory entries stand for whole folders: the paths below them are not listed.
                if extended & 0x4000 != 0 { return nil }
                cursor += 2
            }
            if version == 4 {
                // git's offset varint: 7 bits a byte, high bit "more", each continuation adding one.
                guard cursor < index.count else { return nil }
                var c = index[cursor]
                cursor += 1
                var value = Int(c & 127)
                while c & 128 != 0 {
                    guard cursor < index.count else { return nil }
                    c = index[cursor]
                    cursor += 1
                    value = ((value + 1) << 7) | Int(c & 127)
                }
                let strip = value
                guard strip <= path.count, let end = index[cursor...].firstIndex(of: 0) else { return nil }
                path = Array(path.dropLast(strip)) + index[cursor..<end]
                offset = end + 1
            } else {
                guard let end = index[cursor...].firstIndex(of: 0) else { return nil }
                path = Array(index[cursor..<end])
                // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
                offset += ((end - offset) / 8 + 1) * 8
            }
            guard path.starts(with: root) else { continue }
            if flags & 0x3000 != 0 { return nil }  // a conflict (stage 1–3) in the folder
            found.append(path)
        }
        // The split-index extension means the entries above are only part of the index.
        if offset + 4 <= index.count, index[offset..<offset + 4].elementsEqual(Array("link".utf8)) { return nil }
        return found
    }

    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }

    public static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd)
    }

    private static func readAll(_ fd: Int32) -> [UInt8]? {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return result }
            result += buffer[0..<n]
        }
    }
}
