import CSQLite
import Glibc
import HookCore

/// The full-text index of one archive: an SQLite file with an FTS5 table over the searchable text
/// of every part file, plus what was indexed of each part (so only new complete lines are read next
/// time). Derived data: deleting the file loses nothing, the next search rebuilds it.
public final class SearchIndex {
    public let path: String
    let db: SQLiteDatabase

    /// Bump when the schema or the text extraction changes: an older index is rebuilt.
    static let schemaVersion = "1"

    /// What opening found, for the one-line notice the CLI prints.
    public enum OpenState: Equatable, Sendable {
        case ready
        case created
        /// The file was unreadable or of an older schema and was replaced; the reason.
        case rebuilt(String)
    }

    public private(set) var openState: OpenState = .ready

    /// Opens the index at `path` for the archive at `archiveRoot`, creating it, or replacing a corrupt
    /// or outdated one.
    public init(path: String, archiveRoot: String) throws {
        self.path = path
        try FileSystem.makeDirectories(FileSystem.parent(of: path))
        let existed = FileSystem.exists(path)
        do {
            db = try SearchIndex.open(path, archiveRoot: archiveRoot, existed: existed)
            openState = existed ? .ready : .created
        } catch let reason as Outdated {
            try SearchIndex.removeFiles(path)
            db = try SearchIndex.open(path, archiveRoot: archiveRoot, existed: false)
            openState = .rebuilt(reason.description)
        } catch let error as SQLiteError where error.isCorruption || error.code == SQLITE_CANTOPEN {
            try SearchIndex.removeFiles(path)
            db = try SearchIndex.open(path, archiveRoot: archiveRoot, existed: false)
            openState = .rebuilt("it was unreadable (\(error.message))")
        }
    }

    private struct Outdated: Error, CustomStringConvertible { let description: String }

