import FoundationEssentials
import HookCore

/// One archived session as the archive folder holds it.
public struct ArchivedSession: Sendable {
    /// Repository-relative folder.
    public var folder: String
    /// `<source>/<sanitized id>`, as in `Conversation:` trailers.
    public var key: String
    var meta: ArchiveMeta

    public var source: String { meta.source }
    public var sessionID: String { meta.sessionID }
    public var title: String? { meta.title }
    public var firstTimestamp: String? { meta.firstTimestamp }
    public var lineCount: Int { meta.lineCount }
}

/// The sessions in an archive and how to find one by id or prefix.
struct ArchiveCatalog {
    let files: any ArchiveFiles
    let sessions: [ArchivedSession]

    init(files: any ArchiveFiles, layout: ArchiveLayout) {
        self.files = files
        var found: [ArchivedSession] = []
        for source in files.list(layout.root) where source.isFolder {
            for name in files.list(layout.root + "/" + source.name) where name.isFolder {
                let folder = layout.root + "/" + source.name + "/" + name.name
                guard let bytes = files.read(folder + "/" + ArchiveMeta.fileName),
                      let meta = try? JSONDecoder().decode(ArchiveMeta.self, from: Data(bytes)) else { continue }
                found.append(ArchivedSession(folder: folder, key: ArchiveLayout.sanitize(meta.source) + "/" + ArchiveLayout.sanitize(meta.sessionID), meta: meta))
            }
        }
        sessions = found.sorted { ($0.firstTimestamp ?? "", $0.folder) > ($1.firstTimestamp ?? "", $1.folder) }
    }

    /// The catalog of `repository`'s archive in the configured mode.
    init(repository: Repository) throws {
        let settings = try repository.archiveSettings()
        self.init(files: try repository.archiveFiles(settings), layout: settings.layout)
    }

    /// The session whose id (or `source/id`) equals `query` or uniquely starts with it.
    func find(_ query: String) throws -> ArchivedSession? {
        let matches = { (s: ArchivedSession, exact: Bool) -> Bool in
            let ids = [s.sessionID, s.key, ArchiveLayout.sanitize(s.sessionID)]
            return ids.contains { exact ? $0 == query : $0.hasPrefix(query) }
        }
        if let exact = sessions.first(where: { matches($0, true) }) { return exact }
        let prefixed = sessions.filter { matches($0, false) }
        if prefixed.count > 1 {
            throw ArchiveError("'\(query)' matches \(prefixed.count) sessions (\(prefixed.prefix(3).map(\.sessionID).joined(separator: ", "))…); give more of the id")
        }
        return prefixed.first
    }

    /// The lines of one stream of a session, from its parts in order.
    func lines(of session: ArchivedSession, stream: String = "main") -> [ArraySlice<UInt8>] {
        let prefix = stream == "main" ? "" : stream + "/"
        let parts = session.meta.streams[stream]?.parts ?? 0
        var result: [ArraySlice<UInt8>] = []
        for part in stride(from: 1, through: parts, by: 1) {
            let stem = ArchiveLayout.partName(stream: "", part: part, extension: "")
            let candidates = ["jsonl", "md", "txt"].map { session.folder + "/" + prefix + stem + $0 }
            guard let bytes = candidates.lazy.compactMap(files.read).first else { continue }
            result += bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(bytes.last == UInt8(ascii: "\n") ? 1 : 0)
        }
        return result
    }
}
