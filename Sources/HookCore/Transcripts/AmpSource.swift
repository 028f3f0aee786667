/// Amp: one JSON document per thread, `<dataHome>/amp/threads/T-<uuid>.json`, rewritten whole on every change.
///
/// A thread belongs to this worktree when one of its workspace trees (`env.initial.trees[].uri`, `file://` URIs)
/// is a root or lies inside one; `env` follows the messages in the file, so the whole file is read once and the
/// decision kept. Archived as records: the thread (`$thread`: id, creation time, title, workspace), then each
/// message by its thread-unique `messageId`; a message Amp changes later is archived again.
public struct AmpSource: TranscriptSource {
    public var name: String { "amp" }

    public init() {}

    public func installation(in context: SourceContext) -> String? { context.homes.dataHome.isEmpty ? nil : context.homes.dataHome + "/amp" }

    public var environmentVariables: [String] { ["XDG_DATA_HOME"] }

    package func threadsDir(_ context: SourceContext) -> String? {
        context.homes.dataHome.isEmpty ? nil : context.homes.dataHome + "/amp/threads"
    }

    /// Thread files can be megabytes, and `env` sits after the messages: the decision reads the whole file.
    static let readCap = 256 << 20

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        guard let dir = threadsDir(context) else { return [] }
        let roots = context.allRoots
        var result: [SessionLocator] = []
        for entry in FileProbe.list(dir) where entry.kind == .file && entry.name.hasPrefix("T-") && entry.name.hasSuffix(".json") {
            let path = SourceContext.joined(dir, entry.name)
            // The read buffer is the cap: the file's size (one byte more, so a complete file reads as complete).
            let cap = Int(min(UInt64(AmpSource.readCap), (FileProbe.info(path)?.size ?? 0) + 1))
            guard let decided = cache.resolve(path, cap: cap, decide: { AmpSource.decideThread($0, roots: roots) }),
                let cwd = decided.cwd, roots.contains(where: { ClaudePathEncoding.cwd(cwd, isInside: $0) })
            else { continue }
            let id = decided.sessionID ?? String(entry.name.dropLast(5))
            result.append(SessionLocator(source: name, sessionID: id, streams: [TranscriptStream(path: path, kind: .records)]))
        }
        return result.sorted { $0.sessionID < $1.sessionID }
    }

    /// The thread's id and its workspace: the first tree inside one of `roots`, else the first tree.
    package static func decideThread(_ bytes: [UInt8], roots: [String]) -> (cwd: String?, sessionID: String?) {
        let top = JSONLineFields.members(bytes[...], keys: ["id", "env"])
        let id = top["id"].flatMap { JSONLineFields.string(bytes[...], $0) }
        let trees = workspaceTrees(bytes, env: top["env"])
        let cwd = trees.first { tree in roots.contains { ClaudePathEncoding.cwd(tree, isInside: $0) } } ?? trees.first
        return (cwd, id)
    }

    /// The paths of `env.initial.trees[].uri`.
    package static func workspaceTrees(_ bytes: [UInt8], env: Range<Int>?) -> [String] {
        guard let env, let initial = JSONLineFields.members(bytes[env], keys: ["initial"])["initial"],
            let trees = JSONLineFields.members(bytes[initial], keys: ["trees"])["trees"]
        else { return [] }
        return JSONLineFields.elements(bytes[...], trees).compactMap { tree in
            JSONLineFields.members(bytes[tree], keys: ["uri"])["uri"].flatMap { JSONLineFields.string(bytes[...], $0) }.flatMap(path(fileURI:))
        }
    }

    /// `file:///home/u/my%20repo` → `/home/u/my repo`.
    package static func path(fileURI uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = Array(uri.utf8.dropFirst(7))
        if let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash > 0 { rest.removeSubrange(0..<slash) }  // a host
        var out: [UInt8] = []
        var i = 0
        while i < rest.count {
            if rest[i] == UInt8(ascii: "%"), i + 2 < rest.count, let value = UInt8(String(decoding: rest[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                i += 3
            } else {
                out.append(rest[i])
                i += 1
            }
        }
        let path = SourceContext.trimmed(String(decoding: out, as: UTF8.self))
        return path.hasPrefix("/") ? path : nil
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard let dir = threadsDir(context) else { return [] }
        var paths = [dir]
        for session in sessions where session.source == name { paths += session.streams.map(\.path) }
        return paths
    }

    public func records(of stream: TranscriptStream) throws -> [SourceRecord] {
        guard let bytes = try WholeDocument.load(stream.path) else { return [] }
        let top = JSONLineFields.members(bytes[...], keys: ["id", "created", "title", "agentMode", "parentId", "env", "messages"])
        var out = [SourceRecord(id: "$thread", bytes: WholeDocument.object(bytes, top, keys: ["id", "created", "title", "agentMode", "parentId", "env"]))]
        let messages = top["messages"].map { JSONLineFields.elements(bytes[...], $0) } ?? []
        for (i, message) in messages.enumerated() {
            let id = WholeDocument.scalar(bytes, "messageId", in: message).map { "m" + $0 } ?? "#\(i)"
            out.append(SourceRecord(id: id, bytes: WholeDocument.compact(bytes[message])))
        }
        return out
    }

    public func recordID(ofArchivedLine line: [UInt8]) -> String? {
        if let id = WholeDocument.scalar(line, "messageId") { return "m" + id }
        return WholeDocument.string(line, "id")?.hasPrefix("T-") == true ? "$thread" : nil
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        let bytes = line[...]
        let f = JSONLineFields.members(bytes, keys: ["id", "created", "title", "env", "role", "content", "meta"])
        if let created = f["created"] {
            metadata.noteTimestamp(SourceTime.iso(millis: Double(String(decoding: bytes[created], as: UTF8.self))))
            metadata.setSummary(f["title"].flatMap { JSONLineFields.string(bytes, $0) })
            if metadata.cwd == nil { metadata.cwd = AmpSource.workspaceTrees(line, env: f["env"]).first }
            return
        }
        if let meta = f["meta"], let sent = JSONLineFields.members(bytes[meta], keys: ["sentAt"])["sentAt"] {
            metadata.noteTimestamp(SourceTime.iso(millis: Double(String(decoding: bytes[sent], as: UTF8.self))))
        }
        guard metadata.title == nil, f["role"].flatMap({ JSONLineFields.string(bytes, $0) }) == "user", let content = f["content"] else { return }
        for block in JSONLineFields.elements(bytes, content) {
            let b = JSONLineFields.members(bytes[block], keys: ["type", "text"])
            guard b["type"].flatMap({ JSONLineFields.string(bytes, $0) }) == "text" else { continue }
            metadata.offerPrompt(b["text"].flatMap { JSONLineFields.string(bytes, $0, maxBytes: SessionMetadata.titleScanBytes) })
            return
        }
    }

    public var restoreUnsupported: String {
        "keeps threads on its server (ampcode.com); the local file is a copy it refreshes from there, so writing it back does not make a thread resumable"
    }
}
