import HookCore

/// How the archive is kept: in the working tree (committed with the code) or on `refs/convo/archive`.
/// What `convo-hook install` should set up.
public struct InstallOptions: Sendable {
    /// Fail the commit when convo-hook fails (`convo.strict=true`), instead of warning and going on.
    public var strict = false
    /// The archive mode to record in `convo.mode`; nil keeps the configured one (default tree).
    public var mode: ArchiveMode?
    /// Also register capture with Claude Code's Stop, PreCompact and SessionEnd hooks (`.claude/settings.local.json`).
    public var claude = false
    /// Also write the Claude Code command `/extract` (`.claude/commands/extract.md`).
    public var extractCommand = false

    public init(strict: Bool = false, mode: ArchiveMode? = nil, claude: Bool = false, extractCommand: Bool = false) {
        self.strict = strict
        self.mode = mode
        self.claude = claude
        self.extractCommand = extractCommand
    }
}

/// Installs and removes convo-hook's git hooks and settings in one repository, reversibly.
public struct Installer {
    let repository: Repository
    let environment: [String: String]

    /// - Parameters:
    ///   - repository: any worktree of the repository; hooks and settings are shared by all of them.
    ///   - environment: used to find the shim files (`CONVO_HOOK_SHIMS`).
    public init(repository: Repository, environment: [String: String]) {
        self.repository = repository
        self.environment = environment
    }

