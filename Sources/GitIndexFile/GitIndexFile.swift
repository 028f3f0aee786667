import Glibc

/// Reads git's index file (versions 2–4, SHA-1 object ids) far enough to list the paths below a folder,
/// without starting git: the pre-commit shim's helper checks the archive files of the index with it, and
/// the hook lists them. Anything unusual — a split or sparse index, a conflict in the folder, a short
/// file — is a doubt: nil, and the caller asks git. Glibc only, so the static helper stays small.
public enum GitIndexFile {
    /// The paths below `root` (repository-relative, ending in `/`) of the index at `path`, and the
    /// file's modification time and inode; nil on any doubt.
    public static func paths(under root: String, inIndexAt path: String) -> (paths: [[UInt8]], modified: timespec, inode: UInt)? {
        paths(under: Array(root.utf8), inIndexAt: path)
    }

    /// The same, for a root given as bytes. The file is mapped, not read: a large repository's index is
    /// megabytes, and only its path bytes are looked at.
    public static func paths(under root: [UInt8], inIndexAt path: String) -> (paths: [[UInt8]], modified: timespec, inode: UInt)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), mapped != MAP_FAILED else { return nil }
        defer { munmap(mapped, size) }
        let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        guard let paths = paths(under: root, in: bytes) else { return nil }
        return (paths, info.st_mtim, UInt(info.st_ino))
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
        index.withUnsafeBufferPointer { paths(under: root, in: $0) }
    }

    static func paths(under root: [UInt8], in index: UnsafeBufferPointer<UInt8>) -> [[UInt8]]? {
        guard index.count >= 12, index[0..<4].elementsEqual("DIRC".utf8) else { return nil }
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
                guard strip <= path.count, let end = nul(in: index, from: cursor, length: nil) else { return nil }
                path.removeLast(strip)
                path += index[cursor..<end]
                offset = end + 1
            } else {
                // The flags hold the name's length (0xFFF: that long or longer).
                let length = Int(flags & 0x0FFF)
                guard let end = nul(in: index, from: cursor, length: length < 0xFFF ? length : nil) else { return nil }
                // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
                offset += ((end - offset) / 8 + 1) * 8
                // Compared in place: only the paths below the root are copied.
                guard index[cursor..<end].starts(with: root) else { continue }
                path = Array(index[cursor..<end])
            }
            guard path.starts(with: root) else { continue }
            if flags & 0x3000 != 0 { return nil }  // a conflict (stage 1–3) in the folder
            found.append(path)
        }
        // The split-index extension means the entries above are only part of the index.
        if offset + 4 <= index.count, index[offset..<offset + 4].elementsEqual("link".utf8) { return nil }
        return found
    }

    /// Where the NUL that ends a name starting at `start` is: at `start + length` when the length is known
    /// (checked), else the first one found.
    private static func nul(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, length: Int?) -> Int? {
        guard start <= bytes.count else { return nil }
        if let length {
            return start + length < bytes.count && bytes[start + length] == 0 ? start + length : nil
        }
        guard let base = bytes.baseAddress, let hit = memchr(base + start, 0, bytes.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func be32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    private static func be16(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 { UInt16(b[i]) << 8 | UInt16(b[i + 1]) }

    public static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return readAll(fd, size: Int(info.st_size))
    }

    /// The file's bytes, read into one buffer of the size `fstat` gave (doubled if the file grew
    /// meanwhile): the helper starts on every changed index, and each page it touches costs a fault.
    private static func readAll(_ fd: Int32, size: Int) -> [UInt8]? {
        var result = [UInt8](repeating: 0, count: max(size, 0) + 1)
        var count = 0
        while true {
            if count == result.count { result += [UInt8](repeating: 0, count: result.count) }
            let n = result.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            count += n
        }
        result.removeLast(result.count - count)
        return result
    }
}
