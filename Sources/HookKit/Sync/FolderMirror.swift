import HookCore

/// Mirrors files into a local folder (a Dropbox-style synced folder): each file that differs is
/// written to a temporary file beside its destination and renamed over it, so the folder never
/// holds a half-written file; files already identical are not touched. Nothing is deleted there.
struct FolderMirror {
    /// `<folder>/<repository name>`.
    let destination: String

    init(folder: String, repositoryName: String) throws(SyncError) {
        guard FileSystem.isDirectory(folder) else {
            throw SyncError("sync folder \(folder) does not exist (create it first; convo-hook does not guess)")
        }
        destination = folder + "/" + repositoryName
    }

    /// Copies what changed; returns the number of files written.
    func mirror(_ files: [(relative: String, absolute: String)]) throws -> Int {
        var copied = 0
        for file in files {
            guard let bytes = FileSystem.read(file.absolute) else { throw SyncError("cannot read \(file.absolute)") }
            let target = destination + "/" + file.relative
            if LineChunks.size(target) == UInt64(bytes.count), FileSystem.read(target) == bytes { continue }
            try FileSystem.makeDirectories(FileSystem.parent(of: target))
            try FileSystem.writeAtomically(bytes, to: target)
            copied += 1
        }
        return copied
    }
}
