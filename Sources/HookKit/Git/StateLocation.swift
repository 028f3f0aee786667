import HookCore
import SourceStores

extension Repository {
    /// The folders capture works with; a bare repository has no worktree to archive into.
    package var location: RepositoryLocation {
        get throws {
            guard let workdir else { throw ArchiveError("a bare repository has no worktree to archive into") }
            return RepositoryLocation(workdir: workdir, gitDir: gitDir, commonDir: commonDir)
        }
    }

    /// convo-hook's per-worktree state (capture state, fast-path stamp, pending commit, search index).
    var convoStateDirectory: String { RepositoryLocation.stateDir(gitDir: gitDir) }
}

extension Config: GitConfigReading {}

extension Workspace {
    /// A workspace for a repository opened with libgit2 (commands other than the hooks), in the mode the
    /// repository says (`convo.mode`, else ref mode where the archive ref exists).
    package convenience init(repository: Repository) throws {
        SourceStores.install()
        try self.init(location: repository.location, config: repository.config(), settings: repository.archiveSettings())
    }
}
