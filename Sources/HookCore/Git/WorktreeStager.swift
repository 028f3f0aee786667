/// Stages worktree files into the index git is committing from, with `git update-index`: git hashes
/// them (with the repository's filters), writes the blobs, records their stat data and takes the
/// index lock itself, whichever index `GIT_INDEX_FILE` names (a partial or `-a` commit's included).
package struct WorktreeStager {
    private let paths: [String]
    private let workdir: String
    private let git: RunningSubprocess?

    /// Starts staging each repository-relative path as it is on disk (a path that no longer exists
    /// leaves the index); `finish` waits for git. The caller may work in between.
    package init(staging paths: [String], workdir: String, environment: [String: String] = ProcessEnvironment.current) throws {
        self.paths = Array(Set(paths)).sorted()
        self.workdir = workdir
        git = self.paths.isEmpty ? nil
            : try GitCommand(directory: workdir, environment: environment)
                .start(["update-index", "--add", "--remove", "-z", "--stdin"], input: self.paths.nulTerminated)
    }

    /// Waits for git; returns the paths staged (those that exist).
    package func finish() throws -> [String] {
        guard let git else { return [] }
        let result = git.wait()
        guard result.status == 0 else { throw ArchiveError("git update-index failed: \(result.lastErrorLine)") }
        return paths.filter { FileSystem.exists(workdir + "/" + $0) }
    }

    /// Stages and waits.
    package static func stage(_ paths: [String], workdir: String,
                              environment: [String: String] = ProcessEnvironment.current) throws -> [String] {
        try WorktreeStager(staging: paths, workdir: workdir, environment: environment).finish()
    }
}
