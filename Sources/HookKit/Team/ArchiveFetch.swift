import HookCore

/// `convo-hook fetch [REMOTE]`: fetches the remote's conversation notes and archive ref into
/// `refs/convo-remotes/<remote>/…` with `git` (the user's credentials and transport apply) and
/// merges them into the local refs, keeping both sides.
public struct ArchiveFetch {
    let repository: Repository
    let environment: [String: String]

    public init(repository: Repository, environment: [String: String] = ProcessEnvironment.current) {
        self.repository = repository
        self.environment = environment
    }

    /// The remote a fetch or a team sync talks to: the one given, else `convo.remote`, else `origin`.
    public static func remoteName(_ given: String?, repository: Repository) throws -> String {
        if let given { return given }
        if let configured = try repository.config().string(Syncer.remoteKey), !configured.isEmpty { return configured }
        return "origin"
    }

    /// Fetches and merges; returns one line per ref.
    public func run(remote given: String?) throws -> [String] {
        let remote = try ArchiveFetch.remoteName(given, repository: repository)
        let git = try GitCommand(directory: repository.workdir ?? repository.gitDir, environment: environment)
        try GitRemoteSync.checkRemote(remote, git: git)
        try fetch(remote, git: git)
        let merges = try FetchedRefs(repository: repository).integrate(remote: remote)
        guard !merges.isEmpty else {
            return ["\(remote) has no conversation refs yet (\(ConversationNotes.ref), \(ArchiveRefName.full))"]
        }
        var lines = merges.map(\.line)
        if merges.contains(where: { $0.localRef == ArchiveRefName.full }), try repository.config().string("convo.mode") == ArchiveMode.tree.rawValue {
            lines.append("\(remote) keeps its archive on \(ArchiveRefName.full) (ref mode) but convo.mode is tree here; to archive the team's way: convo-hook install --mode ref")
        }
        return lines
    }

    /// `git fetch` of the conversation refs only (no tags, no FETCH_HEAD), into the tracking refs.
    func fetch(_ remote: String, git: GitCommand) throws {
        let result = try git.run(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote] + RemoteTracking(remote: remote).refspecs)
        guard result.status == 0 else { throw SyncError("git fetch from \(remote) failed: \(result.gitReason)") }
    }
}
