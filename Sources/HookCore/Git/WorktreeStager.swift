/// Stages worktree files into the index git is committing from, with `git update-index`: git hashes
/// them (with the repository's filters), writes the blobs, records their stat data and takes the
/// index lock itself, whichever index `GIT_INDEX_FILE` names (a partial or `-a` commit's included).
package enum WorktreeStager {
    /// Stages each repository-relative path as it is on disk; a path that no longer exists leaves the
    /// index. Returns the paths staged.
    package static func stage(_ paths: [String], workdir: String,
                              environment: [String: String] = ProcessEnvironment.current) throws -> [String] {
        let unique = Array(Set(paths)).sorted()
        guard !unique.isEmpty else { return [] }
        let input: [UInt8] = unique.flatMap { Array($0.utf8) + [0] }
        let result = try GitCommand.run(["update-index", "--add", "--remove", "-z", "--stdin"], in: workdir,
                                        input: input, environment: environment)
        guard result.status == 0 else { throw ArchiveError("git update-index failed: \(result.lastErrorLine)") }
        return unique.filter { FileSystem.exists(workdir + "/" + $0) }
    }
}
