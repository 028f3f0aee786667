/// Cline, in its two storage formats, under each of its data folders (`ToolHomes.clineDataDirs`: the CLI's
/// `~/.cline/data` and the VS Code extension's global storage, which share the layout).
///
/// - Tasks (the extension, and the CLI before its SDK): `tasks/<taskId>/api_conversation_history.json` (the
///   conversation as the model saw it, a JSON array rewritten whole) and `ui_messages.json` (what the panel
///   showed). The working directory is the `# Current Working Directory (…)` line of the first message's
///   environment block, else the task's `cwdOnTaskInitialization` in `state/taskHistory.json`. Archived as
///   records: each message (`ts:<ts>`, else `#<index>`, the index then written into the line as `"$index"`),
///   then the token report of each API request
///   (`ui:<ts>`, the `api_req_started` messages of `ui_messages.json` reduced to their counts).
/// - Sessions (the Cline SDK, 2026): `sessions/<id>/<id>.json` (manifest with `cwd` and `workspace_root`) and
///   `sessions/<id>/<id>.messages.json` (`{"messages":[{"id","role","content":[…],"modelInfo","metrics"}]}`,
///   rewritten whole); a subagent's messages are `sessions/<id>/<agent>.messages.json`. Archived as records: the
///   manifest's stable fields (`$session`), then each message by its id.
public struct ClineSource: TranscriptSource {
    public var name: String { "cline" }

    public init() {}

    public func installation(in context: SourceContext) -> String? {
        context.homes.clineDataDirs.first { FileProbe.info($0)?.kind == .directory } ?? context.homes.clineDataDirs.first
    }

    public var environmentVariables: [String] { ["CLINE_DATA_DIR", "CLINE_DIR", "CLINE_SESSION_DATA_DIR", "XDG_CONFIG_HOME"] }

    static let history = "api_conversation_history.json"
    static let ui = "ui_messages.json"
    static let messagesSuffix = ".messages.json"

    /// Each data folder with the folder of its SDK sessions.
    package func folders(_ context: SourceContext) -> [(data: String, sessions: String)] {
        context.homes.clineDataDirs.enumerated().map { index, data in
            let explicit = index == 0 && !context.homes.clineSessionsDir.isEmpty
            return (data, explicit ? context.homes.clineSessionsDir : SourceContext.joined(data, "sessions"))
        }
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        let roots = context.allRoots
        func inside(_ cwd: String?) -> Bool { cwd.map { cwd in roots.contains { ClaudePathEncoding.cwd(cwd, isInside: $0) } } ?? false }
        var result: [SessionLocator] = []
        for folder in folders(context) {
            let tasks = SourceContext.joined(folder.data, "tasks")
            var recorded: [String: String]?
            for entry in FileProbe.list(tasks) where entry.kind == .directory {
                let path = tasks + "/" + entry.name + "/" + ClineSource.history
                guard FileProbe.info(path)?.kind == .file else { continue }
                var cwd = cache.resolve(path, decide: { (ClineSource.environmentCwd($0[...]), nil) })?.cwd
                if cwd == nil {
                    if recorded == nil { recorded = ClineSource.taskHistoryCwds(folder.data) }
                    cwd = recorded?[entry.name]
                }
                guard inside(cwd) else { continue }
                result.append(SessionLocator(source: name, sessionID: entry.name, streams: [TranscriptStream(path: path, kind: .records)]))
            }
            for entry in FileProbe.list(folder.sessions) where entry.kind == .directory {
                let dir = SourceContext.joined(folder.sessions, entry.name)
                let manifest = dir + "/" + entry.name + ".json"
                let main = dir + "/" + entry.name + ClineSource.messagesSuffix
                guard FileProbe.info(main)?.kind == .file, let decided = cache.resolve(manifest, decide: ClineSource.decideManifest), inside(decided.cwd)
                else { continue }
                var streams = [TranscriptStream(path: main, kind: .records)]
                for sub in FileProbe.list(dir).sorted(by: { $0.name < $1.name }) where sub.kind == .file && sub.name.hasSuffix(ClineSource.messagesSuffix) {
                    let stem = String(sub.name.dropLast(ClineSource.messagesSuffix.count))
                    guard stem != entry.name, !stem.isEmpty else { continue }
                    streams.append(TranscriptStream(path: SourceContext.joined(dir, sub.name), archiveName: "subagents/" + stem, kind: .records))
                }
                result.append(SessionLocator(source: name, sessionID: decided.sessionID ?? entry.name, streams: streams))
            }
        }
        return result.sorted { ($0.sessionID, $0.streams[0].path) < ($1.sessionID, $1.streams[0].path) }
    }

