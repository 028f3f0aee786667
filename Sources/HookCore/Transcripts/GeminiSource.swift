/// Gemini CLI: `<geminiHome>/.gemini/tmp/<project id>/chats/session-<YYYY-MM-DDTHH-MM>-<id8>.jsonl` (or `.json`).
///
/// The project id is the short slug `.gemini/projects.json` registers for the project root (`{"projects":
/// {"<root>": "<slug>"}}`, since early 2026) or, before, the SHA-256 hex of the root. Every session records
/// `projectHash`, the SHA-256 of its project root: a file counts only when that hash is one of this worktree's
/// roots (or a registered folder inside one). Since spring 2026 a session is JSON Lines, appended to (a
/// metadata line, then messages, a changed message appended again with its id, `{"$set":…}` and
/// `{"$rewindTo":…}` lines); before, one JSON document rewritten whole, archived as records (`$meta`, then each
/// message by its id). Subagent sessions (`chats/<parent session id>/<id>.json[l]`) are streams of their parent.
public struct GeminiSource: TranscriptSource {
    public var name: String { "gemini" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { geminiDir(context) }

    public var environmentVariables: [String] { ["GEMINI_CLI_HOME"] }

    /// `<geminiHome>/.gemini`, or nil when unknown.
    package func geminiDir(_ context: SourceContext) -> String? {
        context.homes.geminiHome.isEmpty ? nil : SourceContext.joined(context.homes.geminiHome, ".gemini")
    }

    /// A project folder under `tmp/` that may hold this worktree's sessions, with the project roots (by their
    /// SHA-256) its sessions may name.
    package struct ProjectFolder {
        package var path: String
        package var roots: [String: String]
        /// A folder named by the root's hash (the layout before the registry), superseded by a slug folder.
        package var isHashFolder: Bool
    }

    package func projectFolders(_ context: SourceContext) -> [ProjectFolder] {
        guard let dir = geminiDir(context) else { return [] }
        let tmp = SourceContext.joined(dir, "tmp")
        let roots = context.allRoots
        var folders: [ProjectFolder] = []
        func add(_ name: String, project: String, hashFolder: Bool) {
            let path = SourceContext.joined(tmp, name)
            let hash = GeminiSource.projectHash(project)
            if let i = folders.firstIndex(where: { $0.path == path }) {
                folders[i].roots[hash] = project
            } else {
                folders.append(ProjectFolder(path: path, roots: [hash: project], isHashFolder: hashFolder))
            }
        }
        for (project, slug) in registry(dir) where !slug.contains("/") && slug != "." && slug != ".." {
            if roots.contains(where: { ClaudePathEncoding.cwd(project, isInside: $0) }) { add(slug, project: project, hashFolder: false) }
        }
        for root in roots { add(GeminiSource.projectHash(root), project: root, hashFolder: true) }
        return folders
    }

    /// `projects.json`: absolute project root → slug.
    package func registry(_ geminiDir: String) -> [(String, String)] {
        guard let bytes = FileSystem.read(SourceContext.joined(geminiDir, "projects.json")),
            let projects = JSONDocument.parse(bytes)?.root["projects"]
        else { return [] }
        return projects.members.compactMap { member in member.value.string.map { (member.key, $0) } }
    }

    /// The SHA-256 hex of a project root, as Gemini CLI's `getProjectHash` computes it.
    package static func projectHash(_ root: String) -> String { SHA256.hex(SHA256.hash(Array(root.utf8))) }

    private struct Candidate {
        var sessionID: String
        var path: String
        var kind: TranscriptStream.Kind
        var rank: Int
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        var mains: [String: Candidate] = [:]
        var agents: [String: [String: Candidate]] = [:]  // parent id → stream name → file
        for folder in projectFolders(context) {
            let chats = SourceContext.joined(folder.path, "chats")
            func candidate(_ dir: String, _ file: String) -> Candidate? {
                let isLines = file.hasSuffix(".jsonl")
                guard isLines || file.hasSuffix(".json") else { return nil }
                let path = SourceContext.joined(dir, file)
                guard let head = cache.resolve(path, decide: { GeminiSource.decideHead($0, roots: folder.roots) }), head.cwd != nil else { return nil }
                let stem = String(file.dropLast(isLines ? 6 : 5))
                return Candidate(
                    sessionID: head.sessionID ?? stem, path: path, kind: isLines ? .lines : .records,
                    rank: (folder.isHashFolder ? 2 : 0) + (isLines ? 0 : 1))
            }
            for entry in FileProbe.list(chats) {
                if entry.kind == .file, entry.name.hasPrefix("session-"), let c = candidate(chats, entry.name) {
                    if mains[c.sessionID].map({ $0.rank > c.rank }) ?? true { mains[c.sessionID] = c }
                } else if entry.kind == .directory {
                    let dir = SourceContext.joined(chats, entry.name)
                    for sub in FileProbe.list(dir) where sub.kind == .file {
                        guard let c = candidate(dir, sub.name) else { continue }
                        let stream = "subagents/" + String(sub.name.dropLast(c.kind == .lines ? 6 : 5))
                        if agents[entry.name, default: [:]][stream].map({ $0.rank > c.rank }) ?? true { agents[entry.name, default: [:]][stream] = c }
                    }
                }
            }
        }
        var result: [SessionLocator] = []
        for (id, main) in mains {
            var streams = [TranscriptStream(path: main.path, kind: main.kind)]
            for (stream, file) in (agents.removeValue(forKey: id) ?? [:]).sorted(by: { $0.key < $1.key }) {
                streams.append(TranscriptStream(path: file.path, archiveName: stream, kind: file.kind))
            }
            result.append(SessionLocator(source: name, sessionID: id, streams: streams))
        }
        // Subagents whose parent is not here (deleted, or another project's): sessions of their own.
        for (_, files) in agents {
            for (_, file) in files { result.append(SessionLocator(source: name, sessionID: file.sessionID, streams: [TranscriptStream(path: file.path, kind: file.kind)])) }
        }
        return result.sorted { ($0.sessionID, $0.streams[0].path) < ($1.sessionID, $1.streams[0].path) }
    }

    /// The session id and project root of a session file's head: its first object's `sessionId` and
    /// `projectHash` (the metadata line, or the start of the old JSON document); the root only when the hash
    /// is one of `roots`.
    package static func decideHead(_ head: [UInt8], roots: [String: String]) -> (cwd: String?, sessionID: String?) {
        let members = JSONLineFields.members(head[...], keys: ["sessionId", "projectHash"])
        let hash = members["projectHash"].flatMap { JSONLineFields.string(head[...], $0) }
        let id = members["sessionId"].flatMap { JSONLineFields.string(head[...], $0) }
        return (hash.flatMap { roots[$0] }, id)
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard let dir = geminiDir(context) else { return [] }
        guard FileProbe.info(dir)?.kind == .directory else { return [dir] }
        // A project registered for this worktree changes projects.json; its folder then appears in tmp/.
        var paths = [SourceContext.joined(dir, "projects.json")]
        var seen = Set(paths)
        func add(_ p: String) { if seen.insert(p).inserted { paths.append(p) } }
        for folder in projectFolders(context) {
            let chats = SourceContext.joined(folder.path, "chats")
            // A folder not there yet: `-nt` turns true once it is created.
            add(FileProbe.info(folder.path) == nil ? folder.path : chats)
            for entry in FileProbe.list(chats) where entry.kind == .directory { add(SourceContext.joined(chats, entry.name)) }
        }
        for session in sessions where session.source == name {
            for stream in session.streams { add(stream.path) }
        }
        return paths
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let f = JSONLineFields.members(bytes, keys: ["id", "timestamp", "type", "content", "displayContent", "sessionId", "startTime", "summary", "$set"])
        func str(_ key: String) -> String? { f[key].flatMap { JSONLineFields.string(bytes, $0) } }
        if let set = f["$set"] {
            let s = JSONLineFields.members(bytes[set], keys: ["summary"])
            metadata.setSummary(s["summary"].flatMap { JSONLineFields.string(bytes, $0) })
            return
        }
        if f["id"] == nil, f["sessionId"] != nil {
            metadata.noteTimestamp(str("startTime"))
            metadata.setSummary(str("summary"))
            return
        }
        metadata.noteTimestamp(str("timestamp"))
        guard str("type") == "user", metadata.title == nil, let content = f["displayContent"] ?? f["content"] else { return }
        let text =
            JSONLineFields.string(bytes, content, maxBytes: SessionMetadata.titleScanBytes)
            ?? JSONLineFields.elements(bytes, content).lazy.compactMap { part in
                JSONLineFields.members(bytes[part], keys: ["text"])["text"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) }
            }.first
        if let text, !GeminiSource.isInjected(text) { metadata.offerPrompt(text) }
    }

