import FoundationEssentials
import Glibc

/// File operations convo-hook relies on, with the failure modes spelled out in one-line errors.
public enum FileSystem {
    /// True when something (file, folder or symlink) exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// True for a directory (following symlinks).
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The whole file, nil when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// Writes `bytes` atomically: a temporary file beside `path`, renamed over it. Like git's own default
    /// (`core.fsync`), no fsync: a killed process never leaves a half-written file; a power cut may lose the last run.
    public static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String, mode: mode_t = 0o644) throws(FileError) {
        let temp = temporaryName(for: path)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError(path: path, action: "create") }
        var ok = Array(bytes).withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        ok = ok && fchmod(fd, mode) == 0
        let closed = close(fd) == 0
        guard ok, closed, rename(temp, path) == 0 else {
            let error = FileError(path: path, action: "write")
            unlink(temp)
            throw error
        }
    }

    /// Marks the temporary files of `writeAtomically`, so a run killed mid-write can be cleaned up after.
    public static let temporaryMarker = ".convo-tmp-"

    /// `<folder>/.<name>.convo-tmp-<pid>`: hidden, beside the target, so the rename stays on one file system.
    package static func temporaryName(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return parent(of: path) + "/." + name + temporaryMarker + String(getpid())
    }

    /// Removes temporary files a killed run left in `folder` (call it while holding the lock for that folder).
    public static func removeStaleTemporaries(in folder: String) {
        for name in list(folder) where name.hasPrefix(".") && name.contains(temporaryMarker) {
            unlink(folder + "/" + name)
        }
    }

    /// Creates `path` and any missing parents; returns the folders it created, outermost first.
    @discardableResult
    public static func makeDirectories(_ path: String) throws(FileError) -> [String] {
        var missing: [String] = []
        var current = path
        while !current.isEmpty, current != "/", !exists(current) {
            missing.append(current)
            current = parent(of: current)
        }
        for dir in missing.reversed() where mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw FileError(path: dir, action: "create folder")
        }
        return missing.reversed()
    }

    /// Renames, failing with a one-line error.
    public static func move(_ from: String, to: String) throws(FileError) {
        guard rename(from, to) == 0 else { throw FileError(path: from, action: "rename to \(to)") }
    }

    /// Deletes a file; a missing file is not an error.
    public static func remove(_ path: String) throws(FileError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw FileError(path: path, action: "remove") }
    }

    /// Removes a folder only when it is empty; returns whether it is gone.
    @discardableResult
    public static func removeDirectoryIfEmpty(_ path: String) -> Bool {
        rmdir(path) == 0 || errno == ENOENT
    }

    /// The folder that holds `path`.
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file's `stat` (symlinks not followed), nil when it does not exist.
    public static func status(_ path: String) -> stat? {
        var st = stat()
        return lstat(path, &st) == 0 ? st : nil
    }

    /// The permission bits, nil when the file does not exist.
    public static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }
}

/// A file operation that failed, with the OS reason.
public struct FileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let action: String
    public let reason: String

    package init(path: String, action: String) {
        self.path = path
        self.action = action
        reason = String(cString: strerror(errno))
    }

    public var description: String { "cannot \(action) \(path): \(reason)" }
}

extension FileSystem {
    /// The names in a folder (not `.`/`..`), empty when it cannot be read.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
