import FoundationEssentials
import Glibc
import HookCore

/// What `convo-hook status` reports about the archive of the current worktree.
public struct ArchiveStatus: Sendable, Codable {
    /// Sessions of this worktree found per source.
    public var sources: [String: Int]
    /// Every enabled source in order: whether its tool is on this machine, and this worktree's sessions.
    public var sourceStates: [SourceState]

    public struct SourceState: Sendable, Codable, Equatable {
        public var name: String
        /// nil when the source cannot tell (Aider keeps its history in the repository).
        public var installed: Bool?
        public var sessions: Int
    }
    /// Session folders in the archive.
    public var archivedSessions: Int
    /// Sessions with lines the next commit would archive.
    public var pendingSessions: Int
    /// Lines the next commit would archive (new, captured, or taken out of the tree by a reset or checkout).
    public var pendingLines: Int
    /// Of those, lines only in the transcripts (not captured into the git dir yet).
    public var uncapturedLines: Int
    /// Archived sessions whose transcript is not on this machine and that `convo-hook restore` can write back.
    public var restorableSessions: Int
    /// Bytes of all files in the archive folder.
    public var archiveBytes: UInt64
    public var archiveFolder: String
    /// Claude Code's `cleanupPeriodDays` (user settings; 30 when unset).
    public var claudeCleanupDays: Int
    /// Set when Claude Code may delete a transcript before it is archived.
    public var warning: String?
    /// The watcher that answers commits with nothing new (`HookStateFiles.watching`), as `status` words it.
    public var watcher: String

    init(repository: Repository) throws {
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions()
        sources = Dictionary(grouping: sessions, by: \.source).mapValues(\.count)
        sourceStates = workspace.sources.map { source in
            let count = sessions.filter { $0.source == source.name }.count
            let installed = source.installation(in: workspace.context).map { FileSystem.exists($0) }
            return SourceState(name: source.name, installed: count > 0 ? true : installed, sessions: count)
        }
        let listing = try workspace.listing()
        workspace.recoverState(of: sessions, from: listing)
        let pendingLines = workspace.pendingLines(of: sessions, listing: listing)
        let pending = sessions.filter { pendingLines[CaptureState.key(source: $0.source, sessionID: $0.sessionID)] != nil }
        let atRisk = sessions.filter { (pendingLines[CaptureState.key(source: $0.source, sessionID: $0.sessionID)]?.notCaptured ?? 0) > 0 }
        pendingSessions = pending.count
        self.pendingLines = pendingLines.values.reduce(0) { $0 + $1.total }
        uncapturedLines = pendingLines.values.reduce(0) { $0 + $1.notCaptured }
        let root = workspace.settings.layout.root
        archiveFolder = root
        archivedSessions =
            Set(
                listing.paths.compactMap { ArchivePathInfo(path: $0, root: root)?.folder }
                    + listing.paths.filter { $0.hasSuffix("/" + LegacyMeta.fileName) }.map(FileSystem.parent(of:))
            ).count
        archiveBytes = try ArchiveStatus.bytes(of: listing, workspace: workspace)
        let archivedKeys = Set(listing.paths.compactMap { ArchivePathInfo(path: $0, root: root)?.session })
        let here = TranscriptsHere(workspace: workspace)
        restorableSessions = archivedKeys.filter { here.isRestorable(source: String($0.split(separator: "/").first ?? ""), key: $0) }.count
        claudeCleanupDays = ArchiveStatus.cleanupDays(claudeConfigDir: workspace.context.claudeConfigDir)
        watcher = WatcherState.read(stateDir: workspace.stateDir, enabled: workspace.settings.watcher).description
        let oldest = atRisk.filter { $0.source == "claude" }.compactMap { ArchiveStatus.ageInDays($0.streams.first?.path) }.max()
        if let oldest, oldest >= Double(claudeCleanupDays) - 3 {
            warning =
                "a Claude Code transcript not yet archived is \(Int(oldest)) days old and cleanupPeriodDays is \(claudeCleanupDays): run 'convo-hook capture' now, or raise cleanupPeriodDays in ~/.claude/settings.json"
        }
    }

    /// The human-readable lines.
    public var text: String {
        var lines = [
            "archive: \(archiveFolder), \(archivedSessions) sessions, \(archiveBytes) bytes; next commit: \(pendingLines) lines of \(pendingSessions) sessions (\(uncapturedLines) not captured yet)"
        ]
        if restorableSessions > 0 {
            lines.append("restorable: \(restorableSessions) archived sessions have no transcript on this machine (convo-hook restore <session>)")
        }
        // Sessions of this worktree per source on this machine, then the tools that are not.
        let here = sourceStates.filter { $0.installed != false && ($0.installed == true || $0.sessions > 0) }
        lines.append("sources: " + (here.isEmpty ? "none found" : here.map { "\($0.name) \($0.sessions)" }.joined(separator: ", ")) + " (sessions of this worktree)")
        let absent = sourceStates.filter { $0.installed == false }.map(\.name)
        if !absent.isEmpty { lines.append("not installed: " + absent.joined(separator: ", ")) }
        lines.append("Claude Code cleanupPeriodDays: \(claudeCleanupDays)")
        lines.append(watcher)
        if let warning { lines.append("warning: " + warning) }
        return lines.joined(separator: "\n")
    }

    /// Bytes of the archive files: on disk in tree mode, the blob sizes of the archive ref in ref mode.
    private static func bytes(of listing: ArchiveListing, workspace: Workspace) throws -> UInt64 {
        guard workspace.settings.mode == .ref else {
            return listing.paths.reduce(0) { $0 + (LineChunks.size(workspace.workdir + "/" + $1) ?? 0) }
        }
        let result = try workspace.git().run(["ls-tree", "-r", "-l", "-z", ArchiveRefName.full, "--", listing.root])
        guard result.status == 0 else { return 0 }
        return result.stdout.split(separator: 0).reduce(0) { total, entry in
            let fields = entry.split(separator: UInt8(ascii: "\t"), maxSplits: 1).first?.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
            return total + (fields.flatMap { $0.count >= 4 ? UInt64(String(decoding: $0[3], as: UTF8.self)) : nil } ?? 0)
        }
    }

    private static func cleanupDays(claudeConfigDir: String) -> Int {
        guard !claudeConfigDir.isEmpty, let bytes = FileSystem.read(claudeConfigDir + "/settings.json"),
            let settings = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)),
            case .number(let days) = settings["cleanupPeriodDays"] ?? .null
        else { return 30 }
        return Int(days)
    }

    private static func ageInDays(_ path: String?) -> Double? {
        var st = stat()
        guard let path, stat(path, &st) == 0 else { return nil }
        return Double(time(nil) - st.st_mtim.tv_sec) / 86400
    }
}