    /// Text Gemini CLI puts on the user's side itself, or a command (`isIgnoredUserContent`).
    package static func isInjected(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: " \t\r\n")
        return t.isEmpty || t.hasPrefix("/") || t.hasPrefix("?") || t.hasPrefix("<session_context>") || t.hasPrefix("<hook_context>")
    }

    /// The old JSON document: its metadata (without `lastUpdated`, which changes on every write) as `$meta`,
    /// then each message by its `id`.
    public func records(of stream: TranscriptStream) throws -> [SourceRecord] {
        guard let bytes = try WholeDocument.load(stream.path) else { return [] }
        let top = JSONLineFields.members(bytes[...], keys: ["sessionId", "projectHash", "startTime", "summary", "directories", "kind", "messages"])
        var out = [
            SourceRecord(
                id: "$meta", bytes: WholeDocument.object(bytes, top, keys: ["sessionId", "projectHash", "startTime", "summary", "directories", "kind"]))
        ]
        let messages = top["messages"].map { JSONLineFields.elements(bytes[...], $0) } ?? []
        for (i, message) in messages.enumerated() {
            out.append(SourceRecord(id: WholeDocument.string(bytes, "id", in: message) ?? "#\(i)", bytes: WholeDocument.compact(bytes[message])))
        }
        return out
    }

    public func recordID(ofArchivedLine line: [UInt8]) -> String? {
        let f = JSONLineFields.members(line, keys: ["id", "sessionId"])
        if let id = f["id"].flatMap({ JSONLineFields.string(line[...], $0) }) { return id }
        return f["sessionId"] == nil ? nil : "$meta"
    }

    // MARK: restore

    /// `tmp/<project>/chats/session-<start>-<id8>.jsonl` (subagents in `chats/<id>/`): `gemini --resume` lists the
    /// project's chats folder. The project is the slug registered for `cwd`, else the hash folder, which Gemini CLI
    /// moves to the slug folder the first time it runs there. Sessions of the old JSON format come back as JSON
    /// Lines (their archived records are valid lines, and Gemini CLI reads both).
    public func restoreLocations(sessionID: String, streams: [String], firstLines: [UInt8], cwd: String, context: SourceContext) -> [String: String]? {
        guard let dir = geminiDir(context) else { return nil }
        var stamp: String?
        for line in HeadReader.lines(firstLines) {
            let f = JSONLineFields.members(line, keys: ["startTime", "timestamp"])
            if let value = (f["startTime"] ?? f["timestamp"]).flatMap({ JSONLineFields.string(line, $0) }), value.utf8.count >= 16 {
                stamp = String(value.prefix(16).map { $0 == ":" ? "-" : $0 })
                break
            }
        }
        guard let stamp else { return nil }
        let project = registry(dir).first { $0.0 == cwd }?.1 ?? GeminiSource.projectHash(cwd)
        let chats = dir + "/tmp/" + project + "/chats"
        var paths: [String: String] = [:]
        for stream in streams {
            if stream == "main" {
                paths[stream] = chats + "/session-" + stamp + "-" + String(sessionID.prefix(8)) + ".jsonl"
            } else if stream.hasPrefix("subagents/") {
                paths[stream] = chats + "/" + sessionID + "/" + stream.dropFirst("subagents/".count) + ".jsonl"
            }
        }
        return paths
    }

    /// The project hash is the new root's: Gemini CLI and discovery find the session there.
    public func restoredLine(_ line: [UInt8], cwd: String) -> [UInt8] {
        JSONLineFields.replacingStringMembers(named: "projectHash", in: line) { _ in GeminiSource.projectHash(cwd) }
    }
}
