import Glibc
import HookCore

/// A path given on the command line, as the repository names it.
enum RepositoryPath {
    /// `path` (absolute, or relative to the current folder) relative to the worktree root; an error when it
    /// is outside the worktree. With `mustExist`, the file must be there.
    static func resolve(_ path: String, repository: Repository, mustExist: Bool) throws -> String {
        guard let workdir = repository.workdir.map(real) else { throw ArchiveError("this needs a worktree (the repository is bare)") }
        let cwd = FileSystem.currentDirectory() ?? workdir
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        if mustExist, !FileSystem.exists(absolute) { throw ArchiveError("\(path): no such file") }
        // The folder is resolved (symlinks, `..`); the last name is kept as given (it may be gone).
        let slash = absolute.lastIndex(of: "/")!
        let folder = real(String(absolute[..<slash]).isEmpty ? "/" : String(absolute[..<slash]))
        var name = String(absolute[absolute.index(after: slash)...])
        var base = folder
        if name == ".." {
            base = real(folder + "/..")
            name = ""
        } else if name == "." {
            name = ""
        }
        let full = name.isEmpty ? base : (base == "/" ? "/" + name : base + "/" + name)
        let root = workdir.hasSuffix("/") ? String(workdir.dropLast()) : workdir
        if full == root { return "" }
        guard full.hasPrefix(root + "/") else { throw ArchiveError("\(path) is outside the repository (\(root))") }
        return String(full.dropFirst(root.count + 1))
    }

    private static func real(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
