/// Codex CLI: `<codexHome>/sessions/YYYY/MM/DD/rollout-<timestamp>-<uuid>.jsonl`.
///
/// The first line is a `session_meta` record, `{"timestamp":…,"type":"session_meta","payload":
/// {"id":…,"timestamp":…,"cwd":…,…,"git":{"branch":…}}}`; a file belongs to the repository when
/// that `cwd` is a root or lies inside one. Older heads without `session_meta` are matched by a
/// `turn_context` `cwd` or by the `<cwd>…</cwd>` of the injected environment context; files
/// with none of these are skipped. Encrypted reasoning (`encrypted_content`) is dropped.
public struct CodexSource: TranscriptSource {
    public var name: String { "codex" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { context.codexHome.isEmpty ? nil : context.codexHome }

    public var environmentVariables: [String] { ["CODEX_HOME"] }

    /// `sessions/YYYY/MM/DD/rollout-<YYYY-MM-DDTHH-MM-SS>-<id>.jsonl`, dated by the `session_meta`
    /// record (`codex resume <id>` finds it there).
    public func restoreLocations(sessionID: String, streams: [String], firstLines: [UInt8], cwd: String, context: SourceContext) -> [String: String]? {
        guard let sessions = sessionsDir(context), streams == ["main"] else { return nil }
        var stamp: String?
        for line in HeadReader.lines(firstLines) {
            let top = JSONLineFields.members(line, keys: ["timestamp"])
            if let value = top["timestamp"].flatMap({ JSONLineFields.string(line, $0) }), value.utf8.count >= 19 {
                stamp = String(value.prefix(19))
                break
            }
        }
        guard let stamp else { return nil }
        let day = stamp.prefix(10).split(separator: "-").joined(separator: "/")
        let name = "rollout-" + String(stamp.map { $0 == ":" ? "-" : $0 }) + "-" + sessionID + ".jsonl"
        return ["main": sessions + "/" + day + "/" + name]
    }

    package func sessionsDir(_ context: SourceContext) -> String? {
        context.codexHome.isEmpty ? nil : SourceContext.joined(context.codexHome, "sessions")
    }

    /// Numeric-named subfolders of `dir` (YYYY, MM, DD), sorted.
    package static func datedDirs(_ dir: String) -> [String] {
        FileProbe.list(dir)
            .filter { $0.kind == .directory && !$0.name.isEmpty && $0.name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
            .map(\.name).sorted()
    }

    /// Every `rollout-*.jsonl` under `sessions/` (dated folders, and files directly in it).
    package func rolloutFiles(_ sessions: String) -> [String] {
        var files: [String] = []
        func collect(_ dir: String) {
            for e in FileProbe.list(dir) where e.kind == .file && e.name.hasPrefix("rollout-") && e.name.hasSuffix(".jsonl") {
                files.append(SourceContext.joined(dir, e.name))
            }
        }
        collect(sessions)
        for y in CodexSource.datedDirs(sessions) {
            let yd = SourceContext.joined(sessions, y)
            for m in CodexSource.datedDirs(yd) {
                let md = SourceContext.joined(yd, m)
                for d in CodexSource.datedDirs(md) { collect(SourceContext.joined(md, d)) }
            }
        }
        return files.sorted()
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        guard let sessions = sessionsDir(context) else { return [] }
        let roots = context.allRoots
        var result: [SessionLocator] = []
        for path in rolloutFiles(sessions) {
            guard let head = cache.resolve(path, decide: CodexSource.decideHead),
                let cwd = head.cwd, roots.contains(where: { ClaudePathEncoding.cwd(cwd, isInside: $0) })
            else { continue }
            let id = head.sessionID.flatMap { $0.isEmpty ? nil : $0 } ?? CodexSource.idFromFileName(path)
            result.append(SessionLocator(source: name, sessionID: id, streams: [TranscriptStream(path: path)]))
        }
        return result.sorted { ($0.sessionID, $0.streams[0].path) < ($1.sessionID, $1.streams[0].path) }
    }

    /// The UUID at the end of `rollout-<timestamp>-<uuid>.jsonl` (36 characters), else the stem.
    package static func idFromFileName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.hasSuffix(".jsonl") ? String(file.dropLast(6)) : file
        let tail = stem.suffix(36)
        if tail.count == 36, tail.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12] { return String(tail) }
        return stem
    }

    /// cwd and id from a rollout head: `session_meta` first, then `turn_context`, then the
    /// environment context's `<cwd>` tag.
    package static func decideHead(_ head: [UInt8]) -> (cwd: String?, sessionID: String?) {
        var id: String?
        var fallbackCwd: String?
        for line in HeadReader.lines(head) {
            let top = JSONLineFields.members(line, keys: ["type", "payload", "id"])
            let type = top["type"].flatMap { JSONLineFields.string(line, $0) }
            if id == nil, type == nil, let legacyID = top["id"].flatMap({ JSONLineFields.string(line, $0) }) {
                id = legacyID  // pre-envelope files start with {"id":…,"timestamp":…}
            }
            guard let payload = top["payload"] else {
                if fallbackCwd == nil { fallbackCwd = environmentCwd(line) }
                continue
            }
            let p = JSONLineFields.members(line[payload], keys: ["id", "cwd"])
            let cwd = p["cwd"].flatMap { JSONLineFields.string(line, $0) }.flatMap { $0.isEmpty ? nil : $0 }
            if type == "session_meta" {
                if id == nil { id = p["id"].flatMap { JSONLineFields.string(line, $0) } }
                if let cwd { return (cwd, id) }
            } else if type == "turn_context", let cwd {
                return (cwd, id)
            } else if fallbackCwd == nil {
                fallbackCwd = environmentCwd(line)
            }
        }
        return (fallbackCwd, id)
    }

