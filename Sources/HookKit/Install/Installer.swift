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
    /// Also register capture with these assistants' stop and session-end hooks, in their user-level settings
    /// (`gemini`, `copilot`, `cursor`).
    public var toolHooks: [String] = []

    public init(strict: Bool = false, mode: ArchiveMode? = nil, claude: Bool = false, extractCommand: Bool = false, toolHooks: [String] = []) {
        self.strict = strict
        self.mode = mode
        self.claude = claude
        self.extractCommand = extractCommand
        self.toolHooks = toolHooks
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
        let shim = try ManagedHooks.shimTemplate(environment: environment)
        let hooksDir = try repository.hooksDirectory()
        let commonDir = repository.commonDir
        var changes: [String] = []
        var record = try InstallRecord.load(commonDir: commonDir) ?? InstallRecord(hooksDirectory: hooksDir)
        if record.hooksDirectory != hooksDir {
            // core.hooksPath changed since install (husky, a team's hooks folder): move the shims along.
            for name in ManagedHooks.names {
                changes += try uninstallShim(name, in: record.hooksDirectory, file: record.shimFiles[name])
            }
            changes.append("git now runs hooks from \(hooksDir), not \(record.hooksDirectory): moved the hooks there")
            record.hooksDirectory = hooksDir
            record.shimFiles = [:]
        }
        let tracked = try trackedHooks(in: hooksDir)
        let created = tracked.isEmpty ? try FileSystem.makeDirectories(hooksDir) : []
        if !created.isEmpty { changes.append("created \(hooksDir)") }
        record.createdDirectories += created

        changes += fetchTeamArchive(options)
        let settings = try desiredSettings(options)
        let local = try repository.config().localLevel()
        for key in Array(settings.keys) + Array(Installer.addedValues.keys) where record.previousConfig[key] == nil {
            record.previousConfig[key] = try local.values(key)
        }
        try record.save(commonDir: commonDir)

        if tracked.isEmpty {
            for name in ManagedHooks.names {
                changes += try installShim(name, shim: shim, into: hooksDir, record: &record)
            }
            if hooksDir.hasSuffix("/.husky/_"), !changes.isEmpty, !record.snippetShown {
                // husky rewrites .husky/_ on every `husky` run; the committed .husky/<hook> files survive it.
                changes.append(
                    TrackedHooksSnippet.text(
                        folder: ".husky",
                        reason: "husky rewrites .husky/_ (and drops these shims) whenever it runs; to stay in the chain for good, add this line to each of these committed hooks"))
                record.snippetShown = true
            }
            try record.save(commonDir: commonDir)
        } else if !record.snippetShown {
            changes.append(TrackedHooksSnippet.text(folder: tracked))
            record.snippetShown = true
            try record.save(commonDir: commonDir)
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
            // Claude Code keeps settings.local.json out of git; a file install created must not show in `git status`.
            let relative = "/" + String(claude.path.dropFirst(worktree.count + 1))
            if try repository.index().entry(at: String(relative.dropFirst())) == nil, try LocalExclude(commonDir: commonDir).add(relative) {
                record.excludedPaths.append(relative)
                try record.save(commonDir: commonDir)
                changes.append("added \(relative) to \(LocalExclude(commonDir: commonDir).path)")
            }
        }
        for name in options.toolHooks {
            guard let tool = ToolHookSettings.Tool(rawValue: name) else { throw InstallError("no hooks to register for '\(name)'") }
            guard let settings = ToolHookSettings(tool, homes: ToolHomes(environment: environment)) else {
                throw InstallError("cannot tell where \(name) keeps its settings (HOME is not set)")
            }
            guard let written = try settings.install() else { continue }
            changes.append("registered capture in \(settings.path) (\(tool.events.joined(separator: ", ")); for every repository on this machine where convo-hook is installed)")
            if let i = record.toolHooks.firstIndex(where: { $0.path == written.path }) {
                record.toolHooks[i].written = written.written  // the bytes from before the first install stay
            } else {
                record.toolHooks.append(written)
            }
            try record.save(commonDir: commonDir)
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
            changes += try uninstallShim(name, in: hooksDir, file: record?.shimFiles[name])
        }
        endWatchers(commonDir: commonDir)
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
            for hooks in record.toolHooks.reversed() {
                if let change = try ToolHookSettings(tool: hooks.tool, path: hooks.path).uninstall(hooks) { changes.append(change) }
            }
            for pattern in record.excludedPaths where try LocalExclude(commonDir: commonDir).remove(pattern) {
                changes.append("removed \(pattern) from \(LocalExclude(commonDir: commonDir).path)")
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

    /// Removes each worktree's `watching` file: its watcher ends with it.
    private func endWatchers(commonDir: String) {
        var stateDirs = [RepositoryLocation.stateDir(gitDir: commonDir)]
        for worktree in FileSystem.list(commonDir + "/worktrees") {
            stateDirs.append(RepositoryLocation.stateDir(gitDir: commonDir + "/worktrees/" + worktree))
        }
        for stateDir in stateDirs { try? FileSystem.remove(HookStateFiles.path(.watching, stateDir: stateDir)) }
    }

    /// Multi-valued settings convo-hook adds a value to, next to the user's: git carries the
    /// conversation notes through `--amend` and `rebase`.
    static let addedValues = ["notes.rewriteRef": ConversationNotes.ref]

    /// A `core.hooksPath` folder committed with the project is the team's: shims written there would be
    /// committed over everybody's hooks. Returns that folder (repository-relative) when it is one, else "".
    private func trackedHooks(in hooksDir: String) throws -> String {
        guard let workdir = repository.workdir, hooksDir.hasPrefix(workdir + "/") else { return "" }
        let folder = String(hooksDir.dropFirst(workdir.count + 1))
        let index = try repository.index()
        return ManagedHooks.names.contains { index.entry(at: folder + "/" + $0) != nil } ? folder : ""
    }

    private func desiredSettings(_ options: InstallOptions) throws -> [String: String] {
        let config = try repository.config()
        let mode = try options.mode?.rawValue ?? config.string("convo.mode") ?? repository.detectedMode().rawValue
        var settings = ["convo.mode": mode]
        if options.strict { settings["convo.strict"] = "true" }
        return settings
    }

    /// Writes the shim for one hook where git, or the tool that owns the hook, runs it; returns the changes.
    private func installShim(_ name: String, shim: [UInt8], into hooksDir: String, record: inout InstallRecord) throws -> [String] {
        let path = hooksDir + "/" + name
        var changes: [String] = []
        if let existing = FileSystem.read(path), let tool = HookTool.writer(of: existing), let slot = tool.replacedHookSlot(for: name) {
            // The tool runs the hook it replaced from `slot` (the pre-commit framework's `.legacy`): convo-hook goes there.
            let slotPath = hooksDir + "/" + slot
            changes += try placeShim(shim, at: slotPath, note: "\(tool.rawValue) runs it from \(path)")
            // Left from when the shim was at `path`: the hook that ran before convo-hook then.
            let stale = path + ManagedHooks.chainedSuffix
            if let previous = FileSystem.read(stale) {
                if HookTool.writer(of: previous) == tool {
                    // A copy of the tool's own hook would run the slot again.
                    try FileSystem.remove(stale)
                    changes.append("removed \(stale): \(tool.rawValue) now runs convo-hook, that copy of its hook is not needed")
                } else if !FileSystem.exists(slotPath + ManagedHooks.chainedSuffix) {
                    try FileSystem.move(stale, to: slotPath + ManagedHooks.chainedSuffix)
                    changes.append("moved \(stale) to \(slotPath + ManagedHooks.chainedSuffix): it still runs before convo-hook")
                }
            }
            record.shimFiles[name] = slot
            return changes
        }
        record.shimFiles[name] = nil
        if let existing = FileSystem.read(path), !ManagedHooks.isShim(existing) {
            let chained = path + ManagedHooks.chainedSuffix
            if let previous = FileSystem.read(chained) {
                let tool = HookTool.writer(of: existing)
                guard previous == existing || (tool != nil && tool == HookTool.writer(of: previous)) else {
                    throw InstallError("\(path) was replaced after install while \(chained) still holds the hook from before; move one of them away and run install again")
                }
                // The tool wrote its hook again over the shim (husky, lefthook): it keeps running first.
                try FileSystem.remove(chained)
                changes.append("repaired \(path): \((tool?.rawValue).map { $0 + " had" } ?? "something had") replaced convo-hook's shim")
            }
        }
        changes += try placeShim(shim, at: path, note: nil)
        // lefthook keeps the hook it replaced as `<name>.old` and never runs it: a stale shim there goes.
        let old = path + ".old"
        if ManagedHooks.isShim(old) {
            try FileSystem.remove(old)
            changes.append("removed \(old) (a convo-hook shim lefthook had set aside)")
        }
        return changes
    }

    /// The shim at `path`: written or upgraded in place; a file of another kind there runs first, from
    /// `<path>.convo-chained`.
    private func placeShim(_ shim: [UInt8], at path: String, note: String?) throws -> [String] {
        let suffix = note.map { " (\($0))" } ?? ""
        if let existing = FileSystem.read(path), ManagedHooks.isShim(existing) {
            guard existing != shim || FileSystem.mode(path) != 0o755 else { return [] }
            try FileSystem.writeAtomically(shim, to: path, mode: 0o755)
            let from = ManagedHooks.version(existing).map { " from shim \($0)" } ?? ""
            return ["updated \(path)\(from)\(suffix)"]
        }
        var change = "installed \(path)\(suffix)"
        if FileSystem.exists(path) {
            let chained = path + ManagedHooks.chainedSuffix
            guard !FileSystem.exists(chained) else {
                throw InstallError("\(path) was replaced after install while \(chained) still holds the hook from before; move one of them away and run install again")
            }
            try FileSystem.move(path, to: chained)
            change += " (the existing hook runs first, from \(chained))"
        }
        try FileSystem.writeAtomically(shim, to: path, mode: 0o755)
        return [change]
    }

    /// Removes one hook's shim (from `file` when another tool runs it from there) and puts back the hook it chained.
    private func uninstallShim(_ name: String, in hooksDir: String, file: String?) throws -> [String] {
        var changes: [String] = []
        let old = hooksDir + "/" + name + ".old"
        if ManagedHooks.isShim(old) {
            try FileSystem.remove(old)
            changes.append("removed \(old)")
        }
        let path = hooksDir + "/" + (file ?? name)
        let chained = path + ManagedHooks.chainedSuffix
        guard ManagedHooks.isShim(path) else {
            if FileSystem.exists(chained) {
                changes.append("left \(path) alone: it is not convo-hook's; the hook from before install is still at \(chained)")
            }
            return changes
        }
        try FileSystem.remove(path)
        if FileSystem.exists(chained) {
            try FileSystem.move(chained, to: path)
            changes.append("restored \(path)")
        } else {
            changes.append("removed \(path)")
        }
        return changes
    }
}

/// What to add to hooks the team commits (a tracked `core.hooksPath` folder, husky's `.husky/<hook>`):
/// each line runs convo-hook's shim where it is installed and does nothing elsewhere.
enum TrackedHooksSnippet {
    static func text(folder: String, reason: String? = nil) -> String {
        var lines = [
            reason ?? "\(folder)/ holds hooks the team commits, so no shim was written there. Add this line to each of these hooks",
            "(it does nothing on machines or in clones where convo-hook is not installed):",
        ]
        for name in ManagedHooks.names {
            let input = name == "pre-push" ? " </dev/null" : ""
            lines.append("  \(folder)/\(name):  command -v convo-hook-shim >/dev/null 2>&1 && { convo-hook-shim \(name) \"$@\"\(input) || exit $?; }")
        }
        return lines.joined(separator: "\n")
    }
}
