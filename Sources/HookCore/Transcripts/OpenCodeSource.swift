/// OpenCode: the SQLite database `<dataHome>/opencode/opencode.db` (tables `session` with the working `directory`,
/// `message` and `part` with JSON `data`), or in older versions the JSON tree `<dataHome>/opencode/storage/`
/// (`session/<project>/<id>.json`, `message/<session>/<id>.json`, `part/<message>/<id>.json`).
///
/// A session belongs to this worktree when its `directory` is a root or inside one; a session started by another
/// (`parent_id`, a subagent's task) is a stream `subagents/<id>` of its parent. Archived as records, one per row or
/// file: the session, then each message followed by its parts, each by OpenCode's own id, so that a message
/// completed or a tool part filled in later is archived again. HookCore does not link SQLite: the executables
/// that can read it set `OpenCodeStore.opener`; without it only the JSON tree is read.
public struct OpenCodeSource: TranscriptSource {
    public var name: String { "opencode" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { dataDir(context) }

    public var environmentVariables: [String] { ["XDG_DATA_HOME"] }

    package func dataDir(_ context: SourceContext) -> String? {
        context.homes.dataHome.isEmpty ? nil : context.homes.dataHome + "/opencode"
    }

    package static let databaseName = "opencode.db"

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        guard let dir = dataDir(context) else { return [] }
        let roots = context.allRoots
        var result: [SessionLocator] = []
        var inDatabase = Set<String>()
        let database = SourceContext.joined(dir, OpenCodeSource.databaseName)
        if FileProbe.info(database)?.kind == .file, let opener = OpenCodeStore.opener {
            do {
                let rows = try opener(database).sessions(inside: roots)
                inDatabase = Set(rows.map(\.id))
                result += group(rows) { TranscriptStream(path: database, archiveName: $1, kind: .records, selector: $0.id) }
            } catch {
                cache.noteUnreadable(database)
            }
        }
        let sessions = dir + "/storage/session"
        var fromFiles: [OpenCodeSessionRow] = []
        var files: [String: String] = [:]
        for project in FileProbe.list(sessions) where project.kind == .directory {
            let folder = SourceContext.joined(sessions, project.name)
            for entry in FileProbe.list(folder) where entry.kind == .file && entry.name.hasSuffix(".json") {
                let path = SourceContext.joined(folder, entry.name)
                guard let head = cache.resolve(path, decide: OpenCodeSource.decideSessionFile), let directory = head.cwd,
                    roots.contains(where: { ClaudePathEncoding.cwd(directory, isInside: $0) })
                else { continue }
                let id = head.sessionID ?? String(entry.name.dropLast(5))
                guard !inDatabase.contains(id) else { continue }
                files[id] = path
                fromFiles.append(OpenCodeSessionRow(id: id, parentID: nil, directory: directory))
            }
        }
        result += group(fromFiles) { TranscriptStream(path: files[$0.id] ?? "", archiveName: $1, kind: .records, selector: $0.id) }
        return result.sorted { $0.sessionID < $1.sessionID }
    }

    /// Sessions with their subagents' sessions as streams (`subagents/<id>`) when the parent is among them.
    private func group(_ rows: [OpenCodeSessionRow], stream: (OpenCodeSessionRow, String) -> TranscriptStream) -> [SessionLocator] {
        let ids = Set(rows.map(\.id))
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func top(_ row: OpenCodeSessionRow) -> String {
            var current = row
            var hops = 0
            while let parent = current.parentID, ids.contains(parent), let next = byID[parent], hops < 64 {
                current = next
                hops += 1
            }
            return current.id
        }
        var children: [String: [OpenCodeSessionRow]] = [:]
        var tops: [OpenCodeSessionRow] = []
        for row in rows {
            let root = top(row)
            if root == row.id { tops.append(row) } else { children[root, default: []].append(row) }
        }
        return tops.map { row in
            let subagents = (children[row.id] ?? []).sorted { $0.id < $1.id }.map { stream($0, "subagents/" + $0.id) }
            return SessionLocator(source: name, sessionID: row.id, streams: [stream(row, "")] + subagents)
        }
    }

    /// A session file's `directory` and `id`.
    package static func decideSessionFile(_ head: [UInt8]) -> (cwd: String?, sessionID: String?) {
        let f = JSONLineFields.members(head[...], keys: ["directory", "id"])
        let directory = f["directory"].flatMap { JSONLineFields.string(head[...], $0) }.flatMap { $0.isEmpty ? nil : $0 }
        return (directory, f["id"].flatMap { JSONLineFields.string(head[...], $0) })
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard let dir = dataDir(context) else { return [] }
        guard FileProbe.info(dir)?.kind == .directory else { return [dir] }
        // SQLite in WAL mode writes the -wal file; the database file itself changes at checkpoints.
        let database = SourceContext.joined(dir, OpenCodeSource.databaseName)
        var paths = [database, database + "-wal"]
        let storage = dir + "/storage"
        if FileProbe.info(storage)?.kind == .directory {
            paths.append(storage + "/session")
            for session in sessions where session.source == name {
                for stream in session.streams where stream.path != database {
                    paths += [stream.path, storage + "/message/" + stream.selector]
                }
            }
        }
        return paths
    }

    public func records(of stream: TranscriptStream) throws -> [SourceRecord] {
        if stream.path.hasSuffix("/" + OpenCodeSource.databaseName) {
            guard let opener = OpenCodeStore.opener else { throw ArchiveError("this program cannot read OpenCode's database") }
            return try opener(stream.path).records(session: stream.selector)
        }
        return try fileRecords(sessionFile: stream.path, sessionID: stream.selector)
    }

