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

    package init(location: RepositoryLocation, config: some GitConfigReading,
                 environment: [String: String] = ProcessEnvironment.current) throws {
        self.location = location
        workdir = location.workdir
        startedAt = Int64(time(nil))
        settings = try ArchiveSettings(config: config)
        stateDir = location.stateDir
        // Ref mode keeps its files in the git dir until they are committed to refs/convo/archive.
        archiveRoot = settings.mode == .tree ? workdir : Workspace.refArchiveRoot(stateDir: stateDir)
        stateFile = stateDir + (settings.mode == .tree ? "/state.json" : "/state-ref.json")
        try FileSystem.makeDirectories(stateDir)
        lock = try FileLock(path: stateDir + "/lock")
        FileSystem.removeStaleTemporaries(in: stateDir)
        context = SourceContext.from(environment: environment, repoRoot: workdir, worktreeRoots: [], customSources: settings.sources)
        let redactor = try Redactor(config: settings.redaction)
        capturer = Capturer(workdir: archiveRoot, settings: settings, redactor: redactor,
                            state: CaptureState.load(from: stateFile), now: startedAt)
    }

    /// Where ref mode keeps archive files until post-commit commits them to refs/convo/archive.
    package static func refArchiveRoot(stateDir: String) -> String { stateDir + "/ref-archive" }

    /// The enabled transcript sources.
    package lazy var sources: [any TranscriptSource] = TranscriptSources.all(customSources: settings.sources)

    /// This worktree's sessions, optionally only one source or one session (by id or unique id prefix).
    package func sessions(source: String? = nil, session: String? = nil) -> [SessionLocator] {
        var found: [SessionLocator] = []
        for transcriptSource in sources where source == nil || transcriptSource.name == source {
            found += transcriptSource.sessions(in: context, cache: &capturer.state.headCache)
        }
        found = withoutNestedWorktreeSessions(found)
        guard let session else { return found }
        let exact = found.filter { $0.sessionID == session }
        return exact.isEmpty ? found.filter { $0.sessionID.hasPrefix(session) } : exact
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

    /// Archives what is new; returns the repository-relative files written.
    @discardableResult
    package func capture(_ sessions: [SessionLocator], progress: Bool = false) throws -> [String] {
        let byName = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var written: [String] = []
        let showProgress = progress && sessions.count > 20 && isatty(2) == 1
        for (i, session) in sessions.enumerated() {
            if showProgress, i % 10 == 0 { Diagnostics.progress("capturing session \(i + 1) of \(sessions.count)") }
            written += try capturer.capture([session]) { byName[$0] }
        }
        if showProgress { Diagnostics.progress(nil) }
        return written
    }

    /// Saves the capture state atomically.
    package func saveState() throws {
        try capturer.state.save(to: stateFile)
    }

    /// Records what the pre-commit shim stats: the files of `sessions` and the folders new sessions appear in,
    /// and a stamp dated one second before this run started, so a change during the run still counts as new.
    package func writeFastPathFiles(sessions: [SessionLocator]) throws {
        var paths = Set<String>()
        for source in sources { paths.formUnion(source.watchPaths(in: context, sessions: sessions.filter { $0.source == source.name })) }
        paths.insert(location.commonDir + "/config")
        let env = ProcessEnvironment.current
        let watchedEnvironment = ["HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME"].map { env[$0] ?? "" }.joined(separator: "|")
        let header = Array("watch_env=\(ShellFragment.quote(watchedEnvironment))\n".utf8)
        if paths.count > Workspace.shellWatchLimit {
            // Too many for sh: the shim hands the list to convo-hook-changed instead.
            try FileSystem.writeAtomically(paths.sorted().nulTerminated, to: stateDir + "/watch.list")
            try FileSystem.writeAtomically(header + ShellFragment.setArguments(["--many"]), to: stateDir + "/watch")
        } else {
            try FileSystem.writeAtomically(header + ShellFragment.setArguments(paths.sorted()), to: stateDir + "/watch")
        }
        let stamp = stateDir + "/stamp"
        try FileSystem.writeAtomically([], to: stamp)
        var times = [timespec(tv_sec: time_t(startedAt - 1), tv_nsec: 0), timespec(tv_sec: time_t(startedAt - 1), tv_nsec: 0)]
        guard utimensat(AT_FDCWD, stamp, &times, 0) == 0 else { throw FileError(path: stamp, action: "set the time of") }
    }

    /// Above this many watched paths the shim stops testing them one by one in sh.
    package static let shellWatchLimit = 64

    /// Makes the next pre-commit take the full path (e.g. after `capture` wrote files it must stage).
    package func invalidateFastPath() {
        try? FileSystem.remove(stateDir + "/stamp")
    }
}
