import Glibc
import HookCore

/// `convo-hook sync`: sends the archive off the machine to a git remote, a folder or an rclone
/// destination, after the fail-closed secret scan, and records each target's last sync.
public struct Syncer {
    let repository: Repository
    let environment: [String: String]

    public init(repository: Repository, environment: [String: String] = ProcessEnvironment.current) {
        self.repository = repository
        self.environment = environment
    }

    /// The remote `sync` pushes to when no target is given (git config `convo.remote`).
    public static let remoteKey = "convo.remote"

    /// Syncs to each target in turn, stopping at the first failure; returns one line per target.
    /// With no target, syncs to the `convo.remote` remote.
    public func run(remote: String?, to destination: String?) throws -> [String] {
        var targets: [SyncTarget] = []
        if let remote { targets.append(.gitRemote(remote)) }
        if let destination {
            targets.append(try SyncTarget.parse(to: destination, currentDirectory: FileSystem.currentDirectory() ?? ".", home: environment["HOME"]))
        }
        if targets.isEmpty {
            guard let configured = try repository.config().string(Syncer.remoteKey), !configured.isEmpty else {
                throw SyncError("nowhere to sync to: pass --remote NAME or --to DIR|remote:path, or set git config \(Syncer.remoteKey)")
            }
            targets.append(.gitRemote(configured))
        }
        return try targets.map(sync)
    }

    /// The pre-push hook: when the push goes to the `convo.remote` remote (by name), push the archive
    /// refs there too. Any other remote, and the sync's own push, leave the archive alone.
    public func prePush(arguments: [String]) throws {
        guard environment[GitRemoteSync.guardVariable] != "1", let pushedTo = arguments.first,
            let configured = try repository.config().string(Syncer.remoteKey), configured == pushedTo
        else { return }
        let line = try sync(.gitRemote(configured))
        Diagnostics.error(line)
    }

    /// One target: scan, send, record.
    func sync(_ target: SyncTarget) throws -> String {
        let settings = try ArchiveSettings(config: repository.config())
        let preflight = SyncPreflight(redactor: try Redactor(config: settings.redaction))
        let line: String
        let fingerprint: String
        switch target {
        case .gitRemote(let name):
            let git = try GitCommand(directory: repository.workdir ?? repository.gitDir, environment: environment)
            let sync = try GitRemoteSync(git: git, remote: name)
            let refs = try GitRemoteSync.refs(git)
            if let content = try? SyncContent(repository: repository, settings: settings) {
                try preflight.check(files: content.files.map { ($0.relative, $0.absolute) })
            }
            try preflight.check(refs: refs.map(\.name), git: git)
            line = try sync.push(refs)
            fingerprint = GitRemoteSync.fingerprint(refs)
        case .folder(let folder):
            let content = try SyncContent(repository: repository, settings: settings)
            let files = content.files.map { ($0.relative, $0.absolute) }
            try preflight.check(files: files)
            let mirror = try FolderMirror(folder: folder, repositoryName: content.repositoryName)
            let copied = try mirror.mirror(files)
            line = "mirrored to \(mirror.destination): \(copied) file\(copied == 1 ? "" : "s") copied, \(files.count - copied) unchanged"
            fingerprint = content.fingerprint
        case .rclone(let destination):
            let content = try SyncContent(repository: repository, settings: settings)
            guard !content.folders.isEmpty else { throw SyncError("nothing to sync: \(settings.layout.root) does not exist yet") }
            let rclone = try RcloneSync(destination: destination, repositoryName: content.repositoryName, environment: environment)
            try preflight.check(files: content.files.map { ($0.relative, $0.absolute) })
            line = try rclone.copy(workdir: content.workdir, folders: content.folders)
            fingerprint = content.fingerprint
        }
        var state = SyncState.load(commonDir: repository.commonDir)
        state.targets[target.key] = SyncState.Entry(lastSync: Int64(time(nil)), fingerprint: fingerprint)
        try state.save(commonDir: repository.commonDir)
        return line
    }
}
