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
    static let schemaVersion = "2"

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
            try db.execute(
                """
                CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE sessions(id INTEGER PRIMARY KEY, folder TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                    session_id TEXT NOT NULL, title TEXT, first_ts TEXT, first_epoch INTEGER, signature TEXT NOT NULL);
                CREATE TABLE parts(id INTEGER PRIMARY KEY, session INTEGER NOT NULL, stream TEXT NOT NULL, path TEXT NOT NULL UNIQUE,
                    version TEXT NOT NULL, first_line INTEGER NOT NULL, last_line INTEGER NOT NULL);
                CREATE INDEX parts_session ON parts(session);
                CREATE TABLE docs(id INTEGER PRIMARY KEY, part INTEGER NOT NULL, session INTEGER NOT NULL, stream TEXT NOT NULL,
                    line INTEGER NOT NULL, role TEXT NOT NULL, ts TEXT, epoch INTEGER);
                CREATE INDEX docs_part ON docs(part);
                CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2');
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
        public var sessionsRead = 0
        public var partsIndexed = 0
        public var bytesIndexed: UInt64 = 0
        public var documentsAdded = 0
        public var partsRemoved = 0
    }

    private struct PartRow {
        var id: Int64
        var session: Int64
        var stream: String
        var version: String
        var lines: ClosedRange<Int>?
    }

    /// Brings the index up to date with `archive`: a session whose parts changed is read again (once, all
    /// streams), and the lines of its new parts that no indexed part already holds are indexed; parts gone
    /// from the archive take their text with them. `fingerprint`, when it equals the last update's, means
    /// nothing changed and nothing is listed.
    @discardableResult
    public func update(from archive: ConversationArchive, fingerprint: String? = nil, progress: ((Int, Int) -> Void)? = nil) throws -> UpdateReport {
        let started = SearchIndex.milliseconds()
        if let fingerprint, try info("fingerprint") == fingerprint {
            Diagnostics.trace("search: archive unchanged since the last search (\(SearchIndex.milliseconds() - started) ms)")
            return UpdateReport()
        }
        defer { if let fingerprint { try? setInfo("fingerprint", fingerprint) } }
        let reader = archive.reader
        let onDisk = reader.sessions()
        var known: [String: (id: Int64, signature: String)] = [:]
        let sessionRows = try db.prepare("SELECT id, folder, signature FROM sessions")
        try sessionRows.bind([])
        while try sessionRows.step() { known[sessionRows.text(1) ?? ""] = (sessionRows.int(0), sessionRows.text(2) ?? "") }

        // Decide everything before writing, so a no-change search never opens a write transaction.
        var work: [(session: ArchivedSession, signature: String)] = []
        var seen = Set<String>()
        for session in onDisk {
            seen.insert(session.folder)
            let signature = SessionFactsCache.signature(reader.streams(of: session))
            if known[session.folder]?.signature != signature { work.append((session, signature)) }
        }
        let gone = known.filter { !seen.contains($0.key) }.map(\.value.id)
        var report = UpdateReport()
        Diagnostics.trace("search: \(onDisk.count) sessions listed, \(work.count) to read, after \(SearchIndex.milliseconds() - started) ms")
        guard !work.isEmpty || !gone.isEmpty else { return report }

        try db.transaction {
            let deleteFTS = try db.prepare("DELETE FROM fts WHERE rowid IN (SELECT id FROM docs WHERE part = ?)")
            let deleteDocs = try db.prepare("DELETE FROM docs WHERE part = ?")
            let deletePart = try db.prepare("DELETE FROM parts WHERE id = ?")
            func drop(part id: Int64) throws {
                try deleteFTS.run([.integer(id)])
                try deleteDocs.run([.integer(id)])
                try deletePart.run([.integer(id)])
                report.partsRemoved += 1
            }
            let partsOf = try db.prepare("SELECT id, path, stream, version, first_line, last_line FROM parts WHERE session = ?")
            func parts(of session: Int64) throws -> [String: PartRow] {
                try partsOf.bind([.integer(session)])
                var rows: [String: PartRow] = [:]
                while try partsOf.step() {
                    let first = Int(partsOf.int(4))
                    let last = Int(partsOf.int(5))
                    rows[partsOf.text(1) ?? ""] = PartRow(
                        id: partsOf.int(0), session: session, stream: partsOf.text(2) ?? "",
                        version: partsOf.text(3) ?? "", lines: first <= last ? first...last : nil)
                }
                return rows
            }
            let deleteSession = try db.prepare("DELETE FROM sessions WHERE id = ?")
            for id in gone {
                for row in try parts(of: id).values { try drop(part: row.id) }
                try deleteSession.run([.integer(id)])
            }
            let upsertSession = try db.prepare(
                """
                INSERT INTO sessions(folder, source, session_id, title, first_ts, first_epoch, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT(folder) DO UPDATE SET source = ?2, session_id = ?3, title = ?4, first_ts = ?5, first_epoch = ?6, signature = ?7
                RETURNING id
                """)
            let insertPart = try db.prepare("INSERT INTO parts(session, stream, path, version, first_line, last_line) VALUES (?, ?, ?, ?, ?, ?)")
            let insertDoc = try db.prepare("INSERT INTO docs(part, session, stream, line, role, ts, epoch) VALUES (?, ?, ?, ?, ?, ?, ?)")
            let insertFTS = try db.prepare("INSERT INTO fts(rowid, text) VALUES (?, ?)")
            for (n, item) in work.enumerated() {
                progress?(n, work.count)
                let transcript = reader.transcript(of: item.session)
                let facts = SessionFacts(transcript)
                archive.cache.remember(item.session, signature: reader.quickSignature(of: item.session), facts: facts)
                report.sessionsRead += 1
                let firstTime = facts.firstTime ?? item.session.startedAt
                let fallbackEpoch = SearchTime.epoch(firstTime) ?? SearchTime.epoch(item.session.startedAt)
                try upsertSession.bind([
                    .text(item.session.folder), .text(item.session.source), .text(facts.sessionID ?? item.session.id),
                    facts.title.map { .text($0) } ?? .null, firstTime.map { .text($0) } ?? .null,
                    fallbackEpoch.map { .integer($0) } ?? .null, .text(item.signature),
                ])
                guard try upsertSession.step() else { continue }
                let sessionID = upsertSession.int(0)
                try upsertSession.bind([])  // release the statement before the writes below
                var rows = try parts(of: sessionID)
                // Parts that vanished or changed: their text goes, and so does that of the other parts of
                // their stream, which may have left lines to them (re-read below).
                let current = Dictionary(transcript.streams.flatMap { s in s.parts.map { ($0.part.path, $0.part.version) } }, uniquingKeysWith: { a, _ in a })
                let staleStreams = Set(rows.filter { current[$0.key] != $0.value.version }.map(\.value.stream))
                for (path, row) in rows where staleStreams.contains(row.stream) {
                    try drop(part: row.id)
                    rows[path] = nil
                }
                for stream in transcript.streams {
                    var indexed = LineRanges(stream.parts.compactMap { rows[$0.part.path]?.lines })
                    let documents = SearchDocument.documents(stream.events)
                    for (part, lines) in stream.parts where rows[part.path] == nil {
                        let fresh = lines.map { LineRanges([$0]).subtracting(indexed) } ?? LineRanges()
                        try insertPart.run([
                            .integer(sessionID), .text(stream.name), .text(part.path), .text(part.version),
                            .integer(Int64(lines?.lowerBound ?? 1)), .integer(Int64(lines?.upperBound ?? 0)),
                        ])
                        let partID = db.lastInsertRowID
                        report.partsIndexed += 1
                        guard !fresh.isEmpty else { continue }
                        for doc in documents where fresh.contains(doc.line) {
                            try insertDoc.run([
                                .integer(partID), .integer(sessionID), .text(stream.name), .integer(Int64(doc.line)),
                                .text(doc.role.rawValue), doc.timestamp.map { .text($0) } ?? .null,
                                (SearchTime.epoch(doc.timestamp) ?? fallbackEpoch).map { .integer($0) } ?? .null,
                            ])
                            try insertFTS.run([.integer(db.lastInsertRowID), .text(doc.text)])
                            report.documentsAdded += 1
                            report.bytesIndexed += UInt64(doc.text.utf8.count)
                        }
                        if let lines { indexed.insert(lines) }
                    }
                }
            }
        }
        return report
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