    /// Writes the shims (keeping existing hooks as chained ones) and the `convo.*` settings.
    /// Running it again changes nothing. Returns one line per change made.
    @discardableResult
    public func install(_ options: InstallOptions) throws -> [String] {
        let shimDir = try ManagedHooks.shimDirectory(environment: environment)
        let hooksDir = try repository.hooksDirectory()
        let commonDir = repository.commonDir
        var record = try InstallRecord.load(commonDir: commonDir) ?? InstallRecord(hooksDirectory: hooksDir)
        guard record.hooksDirectory == hooksDir else {
            throw InstallError("convo-hook is installed in \(record.hooksDirectory) but git now runs hooks from \(hooksDir); run 'convo-hook uninstall' first")
        }
        try refuseTrackedHooks(in: hooksDir)
        var changes: [String] = []
        let created = try FileSystem.makeDirectories(hooksDir)
        if !created.isEmpty { changes.append("created \(hooksDir)") }
        record.createdDirectories += created

        changes += fetchTeamArchive(options)
        let settings = try desiredSettings(options)
        let local = try repository.config().localLevel()
        for key in Array(settings.keys) + Array(Installer.addedValues.keys) where record.previousConfig[key] == nil {
            record.previousConfig[key] = try local.values(key)
        }
        try record.save(commonDir: commonDir)

        for name in ManagedHooks.names {
            if let change = try installShim(name, from: shimDir, into: hooksDir) { changes.append(change) }
        }
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) where try local.values(key) != [value] {
            try local.remove(key)
            try local.set(key, to: value)
            changes.append("set \(key)=\(value)")
        }
        for (key, value) in Installer.addedValues where try !local.values(key).contains(value) {
            try local.add(key, value: value)
            changes.append("added \(key)=\(value)")
        }
        changes += try installFetchRefspecs(into: &record)
        try record.save(commonDir: commonDir)
        if options.claude, let worktree = repository.workdir {
            let claude = ClaudeSettings(worktree: worktree)
            if try claude.install() { changes.append("registered capture in \(claude.path)") }
            if !record.claudeSettings.contains(claude.path) {
                record.claudeSettings.append(claude.path)
                try record.save(commonDir: commonDir)
            }
        }
        if options.extractCommand {
            guard let worktree = repository.workdir else { throw InstallError("--extract-command needs a worktree (this repository is bare)") }
            let (change, written, created) = try ExtractCommand.install(worktree: worktree)
            if let change { changes.append(change) }
            if let written, record.extractCommand == nil {
                record.extractCommand = written
                record.createdDirectories += created
                try record.save(commonDir: commonDir)
            }
        }
        return changes
    }

    /// Removes the shims, puts chained hooks back, restores the settings install changed and removes
    /// folders it created, leaving the hooks folder byte for byte as before the first install.
    @discardableResult
    public func uninstall() throws -> [String] {
        let commonDir = repository.commonDir
        let record = try InstallRecord.load(commonDir: commonDir)
        let hooksDir = try record?.hooksDirectory ?? repository.hooksDirectory()
        var changes: [String] = []
        for name in ManagedHooks.names {
            if let change = try uninstallShim(name, in: hooksDir) { changes.append(change) }
        }
        if let record {
            let local = try repository.config().localLevel()
            for (key, previous) in record.previousConfig.sorted(by: { $0.key < $1.key }) {
                try local.remove(key)
                for value in previous { try local.add(key, value: value) }
                changes.append(previous.isEmpty ? "unset \(key)" : "restored \(key)")
            }
            changes += try uninstallFetchRefspecs(record)
            for path in record.claudeSettings {
                let claude = ClaudeSettings(path: path)
                if try claude.uninstall() { changes.append("removed capture from \(path)") }
            }
            if let extract = record.extractCommand, let change = try ExtractCommand.uninstall(extract) {
                changes.append(change)
            }
            for dir in record.createdDirectories.reversed() where FileSystem.removeDirectoryIfEmpty(dir) {
                changes.append("removed \(dir)")
            }
            try InstallRecord.remove(commonDir: commonDir)
        }
        return changes
    }

    /// Multi-valued settings convo-hook adds a value to, next to the user's: git carries the
    /// conversation notes through `--amend` and `rebase`.
    static let addedValues = ["notes.rewriteRef": ConversationNotes.ref]

    /// A `core.hooksPath` folder committed with the project is the team's: shims written there would be
    /// committed over everybody's hooks by the next `git commit -a`.
    private func refuseTrackedHooks(in hooksDir: String) throws {
        guard let workdir = repository.workdir, hooksDir.hasPrefix(workdir + "/") else { return }
        let folder = String(hooksDir.dropFirst(workdir.count + 1))
        let index = try repository.index()
        let tracked = ManagedHooks.names.filter { index.entry(at: folder + "/" + $0) != nil }
        guard tracked.isEmpty else {
            throw InstallError("\(folder)/\(tracked[0]) is tracked by git (core.hooksPath): convo-hook will not replace a hook the whole team commits; add `convo-hook hook \(tracked[0]) \"$@\"` to it instead")
        }
    }

    private func desiredSettings(_ options: InstallOptions) throws -> [String: String] {
        let config = try repository.config()
        let mode = try options.mode?.rawValue ?? config.string("convo.mode") ?? repository.detectedMode().rawValue
        var settings = ["convo.mode": mode]
        if options.strict { settings["convo.strict"] = "true" }
        return settings
    }

    private func installShim(_ name: String, from shimDir: String, into hooksDir: String) throws -> String? {
        guard let shim = FileSystem.read(shimDir + "/" + name) else {
            throw InstallError("cannot read the shim \(shimDir)/\(name)")
        }
        let path = hooksDir + "/" + name
        let chained = path + ManagedHooks.chainedSuffix
        if let existing = FileSystem.read(path), ManagedHooks.isShim(existing) {
            guard existing != shim || FileSystem.mode(path) != 0o755 else { return nil }
            try FileSystem.writeAtomically(shim, to: path, mode: 0o755)
            return "updated \(path)"
        }
        var change = "installed \(path)"
        if FileSystem.exists(path) {
            guard !FileSystem.exists(chained) else {
                throw InstallError("\(path) was replaced after install while \(chained) still holds the hook from before; move one of them away and run install again")
            }
            try FileSystem.move(path, to: chained)
            change += " (the existing hook runs first, from \(chained))"
        }
        try FileSystem.writeAtomically(shim, to: path, mode: 0o755)
        return change
    }

    private func uninstallShim(_ name: String, in hooksDir: String) throws -> String? {
        let path = hooksDir + "/" + name
        let chained = path + ManagedHooks.chainedSuffix
        guard ManagedHooks.isShim(path) else {
            if FileSystem.exists(chained) {
                return "left \(path) alone: it is not convo-hook's; the hook from before install is still at \(chained)"
            }
            return nil
        }
        try FileSystem.remove(path)
        if FileSystem.exists(chained) {
            try FileSystem.move(chained, to: path)
            return "restored \(path)"
        }
        return "removed \(path)"
    }
}
