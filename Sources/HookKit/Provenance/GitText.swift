import HookCore

/// The `git` commands provenance needs that libgit2 does badly or not at all (blame with `-w -M -C`,
/// `log --follow`, patches): run in the repository's worktree, failures as one line naming git's reason.
struct GitText {
    let git: GitCommand

    init(repository: Repository) throws {
        guard let workdir = repository.workdir else { throw ArchiveError("this needs a worktree (the repository is bare)") }
        git = try GitCommand(directory: workdir)
    }

    /// git's standard output; an `ArchiveError` with git's own message when it fails.
    func run(_ arguments: [String], what: String) throws -> [UInt8] {
        let result = try git.run(["-c", "core.quotePath=false"] + arguments)
        guard result.status == 0 else { throw ArchiveError("\(what): \(GitText.reason(result))") }
        return result.stdout
    }

    /// git's `fatal:` line without its prefix, else its last line.
    static func reason(_ result: SubprocessResult) -> String {
        let lines = String(decoding: result.stderr, as: UTF8.self).split(separator: "\n")
        if let fatal = lines.first(where: { $0.hasPrefix("fatal: ") }) { return String(fatal.dropFirst(7)) }
        return lines.last.map(String.init) ?? "git exited with status \(result.status)"
    }
}
