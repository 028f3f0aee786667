import HookCore

/// Which archived sessions still have their transcript on this machine: the sessions the sources find
/// for any worktree of this repository. The others can be restored (`convo-hook restore`) where their source allows it.
struct TranscriptsHere {
    private let found: Set<String>
    private let restorableSources: Set<String>

    init(repository: Repository) throws {
        self.init(workspace: try Workspace(repository: repository))
    }

    /// From a workspace already open (it holds the state lock: a second one would wait for it).
    init(workspace: Workspace) {
        found = Set(workspace.sessionsOfEveryWorktree().map { ArchiveLayout.sanitize($0.source) + "/" + ArchiveLayout.sanitize($0.sessionID) })
        restorableSources = Set(
            workspace.sources.filter { source in
                source.restoreLocations(
                    sessionID: "x", streams: ["main"], firstLines: Array("{\"timestamp\":\"2026-01-01T00:00:00Z\"}".utf8),
                    cwd: workspace.workdir, context: workspace.context) != nil
            }.map(\.name))
    }

    /// The session `key` (`<source>/<id>`) has no transcript here, and its source can write it back.
    func isRestorable(source: String, key: String) -> Bool {
        restorableSources.contains(source) && !found.contains(key)
    }
}
