import Glibc

/// The folders of a repository that capture needs, found the way git finds them for a hook,
/// without loading libgit2 (whose start-up alone costs more than a hook's budget).
package struct RepositoryLocation: Sendable, Equatable {
    /// The worktree root.
    package var workdir: String
    /// This worktree's git dir (`.git`, or `.git/worktrees/<name>` for a linked worktree).
    package var gitDir: String
    /// The git dir all worktrees share (config, objects, refs).
    package var commonDir: String

    package init(workdir: String, gitDir: String, commonDir: String) {
        self.workdir = workdir
        self.gitDir = gitDir
        self.commonDir = commonDir
    }

    /// convo-hook's per-worktree state (capture state, fast-path stamp, pending commit, search index).
    package var stateDir: String { RepositoryLocation.stateDir(gitDir: gitDir) }

    package static func stateDir(gitDir: String) -> String { gitDir + "/convo-hook" }

    /// The repository of a git hook: git starts hooks in the worktree root and exports `GIT_DIR` only
    /// for linked worktrees (or when the user set it); `GIT_WORK_TREE`/`GIT_COMMON_DIR` when the user set them.
    package static func fromHookEnvironment(
        _ env: [String: String] = ProcessEnvironment.current,
        in folder: String? = nil
    ) throws -> RepositoryLocation {
        guard let cwd = folder ?? FileSystem.currentDirectory() else { throw ArchiveError("cannot read the current folder") }
        let workdir = try resolved(env["GIT_WORK_TREE"].map { absolute($0, in: cwd) } ?? cwd)
        let gitDir: String
        if let dir = env["GIT_DIR"], !dir.isEmpty {
            gitDir = try resolved(absolute(dir, in: cwd))
        } else if FileSystem.isDirectory(cwd + "/.git") {
            gitDir = try resolved(cwd + "/.git")
        } else if let file = FileSystem.read(cwd + "/.git") {
            let line = String(decoding: file, as: UTF8.self).trimmingCharacters(in: " \t\r\n")
            guard line.hasPrefix("gitdir: ") else { throw ArchiveError("\(cwd)/.git is neither a folder nor a gitdir file") }
            gitDir = try resolved(absolute(String(line.dropFirst(8)), in: cwd))
        } else {
            throw ArchiveError("no .git in \(cwd): a hook runs in the root of a worktree")
        }
        let commonDir: String
        if let dir = env["GIT_COMMON_DIR"], !dir.isEmpty {
            commonDir = try resolved(absolute(dir, in: cwd))
        } else if let file = FileSystem.read(gitDir + "/commondir") {
            commonDir = try resolved(absolute(String(decoding: file, as: UTF8.self).trimmingCharacters(in: " \t\r\n"), in: gitDir))
        } else {
            commonDir = gitDir
        }
        return RepositoryLocation(workdir: workdir, gitDir: gitDir, commonDir: commonDir)
    }

    private static func absolute(_ path: String, in base: String) -> String {
        path.hasPrefix("/") ? path : base + "/" + path
    }

    /// The path with symbolic links and `.`/`..` resolved, as libgit2 reports repository folders.
    private static func resolved(_ path: String) throws -> String {
        guard let real = realpath(path, nil) else { throw FileError(path: path, action: "find") }
        defer { free(real) }
        return String(cString: real)
    }
}
