import FoundationEssentials
import HookCore

/// `convo-hook log`: the archived sessions, newest first, with the commits that carry them.
public enum ConversationLog {
    /// One session in the log.
    public struct Entry: Codable, Sendable {
        public var session: String
        public var source: String
        public var sessionID: String
        public var started: String?
        public var title: String?
        public var lines: Int
        public var folder: String
        public var commits: [String]
        /// The transcript is not on this machine (deleted by the assistant's cleanup, or a teammate's
        /// session): `convo-hook restore` writes it back.
        public var restorable: Bool
    }

    /// The entries of the current worktree's archive.
    public static func entries(repository: Repository) throws -> [Entry] {
        let catalog = try ArchiveCatalog(repository: repository)
        let links = try SessionLinks(repository: repository)
        let here = try? TranscriptsHere(repository: repository)
        return catalog.sessions.map { s in
            Entry(session: s.key, source: s.source, sessionID: s.sessionID, started: s.firstTimestamp, title: s.title,
                  lines: s.lineCount, folder: s.folder, commits: links.commits(for: s.key).map(\.description),
                  restorable: here?.isRestorable(source: s.source, key: s.key) ?? false)
        }
    }

    /// The human-readable listing.
    public static func text(_ entries: [Entry]) -> String {
        guard !entries.isEmpty else { return "no archived sessions" }
        return entries.map { e in
            let commits = e.commits.isEmpty ? "not committed" : e.commits.map { String($0.prefix(7)) }.joined(separator: " ")
            let restorable = e.restorable ? "  (transcript gone here: restorable)" : ""
            return "\(e.started ?? "?")  \(e.session)  \(e.lines) lines  \(commits)\(restorable)\n    \(e.title ?? "(untitled)")"
        }.joined(separator: "\n")
    }

    /// The entries as pretty-printed JSON.
    public static func json(_ entries: [Entry]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
