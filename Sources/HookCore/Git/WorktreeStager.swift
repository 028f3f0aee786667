/// Stages worktree files into the index git is committing from, with `git update-index`: git hashes
/// them (with the repository's filters), writes the blobs, records their stat data and takes the
/// index lock itself, whichever index `GIT_INDEX_FILE` names (a partial or `-a` commit's included).
package struct WorktreeStager {
    private let git: RunningSubprocess?

    /// Starts staging each repository-relative path as it is on disk (a path that no longer exists
    /// leaves the index); `finish` waits for git. The caller may work in between.
    package init(staging paths: [String], workdir: String, environment: [String: String] = ProcessEnvironment.current) throws {
        let unique = Array(Set(paths)).sorted()
        git =
            unique.isEmpty
            ? nil
            : try GitCommand(directory: workdir, environment: environment)
                .start(["update-index", "--add", "--remove", "-z", "--stdin"], input: unique.nulTerminated)
    }

    /// Waits for git.
    package func finish() throws {
        guard let result = git?.wait() else { return }
        guard result.status == 0 else { throw ArchiveError("git update-index failed: \(result.lastErrorLine)") }
    }
}