    /// The path of `# Current Working Directory (<path>) Files` in a task's first environment block.
    package static func environmentCwd(_ bytes: ArraySlice<UInt8>) -> String? {
        let marker = Array("# Current Working Directory (".utf8)
        guard let start = CodexSource.find(marker, in: bytes) else { return nil }
        let from = start + marker.count
        guard let end = CodexSource.find(Array(") Files".utf8), in: bytes[from...]) else { return nil }
        let path = String(decoding: JSONLineFields.unescape(bytes[from..<end]), as: UTF8.self)
        return path.hasPrefix("/") ? SourceContext.trimmed(path) : nil
    }

    /// Task id → `cwdOnTaskInitialization`, from `state/taskHistory.json`.
    package static func taskHistoryCwds(_ data: String) -> [String: String] {
        guard let bytes = FileSystem.read(data + "/state/taskHistory.json"), let list = JSONDocument.parse(bytes)?.root else { return [:] }
        var out: [String: String] = [:]
        for item in list.elements {
            if let id = item["id"]?.string, let cwd = item["cwdOnTaskInitialization"]?.string { out[id] = cwd }
        }
        return out
    }

    /// An SDK session manifest's `cwd` (else `workspace_root`) and `session_id`.
    package static func decideManifest(_ head: [UInt8]) -> (cwd: String?, sessionID: String?) {
        let f = JSONLineFields.members(head[...], keys: ["cwd", "workspace_root", "session_id"])
        let cwd = (f["cwd"] ?? f["workspace_root"]).flatMap { JSONLineFields.string(head[...], $0) }.flatMap { $0.isEmpty ? nil : $0 }
        return (cwd, f["session_id"].flatMap { JSONLineFields.string(head[...], $0) })
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        func add(_ p: String) { if seen.insert(p).inserted { paths.append(p) } }
        for folder in folders(context) {
            // A data folder not there yet is one path (`-nt` turns true once Cline creates it).
            if FileProbe.info(folder.data) == nil, folder.sessions.hasPrefix(folder.data + "/") {
                add(folder.data)
                continue
            }
            add(SourceContext.joined(folder.data, "tasks"))
            add(folder.sessions)
        }
        for session in sessions where session.source == name {
            for stream in session.streams {
                add(stream.path)
                if stream.path.hasSuffix("/" + ClineSource.history) {
                    add(String(stream.path.dropLast(ClineSource.history.count)) + ClineSource.ui)
                } else if stream.archiveName.isEmpty {
                    add(FileSystem.parent(of: stream.path))  // a subagent's messages file appears there
                }
            }
        }
        return paths
    }

    public func records(of stream: TranscriptStream) throws -> [SourceRecord] {
        stream.path.hasSuffix("/" + ClineSource.history) ? try taskRecords(stream.path) : try sessionRecords(stream)
    }

