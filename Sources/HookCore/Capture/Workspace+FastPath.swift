import GitIndexFile
import Glibc

extension Workspace {
    /// Records what the pre-commit shim checks before it starts anything (see `HookStateFiles`): the
    /// transcript files and folders of `sessions`, the environment that located them, a stamp dated one
    /// second before this run started (a change during the run still counts as new; no stamp while a
    /// last line without its newline waits to stand still), and what the archive held when this run
    /// ended (`archivePaths`: the index's archive paths, or the archive ref).
    package func writeFastPathFiles(sessions: [SessionLocator], archivePaths: Set<String>) throws {
        // Its watches cover the old list: removing its file ends it.
        try? FileSystem.remove(HookStateFiles.path(.watching, stateDir: stateDir))
        var paths = Set<String>()
        for source in sources { paths.formUnion(source.watchPaths(in: context, sessions: sessions.filter { $0.source == source.name })) }
        paths.insert(location.commonDir + "/config")
        var names = ["HOME"]
        for source in sources { names += source.environmentVariables.filter { !names.contains($0) && Workspace.isShellName($0) } }
        // `|value` for each, as the shim builds it.
        let values = names.map { "|" + (environment[$0] ?? "") }.joined()
        let truthFile = settings.mode == .tree ? "index" : location.commonDir + "/" + ArchiveRefName.full
        // Expanded by the shim as it sources this file: the variables' values now, beside the recorded ones.
        var header = "watch_env_now=\"" + names.map { "|${\($0)-}" }.joined() + "\"\n"
        header += "watch_env=\(ShellFragment.quote(values))\ntruth=\(ShellFragment.quote(truthFile))\n"
        header += "watcher=\(settings.watcher ? "1" : "")\n"
        let watch = HookStateFiles.path(.watch, stateDir: stateDir)
        // For convo-hook-changed: the stat loop of a long list, and the watcher either length leaves.
        let sorted = paths.sorted()
        try FileSystem.writeAtomically(sorted.nulTerminated, to: HookStateFiles.path(.watchList, stateDir: stateDir))
        if paths.count > Workspace.shellWatchLimit {
            // Too many for sh: the shim hands the list to convo-hook-changed instead.
            try FileSystem.writeAtomically(Array(header.utf8) + ShellFragment.setArguments(["--many"]), to: watch)
        } else {
            try FileSystem.writeAtomically(Array(header.utf8) + ShellFragment.setArguments(sorted), to: watch)
        }
        try recordArchiveTruth(archivePaths)
        // Without a stamp the next commit runs in full: the file with the waiting line may not change again.
        guard !capturer.openLineWaits else { return invalidateFastPath() }
        try Workspace.writeStamp(HookStateFiles.path(.stamp, stateDir: stateDir), time: timespec(tv_sec: time_t(startedAt - 1), tv_nsec: 0))
        // A watcher that was arming over the old list may have put its file back meanwhile (it ends with it).
        try? FileSystem.remove(HookStateFiles.path(.watching, stateDir: stateDir))
    }

    /// Records that the archive (the index git commits from, or the archive ref) holds what the state
    /// expects: its digest, and a stamp with its time, so the shim re-checks only after it changed.
    package func recordArchiveTruth(_ archivePaths: Set<String>) throws {
        let truthStamp = HookStateFiles.path(.truthStamp, stateDir: stateDir)
        let truth: String
        switch settings.mode {
        case .tree:
            try FileSystem.writeAtomically(
                Array((settings.layout.root + "\n" + IndexDigest.of(archivePaths) + "\n").utf8),
                to: HookStateFiles.path(.indexDigest, stateDir: stateDir))
            truth = Workspace.indexFile(environment: environment, gitDir: location.gitDir, workdir: workdir)
        case .ref:
            truth = location.commonDir + "/" + ArchiveRefName.full
        }
        // No such file (a packed ref, no index yet), or a temporary index (a partial commit's, a tool's own):
        // the stamp is the epoch, and the next commit compares what it finds.
        let before = GitIndexFile.coarseNow()
        var info = stat()
        var time = timespec()
        if stat(truth, &info) == 0,
            settings.mode == .ref || GitIndexFile.isRepositoryIndex(inode: UInt(info.st_ino), modified: info.st_mtim, gitDir: location.gitDir)
        {
            time = GitIndexFile.stampTime(modified: info.st_mtim, clockBeforeRead: before)
        }
        try Workspace.writeStamp(truthStamp, time: time)
    }

    /// The index git commits from: `GIT_INDEX_FILE` (relative to the worktree root, where hooks run), else the git dir's.
    package static func indexFile(environment: [String: String], gitDir: String, workdir: String) -> String {
        guard let file = environment["GIT_INDEX_FILE"], !file.isEmpty else { return gitDir + "/index" }
        return file.hasPrefix("/") ? file : workdir + "/" + file
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`: safe to name in the sourced file.
    private static func isShellName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Above this many watched paths the shim stops testing them one by one in sh.
    package static let shellWatchLimit = 64

    /// Makes the next pre-commit take the full path (e.g. after `capture` spooled lines it must commit).
    package func invalidateFastPath() {
        try? FileSystem.remove(HookStateFiles.path(.stamp, stateDir: stateDir))
        try? FileSystem.remove(HookStateFiles.path(.watching, stateDir: stateDir))
    }

    /// An empty file dated `time`, dated before it takes its name: a shim reading it in between would take
    /// "now" for its time.
    private static func writeStamp(_ path: String, time: timespec) throws {
        let temporary = FileSystem.temporaryName(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0, close(fd) == 0 else { throw FileError(path: path, action: "create") }
        var times = [time, time]
        guard utimensat(AT_FDCWD, temporary, &times, 0) == 0 else {
            unlink(temporary)
            throw FileError(path: path, action: "set the time of")
        }
        try FileSystem.move(temporary, to: path)
    }
}
