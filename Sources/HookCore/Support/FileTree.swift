import Glibc

/// Regular files below a folder, found without following symbolic links (a link inside an archive
/// never makes convo-hook read or copy something outside it).
public enum FileTree {
    /// One regular file: its path relative to the folder walked, size and modification time.
    public struct File: Sendable, Equatable {
        public var relativePath: String
        public var size: UInt64
        public var mtimeNanos: Int64
    }

    /// Every regular file below `root` (recursively, `.git` skipped), sorted by relative path.
    /// Empty when `root` is missing or is not a folder.
    public static func files(under root: String) -> [File] {
        var result: [File] = []
        walk(root, prefix: "", into: &result)
        return result.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(_ dir: String, prefix: String, into result: inout [File]) {
        guard let handle = opendir(dir) else { return }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != "..", name != ".git" { names.append(name) }
        }
        closedir(handle)
        for name in names {
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, prefix: prefix + name + "/", into: &result)
            case S_IFREG:
                result.append(
                    File(
                        relativePath: prefix + name, size: UInt64(st.st_size),
                        mtimeNanos: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)))
            default:
                continue
            }
        }
    }
}
