import CSQLite
import Glibc
import HookCore

/// Stores of sources that need more than HookCore's file reading: OpenCode's SQLite database, read-only.
/// Linked by the executables that capture (`convo-hook`, `convo-hook-hook`), which call `install()` first.
public enum SourceStores {
    /// Lets `OpenCodeSource` read OpenCode's database in this process.
    public static func install() {
        OpenCodeStore.opener = { path in try OpenCodeSQLite.shared(path) }
    }
}

/// OpenCode's `opencode.db`, opened read-only (it stays OpenCode's: no write, no lock beyond a reader's).
final class OpenCodeSQLite: OpenCodeDatabase {
    private let handle: OpaquePointer
    let path: String

    nonisolated(unsafe) private static var open: [String: OpenCodeSQLite] = [:]

    /// One connection per database path for the life of the process (a commit reads it several times).
    static func shared(_ path: String) throws -> OpenCodeSQLite {
        if let existing = open[path] { return existing }
        let database = try OpenCodeSQLite(path: path)
        open[path] = database
        return database
    }

    init(path: String) throws {
        self.path = path
        var raw: OpaquePointer?
        // In WAL mode even a read-only reader creates, or writes to, `-wal` and `-shm` when no writer has them
        // open — which would also make every next commit think OpenCode changed. Without a WAL holding pages
        // (OpenCode not running: it checkpoints and removes it on exit) the file is read as immutable, touching
        // nothing; with one, OpenCode is running and a reader beside it leaves both files as they are.
        var st = stat()
        let walPending = stat(path + "-wal", &st) == 0 && st.st_size > 0
        let uri = "file:" + OpenCodeSQLite.uriPath(path) + (walPending ? "?mode=ro" : "?mode=ro&immutable=1")
        let rc = sqlite3_open_v2(uri, &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nil)
        guard rc == SQLITE_OK, let raw else {
            let message = raw.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(raw)
            throw ArchiveError("cannot open \(path): \(message)")
        }
        handle = raw
        // OpenCode may be writing: wait a little for its lock rather than fail the commit.
        sqlite3_busy_timeout(handle, 2000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// `path` as the path of a `file:` URI: `%`, `?` and `#` escaped.
    static func uriPath(_ path: String) -> String {
        var out = ""
        for ch in path.unicodeScalars {
            switch ch {
            case "%": out += "%25"
            case "?": out += "%3f"
            case "#": out += "%23"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    func sessions(inside roots: [String]) throws -> [OpenCodeSessionRow] {
        var rows: [OpenCodeSessionRow] = []
        try query("SELECT id, parent_id, directory FROM session ORDER BY time_created, id", []) { row in
            guard let id = row.text(0), let directory = row.text(2),
                roots.contains(where: { ClaudePathEncoding.cwd(directory, isInside: $0) })
            else { return }
            rows.append(OpenCodeSessionRow(id: id, parentID: row.text(1), directory: directory))
        }
        return rows
    }

    func records(session id: String) throws -> [SourceRecord] {
        var out: [SourceRecord] = []
        try query("SELECT directory, title, version, parent_id, time_created FROM session WHERE id = ?", [id]) { row in
            var info = "{\"directory\":" + JSONText.quoted(row.text(0) ?? "") + ",\"title\":" + JSONText.quoted(row.text(1) ?? "")
            info += ",\"version\":" + JSONText.quoted(row.text(2) ?? "")
            if let parent = row.text(3) { info += ",\"parentID\":" + JSONText.quoted(parent) }
            info += ",\"time\":{\"created\":\(row.int(4))}}"
            out.append(OpenCodeRecord.session(id: id, info: Array(info.utf8)))
        }
        guard !out.isEmpty else { return [] }
        var parts: [String: [SourceRecord]] = [:]
        try query("SELECT id, message_id, data FROM part WHERE session_id = ? ORDER BY message_id, id", [id]) { row in
            guard let partID = row.text(0), let messageID = row.text(1), let data = row.bytes(2) else { return }
            parts[messageID, default: []].append(OpenCodeRecord.part(id: partID, messageID: messageID, data: data))
        }
        try query("SELECT id, data FROM message WHERE session_id = ? ORDER BY time_created, id", [id]) { row in
            guard let messageID = row.text(0), let data = row.bytes(1) else { return }
            out.append(OpenCodeRecord.message(id: messageID, info: data))
            out += parts[messageID] ?? []
        }
        return out
    }

    /// A row of a result, read by column index.
    struct Row {
        let statement: OpaquePointer
        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(statement, column) != SQLITE_NULL, let raw = sqlite3_column_text(statement, column) else { return nil }
            return String(cString: raw)
        }
        func bytes(_ column: Int32) -> [UInt8]? {
            guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let raw = sqlite3_column_blob(statement, column) ?? UnsafeRawPointer(sqlite3_column_text(statement, column)) else { return [] }
            return Array(UnsafeRawBufferPointer(start: raw, count: count))
        }
        func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    }

    private func query(_ sql: String, _ arguments: [String], _ row: (Row) throws -> Void) throws {
        var raw: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &raw, nil) == SQLITE_OK, let statement = raw else {
            throw ArchiveError("cannot read \(path): \(String(cString: sqlite3_errmsg(handle)))")
        }
        defer { sqlite3_finalize(statement) }
        for (index, argument) in arguments.enumerated() {
            _ = argument.withCString { csqlite_bind_text(statement, Int32(index + 1), $0, -1) }
        }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw ArchiveError("cannot read \(path): \(String(cString: sqlite3_errmsg(handle)))") }
            try row(Row(statement: statement))
        }
    }
}