    private static func open(_ path: String, archiveRoot: String, existed: Bool) throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(path: path)
        // Derived data: a crash may lose the last update, never the archive.
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768")
        if existed {
            let info = try db.prepare("SELECT value FROM info WHERE key = ?")
            func value(_ key: String) throws -> String? {
                try info.bind([.text(key)])
                return try info.step() ? info.text(0) : nil
            }
            guard try value("schema") == schemaVersion else { throw Outdated(description: "it was made by another version") }
            guard try value("root") == archiveRoot else { throw Outdated(description: "the archive folder changed") }
            return db
        }
        try db.transaction {
            try db.execute("""
            CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE sessions(id INTEGER PRIMARY KEY, folder TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                session_id TEXT NOT NULL, title TEXT, first_ts TEXT, first_epoch INTEGER, meta_version TEXT NOT NULL);
            CREATE TABLE parts(id INTEGER PRIMARY KEY, session INTEGER NOT NULL, path TEXT NOT NULL UNIQUE,
                version TEXT NOT NULL, size INTEGER NOT NULL, indexed INTEGER NOT NULL, lines INTEGER NOT NULL);
            CREATE TABLE docs(id INTEGER PRIMARY KEY, part INTEGER NOT NULL, session INTEGER NOT NULL,
                line INTEGER NOT NULL, role TEXT NOT NULL, ts TEXT, epoch INTEGER);
            CREATE INDEX docs_part ON docs(part);
            CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
            """)
            let insert = try db.prepare("INSERT INTO info(key, value) VALUES (?, ?)")
            try insert.run([.text("schema"), .text(schemaVersion)])
            try insert.run([.text("root"), .text(archiveRoot)])
        }
        return db
    }

    static func removeFiles(_ path: String) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] { try FileSystem.remove(path + suffix) }
    }

    // MARK: indexing

    /// What one update read.
    public struct UpdateReport: Sendable, Equatable {
        public var partsIndexed = 0
        public var bytesIndexed: UInt64 = 0
        public var documentsAdded = 0
        public var partsRemoved = 0
    }

    private struct PartRow {
        var id: Int64
        var session: Int64
        var version: String
        var size: UInt64
        var indexed: UInt64
        var lines: Int
    }

    /// Brings the index up to date with `reader`: new parts are read whole, grown parts from where the
    /// last update stopped (complete lines only), changed or shrunk parts again, vanished parts dropped.
    @discardableResult
    public func update(from reader: any ArchiveReader, progress: ((Int, Int) -> Void)? = nil) throws -> UpdateReport {
        let started = SearchIndex.milliseconds()
        // Taken before listing: a change during the listing makes the next search list again.
        let fingerprint = reader.fingerprint()
        if let fingerprint, try info("fingerprint") == fingerprint {
            Diagnostics.trace("search: archive unchanged since the last search (\(SearchIndex.milliseconds() - started) ms)")
            return UpdateReport()
        }
        defer { if let fingerprint { try? setInfo("fingerprint", fingerprint) } }
        let onDisk = try reader.sessions()
        Diagnostics.trace("search: listed \(onDisk.count) archived sessions in \(SearchIndex.milliseconds() - started) ms")
        var sessions: [String: (id: Int64, metaVersion: String)] = [:]
        let sessionRows = try db.prepare("SELECT id, folder, meta_version FROM sessions")
        try sessionRows.bind([])
        while try sessionRows.step() { sessions[sessionRows.text(1) ?? ""] = (sessionRows.int(0), sessionRows.text(2) ?? "") }
        var parts: [String: PartRow] = [:]
        let partRows = try db.prepare("SELECT id, session, path, version, size, indexed, lines FROM parts")
        try partRows.bind([])
        while try partRows.step() {
            parts[partRows.text(2) ?? ""] = PartRow(id: partRows.int(0), session: partRows.int(1), version: partRows.text(3) ?? "",
                                                    size: UInt64(partRows.int(4)), indexed: UInt64(partRows.int(5)), lines: Int(partRows.int(6)))
        }

        // Decide everything before writing, so a no-change search never opens a write transaction.
        var work: [(session: SearchableSession, part: SearchablePart, old: PartRow?)] = []
        var metaChanged: [SearchableSession] = []
        var seenSessions = Set<String>(), seenParts = Set<String>()
        for session in onDisk {
            seenSessions.insert(session.folder)
            if sessions[session.folder]?.metaVersion != session.metaVersion { metaChanged.append(session) }
            for part in session.parts {
                seenParts.insert(part.path)
                let old = parts[part.path]
                if let old, old.version == part.version { continue }
                work.append((session, part, old))
            }
        }
        let goneParts = parts.filter { !seenParts.contains($0.key) }.map(\.value)
        let goneSessions = sessions.filter { !seenSessions.contains($0.key) }.map(\.value.id)
        var report = UpdateReport()
        Diagnostics.trace("search: freshness check done after \(SearchIndex.milliseconds() - started) ms; \(work.count) parts to read")
        guard !work.isEmpty || !metaChanged.isEmpty || !goneParts.isEmpty || !goneSessions.isEmpty else { return report }

        try db.transaction {
            let upsertSession = try db.prepare("""
            INSERT INTO sessions(folder, source, session_id, title, first_ts, first_epoch, meta_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT(folder) DO UPDATE SET source = ?2, session_id = ?3, title = ?4, first_ts = ?5, first_epoch = ?6, meta_version = ?7
            RETURNING id
            """)
            for session in metaChanged {
                let meta = SessionFacts(session: session, meta: reader.meta(of: session))
                try upsertSession.bind([.text(session.folder), .text(session.source), .text(meta.sessionID), meta.title.map { .text($0) } ?? .null,
                                        meta.firstTimestamp.map { .text($0) } ?? .null, meta.firstEpoch.map { .integer($0) } ?? .null,
                                        .text(session.metaVersion)])
                guard try upsertSession.step() else { continue }
                sessions[session.folder] = (upsertSession.int(0), session.metaVersion)
            }
            let sessionEpoch = try db.prepare("SELECT first_epoch FROM sessions WHERE id = ?")
            let deleteFTS = try db.prepare("DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE part = ?)")
            let deleteDocs = try db.prepare("DELETE FROM docs WHERE part = ?")
            let deletePart = try db.prepare("DELETE FROM parts WHERE id = ?")
            for gone in goneParts {
                try deleteFTS.run([.integer(gone.id)])
                try deleteDocs.run([.integer(gone.id)])
                try deletePart.run([.integer(gone.id)])
                report.partsRemoved += 1
            }
            let deleteSession = try db.prepare("DELETE FROM sessions WHERE id = ?")
            for id in goneSessions { try deleteSession.run([.integer(id)]) }

            let upsertPart = try db.prepare("""
            INSERT INTO parts(session, path, version, size, indexed, lines) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(path) DO UPDATE SET session = ?1, version = ?3, size = ?4, indexed = ?5, lines = ?6
            RETURNING id
            """)
            let insertDoc = try db.prepare("INSERT INTO docs(part, session, line, role, ts, epoch) VALUES (?, ?, ?, ?, ?, ?)")
            let insertFTS = try db.prepare("INSERT INTO fts(rowid, text) VALUES (?, ?)")
            for (i, item) in work.enumerated() {
                progress?(i, work.count)
                guard let sessionID = sessions[item.session.folder]?.id else { continue }
                try sessionEpoch.bind([.integer(sessionID)])
                let fallbackEpoch: Int64? = try sessionEpoch.step() && !sessionEpoch.isNull(0) ? sessionEpoch.int(0) : nil
                // Closed parts never change and an open one only grows: read on from where we stopped.
                var start: UInt64 = 0, lines = 0
                if let old = item.old {
                    if item.part.size >= old.indexed && old.session == sessionID {
                        start = old.indexed
                        lines = old.lines
                    } else {
                        try deleteFTS.run([.integer(old.id)])
                        try deleteDocs.run([.integer(old.id)])
                    }
                }
                try upsertPart.bind([.integer(sessionID), .text(item.part.path), .text(item.part.version), .integer(Int64(item.part.size)),
                                     .integer(Int64(start)), .integer(Int64(lines))])
                guard try upsertPart.step() else { continue }
                let partID = upsertPart.int(0)
                try upsertPart.bind([])   // release the statement before the inserts below
                var textReader = PartTextReader(format: PartFormat.of(source: item.session.source, fileName: item.part.path))
                func store(_ documents: [SearchDocument]) throws {
                    for doc in documents {
                        try insertDoc.run([.integer(partID), .integer(sessionID), .integer(Int64(doc.line)), .text(doc.role.rawValue),
                                           doc.timestamp.map { .text($0) } ?? .null,
                                           (SearchTime.epoch(doc.timestamp) ?? fallbackEpoch).map { .integer($0) } ?? .null])
                        try insertFTS.run([.integer(db.lastInsertRowID), .text(doc.text)])
                        report.documentsAdded += 1
                    }
                }
                var lineNumber = lines
                let end = try reader.readLines(of: item.part, from: start) { line in
                    lineNumber += 1
                    try store(textReader.documents(line: line, number: lineNumber))
                }
                try store(textReader.finish())
                try db.prepare("UPDATE parts SET indexed = ?, lines = ? WHERE id = ?")
                    .run([.integer(Int64(end)), .integer(Int64(lineNumber)), .integer(partID)])
                report.partsIndexed += 1
                report.bytesIndexed += end - start
            }
        }
        return report
    }

    /// Facts from `meta.json`, falling back to the folder name.
    struct SessionFacts {
        var sessionID: String
        var title: String?
        var firstTimestamp: String?
        var firstEpoch: Int64?

        init(session: SearchableSession, meta: [UInt8]?) {
            let name = session.folder.split(separator: "/").last.map(String.init) ?? session.folder
            let bytes = (meta ?? [])[...]
            let m = JSONLineFields.members(bytes, keys: ["sessionID", "title", "firstTimestamp"])
            sessionID = m["sessionID"].flatMap { JSONLineFields.string(bytes, $0) }
                ?? (FolderArchiveReader.looksLikeSessionFolder(name) ? String(name.dropFirst(16)) : name)
            title = m["title"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: 400) }
            firstTimestamp = m["firstTimestamp"].flatMap { JSONLineFields.string(bytes, $0) }
            firstEpoch = SearchTime.epoch(firstTimestamp)
            if firstEpoch == nil, FolderArchiveReader.looksLikeSessionFolder(name) {
                let s = Array(name.utf8)
                let iso = String(decoding: s[0..<4], as: UTF8.self) + "-" + String(decoding: s[4..<6], as: UTF8.self) + "-"
                    + String(decoding: s[6..<8], as: UTF8.self) + "T" + String(decoding: s[9..<11], as: UTF8.self) + ":"
                    + String(decoding: s[11..<13], as: UTF8.self) + ":" + String(decoding: s[13..<15], as: UTF8.self) + "Z"
                firstEpoch = SearchTime.epoch(iso)
            }
        }
    }

    static func milliseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }

    func info(_ key: String) throws -> String? {
        let statement = try db.prepare("SELECT value FROM info WHERE key = ?")
        try statement.bind([.text(key)])
        return try statement.step() ? statement.text(0) : nil
    }

    func setInfo(_ key: String, _ value: String) throws {
        try db.prepare("INSERT INTO info(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2").run([.text(key), .text(value)])
    }

    /// Number of indexed documents (for status and tests).
    public func documentCount() throws -> Int {
        let count = try db.prepare("SELECT count(*) FROM docs")
        try count.bind([])
        return try count.step() ? Int(count.int(0)) : 0
    }
}
