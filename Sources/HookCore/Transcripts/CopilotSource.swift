/// GitHub Copilot CLI: `<copilotHome>/session-state/<session id>/events.jsonl` (1.0.x), or the flat
/// `session-state/<session id>.jsonl` the CLI wrote from 0.0.342 (October 2025) until the per-session folders.
///
/// Both are append-only event logs, `{"type","data","id","timestamp","parentId"}`; the first `session.start`
/// (or `session.resume`) carries the working directory (`data.context.cwd`, older logs `data.cwd`), git root,
/// branch and head commit. A log counts when that directory is a root of this worktree or inside one. Sessions
/// in `history-session-state/` (the format before 0.0.342) are left alone: the CLI moves such a session into
/// `session-state/` when it is resumed. The opaque, session-bound reasoning blobs (`encryptedContent`,
/// `reasoningOpaque`) are dropped.
public struct CopilotSource: TranscriptSource {
    public var name: String { "copilot" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { context.homes.copilotHome.isEmpty ? nil : context.homes.copilotHome }

    public var environmentVariables: [String] { ["COPILOT_HOME"] }

    package func stateDir(_ context: SourceContext) -> String? {
        context.homes.copilotHome.isEmpty ? nil : SourceContext.joined(context.homes.copilotHome, "session-state")
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        guard let dir = stateDir(context) else { return [] }
        let roots = context.allRoots
        var found: [String: SessionLocator] = [:]
        for entry in FileProbe.list(dir) {
            let path: String
            let fallbackID: String
            if entry.kind == .directory {
                path = dir + "/" + entry.name + "/events.jsonl"
                fallbackID = entry.name
            } else if entry.kind == .file, entry.name.hasSuffix(".jsonl"), entry.name.count > 6 {
                path = SourceContext.joined(dir, entry.name)
                fallbackID = String(entry.name.dropLast(6))
            } else {
                continue
            }
            guard FileProbe.info(path)?.kind == .file,
                let head = cache.resolve(path, decide: CopilotSource.decideHead),
                let cwd = head.cwd, roots.contains(where: { ClaudePathEncoding.cwd(cwd, isInside: $0) })
            else { continue }
            let id = head.sessionID.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackID
            // A session moved into its folder keeps the flat file too: the folder's log is the one that grows.
            if let existing = found[id], existing.streams[0].path.hasSuffix("/events.jsonl") { continue }
            found[id] = SessionLocator(source: name, sessionID: id, streams: [TranscriptStream(path: path)])
        }
        return found.values.sorted { $0.sessionID < $1.sessionID }
    }

    /// The working directory and session id of the first `session.start` / `session.resume` in a log's head.
    package static func decideHead(_ head: [UInt8]) -> (cwd: String?, sessionID: String?) {
        for line in HeadReader.lines(head) {
            let top = JSONLineFields.members(line, keys: ["type", "data"])
            let type = top["type"].flatMap { JSONLineFields.string(line, $0) }
            guard type == "session.start" || type == "session.resume", let data = top["data"] else { continue }
            let d = JSONLineFields.members(line[data], keys: ["sessionId", "context", "cwd"])
            let id = d["sessionId"].flatMap { JSONLineFields.string(line, $0) }
            let cwd =
                d["context"].flatMap { JSONLineFields.members(line[$0], keys: ["cwd"])["cwd"] }.flatMap { JSONLineFields.string(line, $0) }
                ?? d["cwd"].flatMap { JSONLineFields.string(line, $0) }
            if let cwd, !cwd.isEmpty { return (cwd, id) }
        }
        return (nil, nil)
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard let dir = stateDir(context) else { return [] }
        guard FileProbe.info(dir)?.kind == .directory else { return [dir] }
        var paths = [dir]
        var seen = Set(paths)
        for session in sessions where session.source == name {
            for stream in session.streams where seen.insert(stream.path).inserted { paths.append(stream.path) }
        }
        return paths
    }

    public func normalize(_ line: [UInt8]) -> [UInt8]? {
        var line = line
        for key in ["encryptedContent", "reasoningOpaque"] where JSONLineFields.contains(line, key) {
            line = JSONLineFields.removingMembers(named: key, from: line)
        }
        return line
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let top = JSONLineFields.members(bytes, keys: ["type", "data", "timestamp", "agentId"])
        guard let type = top["type"].flatMap({ JSONLineFields.string(bytes, $0) }) else { return }
        metadata.noteTimestamp(top["timestamp"].flatMap { JSONLineFields.string(bytes, $0) })
        guard let data = top["data"] else { return }
        switch type {
        case "session.start", "session.resume", "session.context_changed":
            let d = JSONLineFields.members(bytes[data], keys: ["context", "cwd", "branch"])
            let context = d["context"].map { JSONLineFields.members(bytes[$0], keys: ["cwd", "branch"]) } ?? d
            if metadata.cwd == nil, let cwd = context["cwd"].flatMap({ JSONLineFields.string(bytes, $0) }), !cwd.isEmpty { metadata.cwd = cwd }
            if let branch = context["branch"].flatMap({ JSONLineFields.string(bytes, $0) }), !branch.isEmpty { metadata.branch = branch }
        case "user.message":
            guard metadata.title == nil, top["agentId"] == nil else { return }
            let d = JSONLineFields.members(bytes[data], keys: ["content", "source", "isAutopilotContinuation"])
            guard d["source"] == nil, !JSONLineFields.isTrue(bytes, d["isAutopilotContinuation"]) else { return }
            metadata.offerPrompt(d["content"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) })
        default:
            return
        }
    }

    /// `session-state/<id>/events.jsonl`: `copilot --resume <id>` reads it there.
    public func restoreLocations(sessionID: String, streams: [String], firstLines: [UInt8], cwd: String, context: SourceContext) -> [String: String]? {
        guard let dir = stateDir(context), streams == ["main"], !sessionID.contains("/") else { return nil }
        return ["main": dir + "/" + sessionID + "/events.jsonl"]
    }
}
