import CSQLite
import Foundation

/// An OpenCode database (`opencode.db`) with the tables and columns OpenCode's `session.sql.ts` declares that
/// convo-hook reads, written the way OpenCode writes it (WAL journal), from records in convo-hook's archived form
/// (`{"type":"session"|"message"|"part",…}`, see `Tests/Fixtures/transcripts/opencode-records.jsonl`).
public final class OpenCodeDatabaseFile {
    public let path: String
    private let handle: OpaquePointer

    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var raw: OpaquePointer?
        guard sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let raw else { throw CocoaError(.fileWriteUnknown) }
        handle = raw
        try execute(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS project (id text PRIMARY KEY, worktree text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL);
            CREATE TABLE IF NOT EXISTS session (id text PRIMARY KEY, project_id text NOT NULL, parent_id text, slug text NOT NULL, directory text NOT NULL,
              title text NOT NULL, version text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL);
            CREATE TABLE IF NOT EXISTS message (id text PRIMARY KEY, session_id text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL);
            CREATE TABLE IF NOT EXISTS part (id text PRIMARY KEY, message_id text NOT NULL, session_id text NOT NULL, time_created integer NOT NULL,
              time_updated integer NOT NULL, data text NOT NULL);
            """)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Writes one record (inserting or replacing its row) of session `sessionID`; a session record may name its parent.
    public func write(_ record: String, session sessionID: String, parent: String? = nil, directory: String? = nil) throws {
        let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any] ?? [:]
        let id = object["id"] as? String ?? ""
        func json(_ value: Any?) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: value ?? [:], options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        switch object["type"] as? String {
        case "session":
            let info = object["info"] as? [String: Any] ?? [:]
            let created = (info["time"] as? [String: Any])?["created"] as? Int ?? 0
            try run(
                "INSERT OR REPLACE INTO session VALUES (?, 'prj', ?, 'slug', ?, ?, ?, ?, ?)",
                [id, parent, directory ?? info["directory"] as? String ?? "", info["title"] as? String ?? "", info["version"] as? String ?? "", "\(created)", "\(created)"])
        case "message":
            let info = object["info"] as? [String: Any] ?? [:]
            let created = (info["time"] as? [String: Any])?["created"] as? Int ?? 0
            try run("INSERT OR REPLACE INTO message VALUES (?, ?, ?, ?, ?)", [id, sessionID, "\(created)", "\(created)", try json(info)])
        case "part":
            try run("INSERT OR REPLACE INTO part VALUES (?, ?, ?, 0, 0, ?)", [id, object["messageID"] as? String ?? "", sessionID, try json(object["part"])])
        default:
            break
        }
    }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw CocoaError(.fileWriteUnknown) }
    }

    private func run(_ sql: String, _ values: [String?]) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw CocoaError(.fileWriteUnknown) }
        defer { sqlite3_finalize(statement) }
        for (i, value) in values.enumerated() {
            if let value {
                _ = value.withCString { csqlite_bind_text(statement, Int32(i + 1), $0, -1) }
            } else {
                sqlite3_bind_null(statement, Int32(i + 1))
            }
        }
        guard sqlite3_step(statement) == SQLITE_DONE else { throw CocoaError(.fileWriteUnknown) }
    }
}
