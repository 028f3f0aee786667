import HookCore

/// What leaves the machine for a folder or rclone target: the archive folder and the exported
/// knowledge base (when there is one), each under its repository-relative path.
struct SyncContent {
    /// The exported markdown's folder, mirrored when it exists.
    static let knowledgeBase = "knowledge-base"

    let workdir: String
    /// Repository-relative folders that exist, e.g. `.claude/conversations`, `knowledge-base`.
    let folders: [String]
    /// The repository's name, the folder everything is put in at the target.
    let repositoryName: String

    init(repository: Repository, settings: ArchiveSettings) throws(SyncError) {
        guard let workdir = repository.workdir else { throw SyncError("a bare repository has no archive folder to sync; use --remote") }
        self.workdir = workdir
        folders = [settings.layout.root, SyncContent.knowledgeBase].filter { FileSystem.isDirectory(workdir + "/" + $0) }
        repositoryName = SyncContent.name(of: repository)
    }

    /// The main worktree's folder name (`<name>/.git` → name; bare `name.git` → name).
    static func name(of repository: Repository) -> String {
        let common = repository.commonDir
        var name = FileSystem.baseName(common) == ".git" ? FileSystem.baseName(FileSystem.parent(of: common)) : FileSystem.baseName(common)
        if name.hasSuffix(".git"), name.count > 4 { name.removeLast(4) }
        return ArchiveLayout.sanitize(name)
    }

    /// Every file to sync: (repository-relative path, absolute path, size, mtime).
    var files: [(relative: String, absolute: String, file: FileTree.File)] {
        folders.flatMap { folder in
            FileTree.files(under: workdir + "/" + folder).map { file in
                (folder + "/" + file.relativePath, workdir + "/" + folder + "/" + file.relativePath, file)
            }
        }
    }

    /// A digest of the names, sizes and times of the files: changes when anything to sync changes.
    var fingerprint: String {
        var hasher = SHA256()
        for entry in files {
            let line = Array("\(entry.relative)\t\(entry.file.size)\t\(entry.file.mtimeNanos)\n".utf8)
            line.withUnsafeBufferPointer { hasher.update($0) }
        }
        return SHA256.hex(hasher.finalize())
    }
}
