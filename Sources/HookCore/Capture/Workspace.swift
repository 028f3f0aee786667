import FoundationEssentials
import Glibc

/// One run against the archive of the current worktree: settings, sources and state, under the state lock.
package final class Workspace {
    package let location: RepositoryLocation
    package let workdir: String
    package let settings: ArchiveSettings
    package let stateDir: String
    /// The folder archive paths are relative to: the worktree (tree mode) or a private folder (ref mode).
    package let archiveRoot: String
    private let stateFile: String
    package let context: SourceContext
    private let lock: FileLock
    package let capturer: Capturer
    package let startedAt: Int64
    /// The repository stores objects by SHA-256 (`extensions.objectFormat=sha256`).
    package let sha256Objects: Bool
    package let environment: [String: String]

    /// `settings` overrides what `config` says (commands pass the mode they detected from the repository).
    package init(
        location: RepositoryLocation, config: some GitConfigReading, settings detected: ArchiveSettings? = nil,
        environment: [String: String] = ProcessEnvironment.current
    ) throws {
        self.location = location
        self.environment = environment
        workdir = location.workdir
        startedAt = Int64(time(nil))
        settings = try detected ?? ArchiveSettings(config: config)
        sha256Objects = (try? config.string("extensions.objectformat"))??.lowercased() == "sha256"
        stateDir = location.stateDir
        // Ref mode writes its parts in the git dir until post-commit commits them to refs/convo/archive.
        archiveRoot = settings.mode == .tree ? workdir : Workspace.refArchiveRoot(stateDir: stateDir)
        stateFile = HookStateFiles.path(settings.mode == .tree ? .state : .refState, stateDir: stateDir)
        try FileSystem.makeDirectories(stateDir)
        lock = try FileLock(path: HookStateFiles.path(.lock, stateDir: stateDir))
        FileSystem.removeStaleTemporaries(in: stateDir)
        context = SourceContext.from(environment: environment, repoRoot: workdir, worktreeRoots: [], customSources: settings.sources)
        let redactor = try Redactor(config: settings.redaction)
        capturer = Capturer(
            settings: settings, redactor: redactor, spool: Spool(stateDir: stateDir + (settings.mode == .tree ? "" : "/ref")),
            state: CaptureState.load(from: stateFile), now: startedAt)
    }

    /// Where ref mode keeps archive files until post-commit commits them to refs/convo/archive.
    package static func refArchiveRoot(stateDir: String) -> String { stateDir + "/ref-archive" }

    /// The enabled transcript sources.
    package lazy var sources: [any TranscriptSource] = TranscriptSources.all(customSources: settings.sources)

    /// The source called `name`, nil when no enabled source has that name.
    package func source(named name: String) -> (any TranscriptSource)? {
        sources.first { $0.name == name }
    }

    /// The state of every session captured so far, by `<source>/<session id>`.
    package var state: CaptureState {
        get { capturer.state }
        set { capturer.state = newValue }
    }

    /// This worktree's sessions, optionally only one source or one session (by id or unique id prefix).
    package func sessions(source: String? = nil, session: String? = nil) -> [SessionLocator] {
        var found: [SessionLocator] = []
        for transcriptSource in sources where source == nil || transcriptSource.name == source {
            found += transcriptSource.sessions(in: context, cache: &capturer.state.headCache)
        }
        for path in capturer.state.headCache.takeUnreadable() {
            Diagnostics.warning("cannot read \(path); its sessions wait for the next commit")
        }
        found = withoutNestedWorktreeSessions(found)
        guard let session else { return found }
        let exact = found.filter { $0.sessionID == session }
        return exact.isEmpty ? found.filter { $0.sessionID.hasPrefix(session) } : exact
    }

    /// The sessions of every worktree of this repository, not only this one's: which archived sessions
    /// still have a transcript somewhere on this machine.
    package func sessionsOfEveryWorktree() -> [SessionLocator] {
        var everywhere = context
        everywhere.worktreeRoots = Workspace.worktreeRoots(commonDir: location.commonDir).filter { $0 != workdir }
        return sources.flatMap { $0.sessions(in: everywhere, cache: &capturer.state.headCache) }
    }

    /// A linked worktree inside this one (`/repo/.wt/feature`) archives its own sessions; this worktree
    /// must not take them too, or both branches would carry the same session folder.
    private func withoutNestedWorktreeSessions(_ sessions: [SessionLocator]) -> [SessionLocator] {
        let nested = Workspace.worktreeRoots(commonDir: location.commonDir).filter { $0.hasPrefix(workdir + "/") }
        guard !nested.isEmpty else { return sessions }
        let cache = capturer.state.headCache.entries
        return sessions.filter { session in
            guard let cwd = session.streams.first.flatMap({ cache[$0.path]?.cwd }) else { return true }
            return !nested.contains { cwd == $0 || cwd.hasPrefix($0 + "/") }
        }
    }

    /// Every worktree root of the repository: the main one and each linked one (`<common>/worktrees/*/gitdir`).
    package static func worktreeRoots(commonDir: String) -> [String] {
        var roots: [String] = []
        if commonDir.hasSuffix("/.git") { roots.append(String(commonDir.dropLast(5))) }
        for name in FileSystem.list(commonDir + "/worktrees") {
            guard let bytes = FileSystem.read(commonDir + "/worktrees/" + name + "/gitdir") else { continue }
            let gitFile = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \n\r")
            if gitFile.hasSuffix("/.git") { roots.append(String(gitFile.dropLast(5))) }
        }
        return roots
    }

    /// Spools what is new; returns the lines spooled per session key.
    @discardableResult
    package func capture(_ sessions: [SessionLocator], sessionEnded: Bool = false, progress: Bool = false) -> [String: Int] {
        let byName = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var captured: [String: Int] = [:]
        let showProgress = progress && sessions.count > 20 && isatty(2) == 1
        for (i, session) in sessions.enumerated() {
            if showProgress, i % 10 == 0 { Diagnostics.progress("capturing session \(i + 1) of \(sessions.count)") }
            captured.merge(capturer.capture([session], sessionEnded: sessionEnded) { byName[$0] }) { $0 + $1 }
        }
        if showProgress { Diagnostics.progress(nil) }
        return captured
    }

    /// Saves the capture state atomically.
    package func saveState() throws {
        try capturer.state.save(to: stateFile)
    }

    /// A `git` runner in this worktree with the hook's environment.
    package func git() throws -> GitCommand {
        try GitCommand(directory: workdir, environment: environment)
    }

    /// What the archive holds now: the index git commits from (tree mode) or `refs/convo/archive` (ref mode).
    package func listing() throws -> ArchiveListing {
        try listing(root: settings.layout.root)
    }

    /// The same for another archive folder (one an earlier `convo.dir` named).
    package func listing(root: String) throws -> ArchiveListing {
        switch settings.mode {
        case .tree:
            let indexFile = Workspace.indexFile(environment: environment, gitDir: location.gitDir, workdir: workdir)
            return try ArchiveListing.index(root: root, indexFile: indexFile, git: git())
        case .ref: return try ArchiveListing.tree(of: ArchiveRefName.full, root: root, git: git())
        }
    }
}