    /// The JSON tree: the session file, then each message file (ids ascend in time) followed by its part files.
    private func fileRecords(sessionFile: String, sessionID: String) throws -> [SourceRecord] {
        guard let session = try WholeDocument.load(sessionFile) else { return [] }
        let storage = FileSystem.parent(of: FileSystem.parent(of: FileSystem.parent(of: sessionFile)))
        var out = [OpenCodeRecord.session(id: sessionID, info: WholeDocument.compact(session[...]))]
        let messages = storage + "/message/" + sessionID
        for message in FileProbe.list(messages).map(\.name).filter({ $0.hasSuffix(".json") }).sorted() {
            let messageID = String(message.dropLast(5))
            guard let bytes = try WholeDocument.load(SourceContext.joined(messages, message)) else { continue }
            out.append(OpenCodeRecord.message(id: messageID, info: WholeDocument.compact(bytes[...])))
            let parts = storage + "/part/" + messageID
            for part in FileProbe.list(parts).map(\.name).filter({ $0.hasSuffix(".json") }).sorted() {
                guard let bytes = try WholeDocument.load(SourceContext.joined(parts, part)) else { continue }
                out.append(OpenCodeRecord.part(id: String(part.dropLast(5)), messageID: messageID, data: WholeDocument.compact(bytes[...])))
            }
        }
        return out
    }

    public func recordID(ofArchivedLine line: [UInt8]) -> String? { WholeDocument.string(line, "id") }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let f = JSONLineFields.members(bytes, keys: ["type", "info", "part"])
        switch f["type"].flatMap({ JSONLineFields.string(bytes, $0) }) {
        case "session":
            guard let info = f["info"] else { return }
            let i = JSONLineFields.members(bytes[info], keys: ["directory", "time"])
            if metadata.cwd == nil { metadata.cwd = i["directory"].flatMap { JSONLineFields.string(bytes, $0) } }
            if let time = i["time"], let created = JSONLineFields.members(bytes[time], keys: ["created"])["created"] {
                metadata.noteTimestamp(SourceTime.iso(millis: Double(String(decoding: bytes[created], as: UTF8.self))))
            }
        case "message":
            guard let info = f["info"], let time = JSONLineFields.members(bytes[info], keys: ["time"])["time"],
                let created = JSONLineFields.members(bytes[time], keys: ["created"])["created"]
            else { return }
            metadata.noteTimestamp(SourceTime.iso(millis: Double(String(decoding: bytes[created], as: UTF8.self))))
        case "part":
            // The first text part of the session is the person's first prompt (a message's parts follow it).
            guard metadata.title == nil, let part = f["part"] else { return }
            let p = JSONLineFields.members(bytes[part], keys: ["type", "text", "synthetic"])
            guard p["type"].flatMap({ JSONLineFields.string(bytes, $0) }) == "text", !JSONLineFields.isTrue(bytes, p["synthetic"]) else { return }
            metadata.offerPrompt(p["text"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) })
        default:
            return
        }
    }

    public var restoreUnsupported: String {
        "keeps its sessions in its own SQLite database (opencode.db); convo-hook does not write into another program's database"
    }
}

/// One OpenCode session row: what discovery needs.
public struct OpenCodeSessionRow: Sendable, Equatable {
    public var id: String
    public var parentID: String?
    public var directory: String

    public init(id: String, parentID: String?, directory: String) {
        self.id = id
        self.parentID = parentID
        self.directory = directory
    }
}

/// Read access to OpenCode's database, from a module that links SQLite.
public protocol OpenCodeDatabase {
    /// Sessions whose `directory` is one of `roots` or lies inside one.
    func sessions(inside roots: [String]) throws -> [OpenCodeSessionRow]
    /// The session's records (`OpenCodeRecord`): the session, then each message in time order followed by its parts.
    func records(session id: String) throws -> [SourceRecord]
}

/// Where a process that can read SQLite plugs in OpenCode's database.
public enum OpenCodeStore {
    /// Opens the database at a path, read-only. Set once at start-up by the executables that link SQLite.
    nonisolated(unsafe) public static var opener: (@Sendable (String) throws -> any OpenCodeDatabase)?
}

/// The archived form of OpenCode's rows and files, the same for the database and the JSON tree:
/// `{"type":"session","id","info":{…}}`, `{"type":"message","id","info":{…}}`, `{"type":"part","id","messageID","part":{…}}`,
/// where `info` and `part` hold OpenCode's JSON as it stored it.
public enum OpenCodeRecord {
    public static func session(id: String, info: [UInt8]) -> SourceRecord {
        SourceRecord(id: id, bytes: Array("{\"type\":\"session\",\"id\":\(JSONText.quoted(id)),\"info\":".utf8) + info + [UInt8(ascii: "}")])
    }

    public static func message(id: String, info: [UInt8]) -> SourceRecord {
        SourceRecord(id: id, bytes: Array("{\"type\":\"message\",\"id\":\(JSONText.quoted(id)),\"info\":".utf8) + info + [UInt8(ascii: "}")])
    }

    public static func part(id: String, messageID: String, data: [UInt8]) -> SourceRecord {
        SourceRecord(
            id: id,
            bytes: Array("{\"type\":\"part\",\"id\":\(JSONText.quoted(id)),\"messageID\":\(JSONText.quoted(messageID)),\"part\":".utf8) + data + [UInt8(ascii: "}")])
    }
}