    /// The text between `<cwd>` and `</cwd>` in a raw line, JSON-unescaped.
    package static func environmentCwd(_ line: ArraySlice<UInt8>) -> String? {
        let open = Array("<cwd>".utf8)
        let close = Array("</cwd>".utf8)
        guard let start = find(open, in: line) else { return nil }
        let valueStart = start + open.count
        guard let end = find(close, in: line[valueStart...]) else { return nil }
        let value = String(decoding: JSONLineFields.unescape(line[valueStart..<end]), as: UTF8.self)
        return value.hasPrefix("/") ? value : nil
    }

    package static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard let dir = sessionsDir(context) else { return [] }
        guard FileProbe.info(dir)?.kind == .directory else { return [context.codexHome] }
        // New rollouts appear in the newest day folder; a new day/month/year folder changes the
        // mtime of its parent, so the chain of newest folders is enough.
        var paths = [dir]
        var current = dir
        for _ in 0..<3 {
            guard let newest = CodexSource.datedDirs(current).last else { break }
            current = SourceContext.joined(current, newest)
            paths.append(current)
        }
        var seen = Set(paths)
        for session in sessions where session.source == name {
            for stream in session.streams where seen.insert(stream.path).inserted { paths.append(stream.path) }
        }
        return paths
    }

    /// Drops the value of every `encrypted_content` member (the member is removed, JSON stays
    /// valid); lines without that word are returned as they are.
    public func normalize(_ line: [UInt8]) -> [UInt8]? {
        guard JSONLineFields.contains(line, "encrypted_content") else { return line }
        return JSONLineFields.removingMembers(named: "encrypted_content", from: line)
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let top = JSONLineFields.members(bytes, keys: ["timestamp", "type", "payload"])
        guard !top.isEmpty else { return }
        metadata.noteTimestamp(top["timestamp"].flatMap { JSONLineFields.string(bytes, $0) })
        let type = top["type"].flatMap { JSONLineFields.string(bytes, $0) }
        guard let payload = top["payload"] else {
            // Pre-envelope files: items sit at the top level.
            if type == "message" { absorbMessage(bytes, bytes.startIndex..<bytes.endIndex, into: &metadata) }
            return
        }
        switch type {
        case "session_meta":
            let p = JSONLineFields.members(bytes[payload], keys: ["cwd", "git", "timestamp"])
            if metadata.firstTimestamp == nil { metadata.noteTimestamp(p["timestamp"].flatMap { JSONLineFields.string(bytes, $0) }) }
            if metadata.cwd == nil, let cwd = p["cwd"].flatMap({ JSONLineFields.string(bytes, $0) }), !cwd.isEmpty { metadata.cwd = cwd }
            if let git = p["git"],
                let branch = JSONLineFields.members(bytes[git], keys: ["branch"])["branch"].flatMap({ JSONLineFields.string(bytes, $0) }),
                !branch.isEmpty
            {
                metadata.branch = branch
            }
        case "turn_context":
            if metadata.cwd == nil,
                let cwd = JSONLineFields.members(bytes[payload], keys: ["cwd"])["cwd"].flatMap({ JSONLineFields.string(bytes, $0) }),
                !cwd.isEmpty
            {
                metadata.cwd = cwd
            }
        case "event_msg":
            guard metadata.title == nil else { return }
            let p = JSONLineFields.members(bytes[payload], keys: ["type", "message"])
            if p["type"].flatMap({ JSONLineFields.string(bytes, $0) }) == "user_message" {
                metadata.offerPrompt(p["message"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) }.flatMap(CodexSource.userText))
            }
        case "response_item":
            absorbMessage(bytes, payload, into: &metadata)
        default:
            break
        }
    }

    /// A `{"type":"message","role":"user","content":[{"type":"input_text","text":…}]}` item.
    package func absorbMessage(_ bytes: ArraySlice<UInt8>, _ item: Range<Int>, into metadata: inout SessionMetadata) {
        guard metadata.title == nil else { return }
        let m = JSONLineFields.members(bytes[item], keys: ["type", "role", "content"])
        guard m["type"].flatMap({ JSONLineFields.string(bytes, $0) }) == "message",
            m["role"].flatMap({ JSONLineFields.string(bytes, $0) }) == "user", let content = m["content"]
        else { return }
        for block in JSONLineFields.elements(bytes, content) {
            let b = JSONLineFields.members(bytes[block], keys: ["type", "text"])
            let kind = b["type"].flatMap { JSONLineFields.string(bytes, $0) }
            guard kind == "input_text" || kind == "text",
                let text = b["text"].flatMap({ JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) }).flatMap(CodexSource.userText)
            else { continue }
            metadata.offerPrompt(text)
            return
        }
    }

    /// `text` unless it is context Codex injects (environment context, user/AGENTS.md instructions).
    package static func userText(_ text: String) -> String? {
        let t = Substring(text).trimmingCharacters(in: " \t\r\n")
        if t.isEmpty || t.hasPrefix("<") || t.hasPrefix("# AGENTS.md instructions") { return nil }
        return String(t)
    }
}
