import HookCore

/// What `convo-hook status` reports about the hooks and settings of a repository.
public struct InstallStatus: Sendable, Codable {
    /// One managed hook's state.
    public struct HookState: Sendable, Codable {
        public enum Kind: String, Sendable, Codable {
            /// The current shim, run by git.
            case shim
            /// The current shim, run by another tool that took the hook's place (`pre-commit.legacy`).
            case runByTool
            /// A shim of an older convo-hook: `install` upgrades it.
            case outdated
            /// Another tool replaced the shim (or set it aside): convo-hook does not run; `install` repairs it.
            case replaced
            /// Another tool's hook, convo-hook never installed here.
            case foreign
            case missing
        }
        public var name: String
        public var kind: Kind
        /// The file holding convo-hook's shim, when there is one.
        public var shim: String?
        /// The tool that wrote the hook file git runs, when it is another tool's.
        public var tool: String?
        /// The previous hook that runs first, when there is one.
        public var chained: String?
    }

    /// The hooks folder install wrote to, when git now runs hooks from another one.
    public var movedFrom: String?

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
        let record = try? InstallRecord.load(commonDir: repository.commonDir)
        let current = try? ManagedHooks.shimTemplate(environment: ProcessEnvironment.current)
        hooks = ManagedHooks.names.map { [hooksDirectory] name in InstallStatus.state(of: name, in: hooksDirectory, current: current) }
        if let record, record.hooksDirectory != hooksDirectory { movedFrom = record.hooksDirectory }
        installed = movedFrom == nil && hooks.allSatisfy { $0.kind == .shim || $0.kind == .runByTool }
        config = try repository.config().entries(matching: "^convo\\.").map { "\($0.name)=\($0.value)" }
        sync = SyncTargetStatus.all(repository: repository)
        if repository.workdir != nil {
            do { archive = try ArchiveStatus(repository: repository) } catch { archiveError = "\(error)" }
        }
    }

    /// Where one hook's shim is and who runs it.
    static func state(of name: String, in hooksDirectory: String, current: [UInt8]?) -> HookState {
        let path = hooksDirectory + "/" + name
        let existing = FileSystem.read(path)
        let tool = existing.flatMap(HookTool.writer(of:))
        func chained(_ file: String) -> String? { FileSystem.exists(file + ManagedHooks.chainedSuffix) ? file + ManagedHooks.chainedSuffix : nil }
        func shimKind(_ bytes: [UInt8]) -> HookState.Kind { current == nil || bytes == current ? .shim : .outdated }
        if let existing, ManagedHooks.isShim(existing) {
            return HookState(name: name, kind: shimKind(existing), shim: path, tool: nil, chained: chained(path))
        }
        if let tool, let slot = tool.replacedHookSlot(for: name), let bytes = FileSystem.read(hooksDirectory + "/" + slot), ManagedHooks.isShim(bytes) {
            let kind = shimKind(bytes) == .shim ? HookState.Kind.runByTool : .outdated
            return HookState(name: name, kind: kind, shim: hooksDirectory + "/" + slot, tool: tool.rawValue, chained: chained(hooksDirectory + "/" + slot))
        }
        let setAside = ManagedHooks.isShim(path + ".old") ? path + ".old" : nil
        if existing != nil, setAside != nil || chained(path) != nil {
            return HookState(name: name, kind: .replaced, shim: setAside, tool: tool?.rawValue, chained: nil)
        }
        return HookState(name: name, kind: existing == nil ? .missing : .foreign, shim: nil, tool: tool?.rawValue, chained: nil)
    }

    /// The human-readable report.
    public var text: String {
        var lines = ["convo-hook: \(installed ? "installed" : "not installed")", "hooks folder: \(hooksDirectory)"]
        if let movedFrom { lines.append("  git now runs hooks from \(hooksDirectory), but convo-hook's are in \(movedFrom): run 'convo-hook install'") }
        for hook in hooks {
            var line = "  \(hook.name): " + hook.summary
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

extension InstallStatus.HookState {
    /// One line for `status`.
    var summary: String {
        switch kind {
        case .shim: return "convo-hook"
        case .runByTool: return "convo-hook, run by \(tool ?? "another tool") from \(shim ?? "")"
        case .outdated: return "convo-hook (an older shim: run 'convo-hook install' to upgrade it)"
        case .replaced: return "replaced by \(tool ?? "another tool"): convo-hook does not run; 'convo-hook install' puts it back in the chain"
        case .foreign: return "\(tool ?? "another tool")'s hook (convo-hook not installed)"
        case .missing: return "not installed"
        }
    }
}
