import Glibc

/// Captured, redacted lines that no part holds yet, one file per stream under
/// `<git dir>/convo-hook/spool/<source>/<session id>/`: capture between commits (`convo-hook capture`,
/// Claude Code's hooks) writes here and never into the worktree or the index.
package struct Spool {
    package let root: String

    package init(stateDir: String) { root = stateDir + "/spool" }

    /// The spool file of one stream of a session.
    package func path(source: String, sessionID: String, stream: String, ext: String) -> String {
        let name = stream.isEmpty ? "main" : stream.split(separator: "/").map { ArchiveLayout.sanitize(String($0)) }.joined(separator: "/")
        return root + "/" + ArchiveLayout.sanitize(source) + "/" + ArchiveLayout.sanitize(sessionID) + "/" + name + "." + ext
    }

    /// Appends `bytes` after the first `vouched` bytes of the file (anything beyond them was written by
    /// a run that died before saving its state: those lines are read again from the source).
    package func append(_ bytes: [UInt8], to path: String, vouched: UInt64) throws {
        try FileSystem.makeDirectories(FileSystem.parent(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError(path: path, action: "open") }
        defer { close(fd) }
        guard ftruncate(fd, off_t(vouched)) == 0 else { throw FileError(path: path, action: "truncate") }
        var offset = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while offset < raw.count {
                let n = pwrite(fd, raw.baseAddress! + offset, raw.count - offset, off_t(vouched) + off_t(offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard ok else { throw FileError(path: path, action: "write") }
    }

    /// The first `vouched` bytes of a spool file; nil when it is missing or shorter.
    package func read(_ path: String, vouched: UInt64) -> [UInt8]? {
        guard let bytes = FileSystem.read(path), UInt64(bytes.count) >= vouched else { return nil }
        return Array(bytes.prefix(Int(vouched)))
    }

    package func remove(_ path: String) {
        unlink(path)
        var folder = FileSystem.parent(of: path)
        while folder.hasPrefix(root + "/"), FileSystem.removeDirectoryIfEmpty(folder) { folder = FileSystem.parent(of: folder) }
    }
}
