import FoundationEssentials
import HookCore

/// What is known of an archived session, derived from its folder name and its lines.
struct ArchivedSessionFacts: Sendable {
    var source: String
    var sessionID: String
    var cwd: String?
    var branch: String?
    var firstTimestamp: String?
    var lastTimestamp: String?
    var title: String?
    /// Distinct lines of every stream.
    var lineCount: Int
    /// Stream (`main`, `subagents/<name>`) → its part paths, in line order.
    var streams: [String: [String]]
}

/// One archived session as the archive folder holds it.
public struct ArchivedSession: Sendable {
    /// Repository-relative folder.
    public var folder: String
    /// `<source>/<sanitized id>`, as in `Conversation:` trailers.
    public var key: String
    var meta: ArchivedSessionFacts

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
            for name in files.list(layout.root + "/" + source.name) where name.isFolder && name.name.utf8.count > ArchiveLayout.stampLength + 1 {
                let folder = layout.root + "/" + source.name + "/" + name.name
                guard let facts = ArchiveCatalog.facts(folder: folder, source: source.name, name: name.name, files: files) else { continue }
                found.append(ArchivedSession(folder: folder, key: source.name + "/" + String(name.name.dropFirst(ArchiveLayout.stampLength + 1)), meta: facts))
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

    /// The lines of one stream of a session, each line number once, in order.
    func lines(of session: ArchivedSession, stream: String = "main") -> [ArraySlice<UInt8>] {
        ArchiveCatalog.lines(parts: session.meta.streams[stream] ?? [], files: files)
    }

    /// Lines of parts given in line order: round-1 parts (numbered consecutively), then write-once parts
    /// named by their line range, of which overlapping copies are read once.
    private static func lines(parts: [String], files: any ArchiveFiles) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        for path in parts {
            guard let bytes = files.read(path) else { continue }
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(bytes.last == UInt8(ascii: "\n") ? 1 : 0)
            if let name = ArchivePartName.parse(String(path.split(separator: "/").last ?? "")) {
                // Lines before `result.count + 1` are already read from another part.
                let skip = result.count + 1 - name.first
                guard skip < lines.count else { continue }
                if skip > 0 { lines = lines.dropFirst(skip) }
            }
            result += lines
        }
        return result
    }

    private static func facts(folder: String, source: String, name: String, files: any ArchiveFiles) -> ArchivedSessionFacts? {
        var streams: [String: [String]] = [:]
        collect(folder, stream: "", files: files, into: &streams)
        guard !streams.isEmpty else { return nil }
        let id = String(name.dropFirst(ArchiveLayout.stampLength + 1))
        var metadata = SessionMetadata(source: source, sessionID: id)
        let transcriptSource = TranscriptSources.named(source, customSources: [])
        var lineCount = 0
        for (stream, parts) in streams {
            let lines = lines(parts: parts, files: files)
            lineCount += lines.count
            guard stream == "main" else { continue }
            for line in lines { transcriptSource?.absorb(Array(line), into: &metadata) }
        }
        if metadata.firstTimestamp == nil, !isoStamp(name).isEmpty { metadata.firstTimestamp = isoStamp(name) + "Z" }
        return ArchivedSessionFacts(source: source, sessionID: metadata.sessionID, cwd: metadata.cwd, branch: metadata.branch,
                                    firstTimestamp: metadata.firstTimestamp, lastTimestamp: metadata.lastTimestamp, title: metadata.title,
                                    lineCount: lineCount, streams: streams)
    }

    /// `YYYYMMDD-HHMMSS` of a folder name as `YYYY-MM-DDTHH:MM:SS`.
    private static func isoStamp(_ name: String) -> String {
        let c = Array(name.prefix(ArchiveLayout.stampLength))
        guard c.count == ArchiveLayout.stampLength else { return "" }
        return String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8]) + "T" + String(c[9..<11]) + ":" + String(c[11..<13]) + ":" + String(c[13..<15])
    }

    private static func collect(_ folder: String, stream: String, files: any ArchiveFiles, into streams: inout [String: [String]]) {
        var legacy: [(Int, String)] = []
        var ranged: [(ArchivePartName, String)] = []
        for entry in files.list(folder) {
            let path = folder + "/" + entry.name
            if entry.isFolder {
                collect(path, stream: stream.isEmpty ? entry.name : stream + "/" + entry.name, files: files, into: &streams)
            } else if let name = ArchivePartName.parse(entry.name) {
                ranged.append((name, path))
            } else if let n = ArchivePartName.legacyNumber(entry.name) {
                legacy.append((n, path))
            }
        }
        let parts = legacy.sorted { $0.0 < $1.0 }.map(\.1) + ranged.sorted { $0.0 < $1.0 }.map(\.1)
        if !parts.isEmpty { streams[stream.isEmpty ? "main" : stream] = parts }
    }
}