    private func taskRecords(_ path: String) throws -> [SourceRecord] {
        guard let bytes = try WholeDocument.load(path) else { return [] }
        var out: [SourceRecord] = []
        for (i, message) in JSONLineFields.elements(bytes[...], bytes.indices).enumerated() {
            var line = WholeDocument.compact(bytes[message])
            if let ts = WholeDocument.scalar(bytes, "ts", in: message) {
                out.append(SourceRecord(id: "ts:" + ts, bytes: line))
            } else if line.count > 2, line.first == UInt8(ascii: "{") {
                // Older messages carry no id or time: their place in the array is their key, kept in the line.
                line.replaceSubrange(0..<1, with: Array("{\"$index\":\(i),".utf8))
                out.append(SourceRecord(id: "#\(i)", bytes: line))
            }
        }
        // The panel's log: only the token report of each API request (its `request` text repeats the prompt).
        let uiPath = String(path.dropLast(ClineSource.history.count)) + ClineSource.ui
        guard let ui = try? WholeDocument.load(uiPath) else { return out }
        for message in JSONLineFields.elements(ui[...], ui.indices) {
            guard WholeDocument.string(ui, "say", in: message) == "api_req_started", let ts = WholeDocument.scalar(ui, "ts", in: message),
                let text = WholeDocument.string(ui, "text", in: message), let info = JSONDocument.parse(text)?.root, info.kind == .object
            else { continue }
            let counts = ["tokensIn", "tokensOut", "cacheWrites", "cacheReads", "cost"].compactMap { key in
                info[key].flatMap { $0.kind == .number ? "\"\(key)\":\($0.rawText)" : nil }
            }
            guard !counts.isEmpty else { continue }
            out.append(SourceRecord(id: "ui:" + ts, bytes: Array(("{\"ts\":\(ts),\"say\":\"api_req_started\"," + counts.joined(separator: ",") + "}").utf8)))
        }
        return out
    }

    private func sessionRecords(_ stream: TranscriptStream) throws -> [SourceRecord] {
        guard let bytes = try WholeDocument.load(stream.path) else { return [] }
        var out: [SourceRecord] = []
        if stream.archiveName.isEmpty, stream.path.hasSuffix(ClineSource.messagesSuffix),
            let manifest = try? WholeDocument.load(String(stream.path.dropLast(ClineSource.messagesSuffix.count)) + ".json")
        {
            let f = JSONLineFields.members(manifest[...], keys: ["session_id", "source", "started_at", "cwd", "workspace_root", "provider", "model"])
            out.append(
                SourceRecord(id: "$session", bytes: WholeDocument.object(manifest, f, keys: ["session_id", "source", "started_at", "cwd", "workspace_root", "provider", "model"])))
        }
        let messages = JSONLineFields.members(bytes[...], keys: ["messages"])["messages"].map { JSONLineFields.elements(bytes[...], $0) } ?? []
        for (i, message) in messages.enumerated() {
            out.append(SourceRecord(id: WholeDocument.string(bytes, "id", in: message) ?? "#\(i)", bytes: WholeDocument.compact(bytes[message])))
        }
        return out
    }

    public func recordID(ofArchivedLine line: [UInt8]) -> String? {
        let f = JSONLineFields.members(line, keys: ["id", "ts", "say", "session_id", "$index"])
        if f["session_id"] != nil { return "$session" }
        if let index = f["$index"] { return "#" + String(decoding: line[index], as: UTF8.self) }
        if let id = f["id"].flatMap({ JSONLineFields.string(line[...], $0) }) { return id }
        guard let ts = f["ts"].map({ String(decoding: line[$0], as: UTF8.self) }) else { return nil }
        return (f["say"] != nil ? "ui:" : "ts:") + ts
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let f = JSONLineFields.members(bytes, keys: ["role", "content", "ts", "started_at", "cwd"])
        if let started = f["started_at"] {
            metadata.noteTimestamp(JSONLineFields.string(bytes, started))
            if metadata.cwd == nil { metadata.cwd = f["cwd"].flatMap { JSONLineFields.string(bytes, $0) } }
            return
        }
        if let ts = f["ts"] { metadata.noteTimestamp(SourceTime.iso(millis: Double(String(decoding: bytes[ts], as: UTF8.self)))) }
        guard metadata.title == nil, f["role"].flatMap({ JSONLineFields.string(bytes, $0) }) == "user", let content = f["content"] else { return }
        if metadata.cwd == nil { metadata.cwd = ClineSource.environmentCwd(bytes) }
        let texts =
            JSONLineFields.string(bytes, content, maxBytes: SessionMetadata.titleScanBytes).map { [$0] }
            ?? JSONLineFields.elements(bytes, content).compactMap { block in
                JSONLineFields.members(bytes[block], keys: ["text"])["text"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) }
            }
        for text in texts {
            if let words = ClineText.userWords(text) {
                metadata.offerPrompt(words)
                return
            }
        }
    }

    public var restoreUnsupported: String {
        "lists tasks from its own task history (state/taskHistory.json, or sessions.db since its SDK), which convo-hook does not write"
    }
}
