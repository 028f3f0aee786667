import FoundationEssentials
import Glibc
import HookCore

/// What `convo-hook status` reports about the archive of the current worktree.
public struct ArchiveStatus: Sendable, Codable {
    /// Sessions of this worktree found per source.
    public var sources: [String: Int]
    /// Session folders in the archive.
    public var archivedSessions: Int
    /// Sessions with lines not archived yet.
    public var pendingSessions: Int
    /// Bytes of all files in the archive folder.
    public var archiveBytes: UInt64
    public var archiveFolder: String
    /// Claude Code's `cleanupPeriodDays` (user settings; 30 when unset).
    public var claudeCleanupDays: Int
    /// Set when Claude Code may delete a transcript before it is archived.
    public var warning: String?

    init(repository: Repository) throws {
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions()
        sources = Dictionary(grouping: sessions, by: \.source).mapValues(\.count)
        let state = workspace.capturer.state
        let pending = sessions.filter { locator in
            let archived = state.sessions[CaptureState.key(source: locator.source, sessionID: locator.sessionID)]
            return locator.streams.contains { stream in
                let size = LineChunks.size(stream.path) ?? 0
                let end = stream.endOffset.map { min($0, size) } ?? size
                return end > (archived?.streams[stream.archiveName]?.offset ?? stream.startOffset)
            }
        }
        pendingSessions = pending.count
        archiveFolder = workspace.settings.layout.root
        (archivedSessions, archiveBytes) = ArchiveStatus.measure(workspace.archiveRoot + "/" + archiveFolder)
        claudeCleanupDays = ArchiveStatus.cleanupDays(claudeConfigDir: workspace.context.claudeConfigDir)
        let oldest = pending.filter { $0.source == "claude" }.compactMap { ArchiveStatus.ageInDays($0.streams.first?.path) }.max()
        if let oldest, oldest >= Double(claudeCleanupDays) - 3 {
            warning = "a Claude Code transcript not yet archived is \(Int(oldest)) days old and cleanupPeriodDays is \(claudeCleanupDays): run 'convo-hook capture' now, or raise cleanupPeriodDays in ~/.claude/settings.json"
        }
    }

    /// The human-readable lines.
    public var text: String {
        var lines = ["archive: \(archiveFolder), \(archivedSessions) sessions, \(archiveBytes) bytes; \(pendingSessions) sessions with new lines"]
        lines.append("sources: " + (sources.isEmpty ? "none found" : sources.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        lines.append("Claude Code cleanupPeriodDays: \(claudeCleanupDays)")
        if let warning { lines.append("warning: " + warning) }
        return lines.joined(separator: "\n")
    }

    private static func measure(_ root: String) -> (sessions: Int, bytes: UInt64) {
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: root) else { return (0, 0) }
        var sessions = 0
        var bytes: UInt64 = 0
        for relative in paths {
            if relative.hasSuffix("/" + ArchiveMeta.fileName) { sessions += 1 }
            bytes += LineChunks.size(root + "/" + relative).flatMap { FileSystem.isDirectory(root + "/" + relative) ? nil : $0 } ?? 0
        }
        return (sessions, bytes)
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
