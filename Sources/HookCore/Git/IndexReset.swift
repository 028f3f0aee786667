/// Sets index entries to what HEAD holds, with `git reset`: after `git commit <paths>`, which commits
/// from a temporary index, git's real index (post-commit's `GIT_INDEX_FILE`) never saw the archive files.
package enum IndexReset {
    /// Resets `paths` (repository-relative, taken literally) in the index to HEAD; the worktree is untouched,
    /// and git checks the files' stat again on the next status.
    package static func toHead(
        _ paths: [String], workdir: String,
        environment: [String: String] = ProcessEnvironment.current
    ) throws {
        // Load-bearing: an empty pathspec file makes `git reset` reset the whole index, the user's staged files included.
        guard !paths.isEmpty else { return }
        let result = try GitCommand(directory: workdir, environment: environment)
            .run(["--literal-pathspecs", "reset", "-q", "--pathspec-from-file=-", "--pathspec-file-nul", "HEAD"], input: paths.nulTerminated)
        guard result.status == 0 else { throw ArchiveError("git reset of the archive files failed: \(result.lastErrorLine)") }
    }
}
