/// Session facts remembered between runs, keyed by session folder and the versions of its parts, so
/// listing an archive reads only sessions that changed. Derived data: a missing or damaged file costs one
/// re-read of every session, never a wrong figure (a version mismatch always re-reads).
///
/// One JSON object per line, written and read by hand: `log` over thousands of sessions must not pay a
/// generic decoder.
public final class SessionFactsCache {
    /// Where the cache lives; nil keeps it in memory only.
    public let path: String?
    private var entries: [String: (signature: String, facts: SessionFacts)] = [:]
    private var changed = false

    /// Bump when what facts hold, or how they are derived, changes.
    static let format = "convo-hook session facts 1"

    public init(path: String?) {
        self.path = path
        if let path, let bytes = FileSystem.read(path) { load(bytes) }
    }

    /// The facts of `session`, from the cache when its parts are unchanged, else read and remembered.
    public func facts(of session: ArchivedSession, reader: ArchiveReader) -> SessionFacts {
        let streams = reader.streams(of: session)
        let signature = SessionFactsCache.signature(streams)
        if let hit = entries[key(session)], hit.signature == signature { return hit.facts }
        let facts = SessionFacts(reader.transcript(of: session))
        entries[key(session)] = (signature, facts)
        changed = true
        return facts
    }

    /// Writes the cache when something changed; failures are ignored (it is only a cache).
    public func save() {
        guard changed, let path else { return }
        var out = SessionFactsCache.format + "\n"
        for key in entries.keys.sorted() {
            let entry = entries[key]!
            out += SessionFactsCache.encode(key: key, signature: entry.signature, facts: entry.facts) + "\n"
        }
        _ = try? FileSystem.makeDirectories(FileSystem.parent(of: path))
        try? FileSystem.writeAtomically(Array(out.utf8), to: path)
        changed = false
    }

    /// Stores facts derived elsewhere (search reads every changed session anyway).
    public func remember(_ session: ArchivedSession, signature: String, facts: SessionFacts) {
        entries[key(session)] = (signature, facts)
        changed = true
    }

    private func key(_ session: ArchivedSession) -> String { (session.repository.map { $0 + ":" } ?? "") + session.path }

    /// What changes whenever a session's parts change: each stream's part names and versions.
    public static func signature(_ streams: [ArchivedStream]) -> String {
        streams.map { stream in stream.name + "=" + stream.parts.map { $0.fileName + "@" + $0.version }.joined(separator: ",") }.joined(separator: ";")
    }

    // MARK: format

    private func load(_ bytes: [UInt8]) {
        var header = true
        var valid = false
        ArchiveReader.splitLines(bytes) { line in
            if header {
                header = false
                valid = line.elementsEqual(SessionFactsCache.format.utf8)
                return
            }
            guard valid, let root = JSONDocument.parse(line)?.root, let key = root["k"]?.string, let signature = root["s"]?.string,
                  let facts = SessionFactsCache.decode(root) else { return }
            entries[key] = (signature, facts)
        }
    }

    static func encode(key: String, signature: String, facts f: SessionFacts) -> String {
        func q(_ s: String?) -> String { s.map(JSONText.quoted) ?? "null" }
        var streams: [String] = [], models: [String] = [], branches: [String] = []
        func index(_ value: String?, in list: inout [String]) -> Int {
            guard let value else { return -1 }
            if let i = list.firstIndex(of: value) { return i }
            list.append(value)
            return list.count - 1
        }
        var messages: [String] = []
        for m in f.messages {
            let s = index(m.stream, in: &streams), mo = index(m.model, in: &models), b = index(m.branch, in: &branches)
            let u = m.usage
            messages.append("[\(s),\(m.line),\(q(m.time)),\(mo),\(b),\(u.input),\(u.output),\(u.cacheRead),\(u.cacheWrite),\(u.reportedCost.map { String($0) } ?? "null")]")
        }
        let parts = [
            "\"k\":" + q(key), "\"s\":" + q(signature), "\"id\":" + q(f.sessionID), "\"title\":" + q(f.title), "\"cwd\":" + q(f.cwd),
            "\"branch\":" + q(f.branch), "\"first\":" + q(f.firstTime), "\"last\":" + q(f.lastTime), "\"lines\":\(f.lines)",
            "\"models\":[" + f.models.map(JSONText.quoted).joined(separator: ",") + "]", "\"prompts\":\(f.prompts)", "\"tools\":\(f.toolCalls)",
            "\"ms\":[" + streams.map(JSONText.quoted).joined(separator: ",") + "]",
            "\"mm\":[" + models.map(JSONText.quoted).joined(separator: ",") + "]",
            "\"mb\":[" + branches.map(JSONText.quoted).joined(separator: ",") + "]",
            "\"m\":[" + messages.joined(separator: ",") + "]",
        ]
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func decode(_ r: JSON) -> SessionFacts? {
        guard let lines = r["lines"]?.int else { return nil }
        let streams = (r["ms"]?.elements ?? []).compactMap(\.string)
        let models = (r["mm"]?.elements ?? []).compactMap(\.string)
        let branches = (r["mb"]?.elements ?? []).compactMap(\.string)
        func pick(_ list: [String], _ i: Int?) -> String? {
            guard let i, i >= 0, i < list.count else { return nil }
            return list[i]
        }
        var messages: [MessageUsage] = []
        for m in r["m"]?.elements ?? [] {
            let v = m.elements
            guard v.count == 10, let stream = pick(streams, v[0].int), let line = v[1].int else { return nil }
            let usage = TokenUsage(input: v[5].int ?? 0, output: v[6].int ?? 0, cacheRead: v[7].int ?? 0, cacheWrite: v[8].int ?? 0,
                                   reportedCost: v[9].double)
            messages.append(MessageUsage(stream: stream, line: line, time: v[2].string, model: pick(models, v[3].int),
                                         branch: pick(branches, v[4].int), usage: usage))
        }
        return SessionFacts(sessionID: r["id"]?.string, title: r["title"]?.string, cwd: r["cwd"]?.string, branch: r["branch"]?.string,
                            firstTime: r["first"]?.string, lastTime: r["last"]?.string, lines: lines,
                            models: (r["models"]?.elements ?? []).compactMap(\.string), prompts: r["prompts"]?.int ?? 0,
                            toolCalls: r["tools"]?.int ?? 0, messages: messages)
    }
}
