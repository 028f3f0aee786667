/// Claude Code: `<claudeConfigDir>/projects/<encoded-cwd>/<session-id>.jsonl`.
///
/// Candidate project folders are found by listing `projects/` once and keeping the names that
/// encode the repository root, a worktree root, or a subfolder of one (see `ClaudePathEncoding`).
/// Each session file is then confirmed by the first `cwd` in its head. Subagent transcripts
/// (`<project>/<session-id>/subagents/*.jsonl`, and the older top-level `agent-*.jsonl` whose
/// `sessionId` names the parent) become extra streams `subagents/<file-stem>` of their session.
public struct ClaudeCodeSource: TranscriptSource {
    public var name: String { "claude" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { context.claudeConfigDir.isEmpty ? nil : context.claudeConfigDir }

    public var environmentVariables: [String] { ["CLAUDE_CONFIG_DIR"] }

    /// `projects/<encoded cwd>/<id>.jsonl`, and `<id>/subagents/<name>.jsonl` beside it: `claude --resume <id>`.
    public func restoreLocations(sessionID: String, streams: [String], firstLines: [UInt8], cwd: String, context: SourceContext) -> [String: String]? {
        guard let projects = projectsDir(context) else { return nil }
        let encoded = ClaudePathEncoding.encode(cwd)
        // A long path's folder carries a hash Claude Code computes; an existing folder for it is reused.
        let folderName =
            encoded.utf16.count <= ClaudePathEncoding.maxEncodedLength
            ? encoded
            : FileProbe.list(projects).map(\.name).first {
                ClaudePathEncoding.isCandidate(folderName: $0, encodedRoot: encoded) && $0.utf16.count > ClaudePathEncoding.maxEncodedLength
            } ?? encoded
        let folder = SourceContext.joined(projects, folderName)
        var paths: [String: String] = [:]
        for stream in streams {
            if stream == "main" {
                paths[stream] = SourceContext.joined(folder, sessionID + ".jsonl")
            } else if stream.hasPrefix("subagents/") {
                paths[stream] = folder + "/" + sessionID + "/" + stream + ".jsonl"
            }
        }
        return paths
    }

    /// `<claudeConfigDir>/projects`, or nil when the config dir is unknown.
    package func projectsDir(_ context: SourceContext) -> String? {
        context.claudeConfigDir.isEmpty ? nil : SourceContext.joined(context.claudeConfigDir, "projects")
    }

    /// Names of the project folders that may hold this repository's sessions, sorted.
    package func candidateFolders(_ context: SourceContext) -> [String] {
        guard let projects = projectsDir(context) else { return [] }
        let encodedRoots = context.allRoots.map(ClaudePathEncoding.encode)
        return FileProbe.list(projects)
            .filter { $0.kind == .directory }
            .map(\.name)
            .filter { name in encodedRoots.contains { ClaudePathEncoding.isCandidate(folderName: name, encodedRoot: $0) } }
            .sorted()
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        guard let projects = projectsDir(context) else { return [] }
        let roots = context.allRoots
        var mains: [SessionLocator] = []
        var legacyAgents: [(parent: String?, stem: String, path: String)] = []
        for folderName in candidateFolders(context) {
            let folder = SourceContext.joined(projects, folderName)
            let entries = FileProbe.list(folder)
            let dirs = Set(entries.filter { $0.kind == .directory }.map(\.name))
            for entry in entries where entry.kind == .other && entry.name.hasSuffix(".jsonl") {
                cache.noteUnreadable(SourceContext.joined(folder, entry.name))
            }
            for entry in entries where entry.kind == .file && entry.name.hasSuffix(".jsonl") {
                let stem = String(entry.name.dropLast(".jsonl".count))
                guard !stem.isEmpty else { continue }
                let path = SourceContext.joined(folder, entry.name)
                guard let head = cache.resolve(path, decide: ClaudeCodeSource.decideHead),
                    let cwd = head.cwd, roots.contains(where: { ClaudePathEncoding.cwd(cwd, isInside: $0) })
                else { continue }
                if stem.hasPrefix("agent-") {
                    legacyAgents.append((head.sessionID, stem, path))
                    continue
                }
                var streams = [TranscriptStream(path: path)]
                if dirs.contains(stem) {
                    streams += subagentStreams(SourceContext.joined(SourceContext.joined(folder, stem), "subagents"))
                }
                mains.append(SessionLocator(source: name, sessionID: stem, streams: streams))
            }
        }
        // Older layout: top-level agent-*.jsonl files carry their parent's sessionId.
        for agent in legacyAgents {
            let stream = TranscriptStream(path: agent.path, archiveName: "subagents/" + agent.stem)
            if let parent = agent.parent, let index = mains.firstIndex(where: { $0.sessionID == parent }) {
                if !mains[index].streams.contains(where: { $0.archiveName == stream.archiveName }) {
                    mains[index].streams.append(stream)
                }
            } else {
                // Parent gone (or unknown): keep the transcript as a session of its own.
                mains.append(SessionLocator(source: name, sessionID: agent.stem, streams: [TranscriptStream(path: agent.path)]))
            }
        }
        for i in mains.indices {
            let extra = mains[i].streams.dropFirst().sorted { $0.archiveName < $1.archiveName }
            mains[i].streams = [mains[i].streams[0]] + extra
        }
        return mains.sorted { ($0.sessionID, $0.streams[0].path) < ($1.sessionID, $1.streams[0].path) }
    }

    package func subagentStreams(_ dir: String) -> [TranscriptStream] {
        FileProbe.list(dir)
            .filter { $0.kind == .file && $0.name.hasSuffix(".jsonl") && $0.name.count > ".jsonl".count }
            .map { entry in
                TranscriptStream(
                    path: SourceContext.joined(dir, entry.name),
                    archiveName: "subagents/" + String(entry.name.dropLast(".jsonl".count)))
            }
            .sorted { $0.archiveName < $1.archiveName }
    }

    /// The first record's `cwd` in a head (with that record's `sessionId`).
    package static func decideHead(_ head: [UInt8]) -> (cwd: String?, sessionID: String?) {
        for line in HeadReader.lines(head) {
            let fields = JSONLineFields.members(line, keys: ["cwd", "sessionId"])
            guard let cwdRange = fields["cwd"], let cwd = JSONLineFields.string(line, cwdRange), !cwd.isEmpty else { continue }
            return (cwd, fields["sessionId"].flatMap { JSONLineFields.string(line, $0) })
        }
        return (nil, nil)
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard let projects = projectsDir(context) else { return [] }
        guard FileProbe.info(projects)?.kind == .directory else { return [context.claudeConfigDir] }
        var paths = [projects]
        var seen = Set(paths)
        func add(_ p: String) { if seen.insert(p).inserted { paths.append(p) } }
        for folderName in candidateFolders(context) { add(SourceContext.joined(projects, folderName)) }
        for session in sessions where session.source == name {
            for stream in session.streams { add(stream.path) }
            guard let main = session.streams.first?.path, main.hasSuffix(".jsonl") else { continue }
            let sessionDir = String(main.dropLast(".jsonl".count))
            if FileProbe.info(sessionDir)?.kind == .directory {
                add(sessionDir)
                let sub = SourceContext.joined(sessionDir, "subagents")
                if FileProbe.info(sub)?.kind == .directory { add(sub) }
            }
        }
        return paths
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let f = JSONLineFields.members(bytes, keys: ["type", "timestamp", "cwd", "gitBranch", "summary", "message", "isMeta", "isCompactSummary"])
        guard !f.isEmpty else { return }
        func str(_ key: String) -> String? { f[key].flatMap { JSONLineFields.string(bytes, $0) } }
        metadata.noteTimestamp(str("timestamp"))
        if metadata.cwd == nil, let cwd = str("cwd"), !cwd.isEmpty { metadata.cwd = cwd }
        if let branch = str("gitBranch"), !branch.isEmpty { metadata.branch = branch }
        let type = str("type")
        if type == "summary" {
            metadata.setSummary(str("summary"))
            return
        }
        guard type == "user", metadata.title == nil, let message = f["message"],
            !JSONLineFields.isTrue(bytes, f["isMeta"]), !JSONLineFields.isTrue(bytes, f["isCompactSummary"])
        else { return }
        metadata.offerPrompt(ClaudeCodeSource.promptText(bytes, message))
    }

    /// The user's own text in a `message` value: `content` as a string, or its first `text`
    /// block; nil for tool results and for text Claude Code injects (`<command-…>` tags,
    /// interruption notices).
    package static func promptText(_ bytes: ArraySlice<UInt8>, _ message: Range<Int>) -> String? {
        let m = JSONLineFields.members(bytes[message], keys: ["role", "content"])
        if let role = m["role"].flatMap({ JSONLineFields.string(bytes, $0) }), role != "user" { return nil }
        guard let content = m["content"] else { return nil }
        let text = JSONLineFields.messageText(bytes, content, maxBytes: SessionMetadata.titleScanBytes)
        guard let text else { return nil }
        let trimmed = Substring(text).trimmingCharacters(in: " \t\r\n")
        if trimmed.isEmpty || trimmed.hasPrefix("<") || trimmed.hasPrefix("[Request interrupted") { return nil }
        return String(trimmed)
    }
}
