/// Cursor's agent (the `agent` CLI, and the IDE's agent): `<cursorConfigDir>/projects/<folder>/agent-transcripts/`
/// `<id>.jsonl` (the CLI), `<id>/<id>.jsonl` with `<id>/subagents/*.jsonl` (the IDE), and the older plain-text
/// `<id>.txt`. Records are `{"role","message":{"content":[…]}}` with no id, time or working directory, so the
/// project folder is the only link: its name is the worktree's path without the leading slash, every other
/// character outside `[A-Za-z0-9]` as `-`. That rule is applied to this worktree's roots and only folders of
/// exactly those names are read; folder names are never decoded (the rule is lossy: `/a/b-c` and `/a/b/c` share a
/// folder, and a session started in a subfolder has a folder of its own).
public struct CursorSource: TranscriptSource {
    public var name: String { "cursor" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { context.homes.cursorConfigDir.isEmpty ? nil : context.homes.cursorConfigDir }

    public var environmentVariables: [String] { ["CURSOR_CONFIG_DIR"] }

    package func projectsDir(_ context: SourceContext) -> String? {
        context.homes.cursorConfigDir.isEmpty ? nil : SourceContext.joined(context.homes.cursorConfigDir, "projects")
    }

    /// Cursor's folder name for a project path.
    package static func folderName(_ path: String) -> String {
        var out: [UInt8] = []
        for b in path.utf8.drop(while: { $0 == UInt8(ascii: "/") }) {
            let alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            out.append(alnum ? b : UInt8(ascii: "-"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `agent-transcripts` folders of this worktree's roots.
    package func transcriptDirs(_ context: SourceContext) -> [String] {
        guard let projects = projectsDir(context) else { return [] }
        var seen = Set<String>()
        return context.allRoots.map { projects + "/" + CursorSource.folderName($0) + "/agent-transcripts" }.filter { seen.insert($0).inserted }
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        var result: [SessionLocator] = []
        for dir in transcriptDirs(context) {
            for entry in FileProbe.list(dir) {
                if entry.kind == .file, let stem = CursorSource.stem(entry.name) {
                    result.append(SessionLocator(source: name, sessionID: stem, streams: [TranscriptStream(path: SourceContext.joined(dir, entry.name))]))
                } else if entry.kind == .directory {
                    let folder = SourceContext.joined(dir, entry.name)
                    let main = folder + "/" + entry.name + ".jsonl"
                    guard FileProbe.info(main)?.kind == .file else { continue }
                    var streams = [TranscriptStream(path: main)]
                    let subagents = folder + "/subagents"
                    for sub in FileProbe.list(subagents).sorted(by: { $0.name < $1.name }) where sub.kind == .file {
                        guard let stem = CursorSource.stem(sub.name) else { continue }
                        streams.append(TranscriptStream(path: SourceContext.joined(subagents, sub.name), archiveName: "subagents/" + stem))
                    }
                    result.append(SessionLocator(source: name, sessionID: entry.name, streams: streams))
                }
            }
        }
        return result.sorted { ($0.sessionID, $0.streams[0].path) < ($1.sessionID, $1.streams[0].path) }
    }

    /// `<id>.jsonl` or `<id>.txt` → `<id>`.
    static func stem(_ file: String) -> String? {
        for ext in [".jsonl", ".txt"] where file.hasSuffix(ext) && file.count > ext.count { return String(file.dropLast(ext.count)) }
        return nil
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        func add(_ p: String) { if seen.insert(p).inserted { paths.append(p) } }
        for dir in transcriptDirs(context) {
            add(dir)  // not there yet: `-nt` turns true once Cursor creates it
            for entry in FileProbe.list(dir) where entry.kind == .directory {
                add(SourceContext.joined(dir, entry.name))
                add(dir + "/" + entry.name + "/subagents")
            }
        }
        for session in sessions where session.source == name {
            for stream in session.streams { add(stream.path) }
        }
        return paths
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        guard metadata.title == nil else { return }
        let bytes = line[...]
        let f = JSONLineFields.members(bytes, keys: ["role", "message"])
        guard f["role"].flatMap({ JSONLineFields.string(bytes, $0) }) == "user", let message = f["message"],
            let content = JSONLineFields.members(bytes[message], keys: ["content"])["content"]
        else { return }
        let text = JSONLineFields.messageText(bytes, content, maxBytes: SessionMetadata.titleScanBytes)
        if let query = text.flatMap(CursorSource.userQuery) { metadata.offerPrompt(query) }
    }

    /// What the person typed: the text inside `<user_query>…</user_query>` when Cursor wrapped it, the text
    /// itself when it is not a tag Cursor adds; nil for injected context.
    package static func userQuery(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: " \t\r\n")
        if let open = t.firstRange(of: "<user_query>") {
            let rest = t[open.upperBound...]
            let end = rest.firstRange(of: "</user_query>")?.lowerBound ?? rest.endIndex
            let query = String(rest[..<end]).trimmingCharacters(in: " \t\r\n")
            return query.isEmpty ? nil : query
        }
        return t.isEmpty || t.hasPrefix("<") ? nil : t
    }

    public var restoreUnsupported: String {
        "resumes a chat from its own store (chats/<workspace hash>/<id>/store.db, content-addressed blobs); the JSONL transcript is a copy it writes for reading"
    }
}
