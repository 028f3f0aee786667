import HookCore

/// What `convo-hook status` reports about the hooks and settings of a repository.
public struct InstallStatus: Sendable, Codable {
    /// One managed hook's state.
    public struct HookState: Sendable, Codable {
        public enum Kind: String, Sendable, Codable { case shim, missing, foreign }
        public var name: String
        public var kind: Kind
        /// The previous hook that runs first, when there is one.
        public var chained: String?
    }

    /// True when every managed hook is a convo-hook shim.
    public var installed: Bool
    public var hooksDirectory: String
    public var hooks: [HookState]
    /// Every `convo.*` setting, as `key=value`.
    public var config: [String]
    /// The archive of the current worktree; nil in a bare repository.
    public var archive: ArchiveStatus?
    /// Why the archive could not be read, when it could not.
    public var archiveError: String?
    /// The last sync of each target (and `convo.remote` when never synced).
    public var sync: [SyncTargetStatus]

    /// Reads the state of `repository`'s hooks folder and settings.
    public init(repository: Repository) throws {
        hooksDirectory = try repository.hooksDirectory()
        hooks = ManagedHooks.names.map { [hooksDirectory] name in
            let path = hooksDirectory + "/" + name
            let chained = path + ManagedHooks.chainedSuffix
            let kind: HookState.Kind = ManagedHooks.isShim(path) ? .shim : (FileSystem.exists(path) ? .foreign : .missing)
            return HookState(name: name, kind: kind, chained: FileSystem.exists(chained) ? chained : nil)
        }
        installed = hooks.allSatisfy { $0.kind == .shim }
        config = try repository.config().entries(matching: "^convo\\.").map { "\($0.name)=\($0.value)" }
        sync = SyncTargetStatus.all(repository: repository)
        if repository.workdir != nil {
            do { archive = try ArchiveStatus(repository: repository) } catch { archiveError = "\(error)" }
        }
    }

    /// The human-readable report.
    public var text: String {
        var lines = ["convo-hook: \(installed ? "installed" : "not installed")", "hooks folder: \(hooksDirectory)"]
        for hook in hooks {
            var line = "  \(hook.name): \(hook.kind == .shim ? "convo-hook" : hook.kind == .foreign ? "another tool's hook (not chained)" : "not installed")"
            if let chained = hook.chained { line += ", runs \(chained) first" }
            lines.append(line)
        }
        lines.append(config.isEmpty ? "config: none" : "config:")
        lines += config.map { "  " + $0 }
        if let archive { lines.append(archive.text) }
        if let archiveError { lines.append("archive: unreadable: \(archiveError)") }
        lines += sync.isEmpty ? ["sync: no target yet (convo-hook sync --remote NAME | --to DIR|remote:path)"] : sync.map(\.text)
        return lines.joined(separator: "\n")
    }
}
