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
        return try targets.flatMap(sync)
    }

    /// The pre-push hook: when the push goes to the `convo.remote` remote (by name), merge that
    /// remote's conversation refs and push the archive refs there too. Any other remote, and the
    /// sync's own push, leave the archive alone.
    public func prePush(arguments: [String]) throws {
        guard environment[GitRemoteSync.guardVariable] != "1", let pushedTo = arguments.first,
            let configured = try repository.config().string(Syncer.remoteKey), configured == pushedTo
        else { return }
        for line in try sync(.gitRemote(configured)) { Diagnostics.error(line) }
    }

    /// How often a git sync merges and pushes again when a teammate pushed in between.
    static let pushAttempts = 4

    /// One target: scan, send, record. Returns what was done, one line each.
    func sync(_ target: SyncTarget) throws -> [String] {
        let settings = try repository.archiveSettings()
        let preflight = SyncPreflight(redactor: try Redactor(config: settings.redaction))
        let line: String
        let fingerprint: String
        var merged: [String] = []
        switch target {
        case .gitRemote(let name):
            let git = try GitCommand(directory: repository.workdir ?? repository.gitDir, environment: environment)
            let sync = try GitRemoteSync(git: git, remote: name)
            if let content = try? SyncContent(repository: repository, settings: settings) {
                try preflight.check(files: content.files.map { ($0.relative, $0.absolute) })
            }
            // Merge what teammates pushed first, so the push is a fast-forward; push again when one
            // pushed in between.
            var attempt = 1
            while true {
                try ArchiveFetch(repository: repository, environment: environment).fetch(name, git: git)
                merged += try FetchedRefs(repository: repository).integrate(remote: name).filter { $0.result != .upToDate }.map(\.line)
                let refs = try GitRemoteSync.refs(git)
                try preflight.check(refs: refs.map(\.name), git: git)
                do {
                    line = try sync.push(refs)
                    fingerprint = GitRemoteSync.fingerprint(refs)
                    break
                } catch let rejected as PushRejected {
                    guard attempt < Syncer.pushAttempts else { throw rejected }
                    attempt += 1
                    usleep(UInt32.random(in: 20_000...200_000))  // let the teammate's push finish
                }
            }
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
        return merged + [line]
    }
}
