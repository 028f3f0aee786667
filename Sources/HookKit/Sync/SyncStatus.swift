import HookCore

/// What `convo-hook status` reports per sync target: when it was last synced and whether the
/// archive changed since (behind).
public struct SyncTargetStatus: Sendable, Codable, Equatable {
    public var target: String
    /// `YYYY-MM-DD HH:MM:SS UTC`, nil when never synced.
    public var lastSync: String?
    /// True when what would be synced now differs from what was synced last; nil when unknown.
    public var behind: Bool?

    /// Every recorded target, plus `convo.remote` when it was never synced.
    static func all(repository: Repository) -> [SyncTargetStatus] {
        let state = SyncState.load(commonDir: repository.commonDir)
        var keys = Set(state.targets.keys)
        if let remote = try? repository.config().string(Syncer.remoteKey), !remote.isEmpty {
            keys.insert(SyncTarget.gitRemote(remote).key)
        }
        let environment = ProcessEnvironment.current
        let settings = try? ArchiveSettings(config: repository.config())
        let content = settings.flatMap { try? SyncContent(repository: repository, settings: $0) }
        let git = try? GitCommand(directory: repository.workdir ?? repository.gitDir, environment: environment)
        return keys.sorted().compactMap { key in
            guard let target = SyncTarget(key: key) else { return nil }
            guard let entry = state.targets[key] else { return SyncTargetStatus(target: target.description, lastSync: nil, behind: nil) }
            var current: String?
            switch target {
            case .gitRemote: current = git.flatMap { try? GitRemoteSync.fingerprint(GitRemoteSync.refs($0)) }
            case .folder, .rclone: current = content?.fingerprint
            }
            return SyncTargetStatus(
                target: target.description, lastSync: SyncTargetStatus.format(epoch: entry.lastSync),
                behind: current.map { $0 != entry.fingerprint })
        }
    }

    /// `sync: <target>: last <time>, up to date|behind` or `never synced`.
    var text: String {
        guard let lastSync else { return "sync: \(target): never synced" }
        let state = behind.map { $0 ? "behind (the archive changed since)" : "up to date" } ?? "state unknown"
        return "sync: \(target): last \(lastSync), \(state)"
    }

    static func format(epoch: Int64) -> String {
        let stamp = Array(ArchiveLayout.folderStamp(epoch: epoch))  // YYYYMMDD-HHMMSS
        guard stamp.count == 15 else { return String(stamp) }
        let s = String(stamp)
        func part(_ from: Int, _ count: Int) -> Substring { s.dropFirst(from).prefix(count) }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2)) \(part(9, 2)):\(part(11, 2)):\(part(13, 2)) UTC"
    }
}
