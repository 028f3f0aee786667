/// Session facts remembered between runs, keyed by session folder and its version (`quickSignature`:
/// tree ids in git, folder times on disk), so listing an archive reads only sessions that changed. Derived data: a missing or damaged file costs one
/// re-read of every session, never a wrong figure (a version mismatch always re-reads).
///
/// Two lines per session, written and read by hand (`log` over thousands of sessions must not pay a generic
/// decoder): a JSON object with the facts and per-model totals, then a JSON array of the per-message
/// figures, parsed only when a command asks for them (`stats`, `show`).
public final class SessionFactsCache {
    /// Where the cache lives; nil keeps it in memory only.
    public let path: String?
    private var entries: [String: Entry] = [:]
    private var loaded = false
    private var changed = false

    /// Reads the file when first needed (a command that needs no facts pays nothing).
    private func load() {
        guard !loaded else { return }
        loaded = true
        if let path, let bytes = FileSystem.read(path) { entries = SessionFactsCache.load(bytes) }
    }

    private struct Entry {
        var signature: String
        var facts: SessionFacts
        /// The per-message line, not parsed yet; nil once parsed into `facts.messages`.
        var pendingMessages: ArraySlice<UInt8>?
    }

    /// Bump when what facts hold, or how they are derived, changes.
    static let format = "convo-hook session facts 3"

    public init(path: String?) {
        self.path = path
    }

    /// The facts of `session`, from the cache when its parts are unchanged, else read and remembered. Without
    /// `messages`, `facts.messages` may be empty (the per-model totals are always there).
    public func facts(of session: ArchivedSession, reader: ArchiveReader, messages: Bool = true) -> SessionFacts {
        load()
        let signature = reader.quickSignature(of: session)
        let key = self.key(session)
        if var hit = entries[key], hit.signature == signature {
            guard messages, let pending = hit.pendingMessages else { return hit.facts }
            if let decoded = SessionFactsCache.decodeMessages(pending) {
                hit.facts.messages = decoded
                hit.pendingMessages = nil
                entries[key] = hit
                return hit.facts
            }
        }
        let facts = SessionFacts(reader.transcript(of: session))
        entries[key] = Entry(signature: signature, facts: facts)
        changed = true
        return facts
    }

    /// Stores facts derived elsewhere (search reads every changed session anyway).
    public func remember(_ session: ArchivedSession, signature: String, facts: SessionFacts) {
        load()
        entries[key(session)] = Entry(signature: signature, facts: facts)
        changed = true
    }

    private func key(_ session: ArchivedSession) -> String { (session.repository.map { $0 + ":" } ?? "") + session.path }

    /// What changes whenever a session's parts change: each stream's part names and versions.
    public static func signature(_ streams: [ArchivedStream]) -> String {
        var out = ""
        for stream in streams {
            out += stream.name + "="
            for part in stream.parts { out += part.fileName + "@" + part.version + "," }
            out += ";"
        }
        return out
    }

    /// Writes the cache when something changed; failures are ignored (it is only a cache).
    public func save() {
        guard changed, let path else { return }
        var out = Array((SessionFactsCache.format + "\n").utf8)
        for key in entries.keys.sorted() {
            let entry = entries[key]!
            out += Array(SessionFactsCache.encode(key: key, signature: entry.signature, facts: entry.facts).utf8)
            out.append(0x0A)
            if let pending = entry.pendingMessages {
                out += pending
            } else {
                out += Array(SessionFactsCache.encodeMessages(entry.facts.messages).utf8)
            }
            out.append(0x0A)
        }
        _ = try? FileSystem.makeDirectories(FileSystem.parent(of: path))
        try? FileSystem.writeAtomically(out, to: path)
        changed = false
    }

    // MARK: format

    private static func load(_ bytes: [UInt8]) -> [String: Entry] {
        var lines: [ArraySlice<UInt8>] = []
        ArchiveReader.splitLines(bytes) { lines.append($0) }
        guard let header = lines.first, header.elementsEqual(SessionFactsCache.format.utf8) else { return [:] }
        var entries: [String: Entry] = [:]
        var i = 1
        while i + 1 < lines.count {
            defer { i += 2 }
            guard let root = JSONDocument.parse(lines[i])?.root, let key = root["k"]?.string, let signature = root["s"]?.string,
                let facts = SessionFactsCache.decode(root)
            else { continue }
            entries[key] = Entry(signature: signature, facts: facts, pendingMessages: lines[i + 1])
        }
        return entries
    }

    static func encode(key: String, signature: String, facts f: SessionFacts) -> String {
        func q(_ s: String?) -> String { s.map(JSONText.quoted) ?? "null" }
        func usage(_ u: TokenUsage) -> String { "\(u.input),\(u.output),\(u.cacheRead),\(u.cacheWrite),\(u.reportedCost.map { String($0) } ?? "null")" }
        let byModel = f.byModel.map { "[" + q($0.model) + ",\($0.messages)," + usage($0.usage) + "]" }
        let parts = [
            "\"k\":" + q(key), "\"s\":" + q(signature), "\"id\":" + q(f.sessionID), "\"title\":" + q(f.title), "\"cwd\":" + q(f.cwd),
            "\"branch\":" + q(f.branch), "\"first\":" + q(f.firstTime), "\"last\":" + q(f.lastTime), "\"lines\":\(f.lines)",
            "\"models\":[" + f.models.map(JSONText.quoted).joined(separator: ",") + "]", "\"prompts\":\(f.prompts)", "\"tools\":\(f.toolCalls)",
            "\"bm\":[" + byModel.joined(separator: ",") + "]",
        ]
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func decode(_ r: JSON) -> SessionFacts? {
        guard let lines = r["lines"]?.int else { return nil }
        var byModel: [ModelUsage] = []
        for m in r["bm"]?.elements ?? [] {
            let v = m.elements
            guard v.count == 7 else { return nil }
            byModel.append(ModelUsage(model: v[0].string, usage: usage(v[2...]), messages: v[1].int ?? 0))
        }
        return SessionFacts(
            sessionID: r["id"]?.string, title: r["title"]?.string, cwd: r["cwd"]?.string, branch: r["branch"]?.string,
            firstTime: r["first"]?.string, lastTime: r["last"]?.string, lines: lines,
            models: (r["models"]?.elements ?? []).compactMap(\.string), prompts: r["prompts"]?.int ?? 0,
            toolCalls: r["tools"]?.int ?? 0, messages: [], byModel: byModel)
    }

    /// `[streams, models, branches, [[stream, line, time, model, branch, input, output, cacheRead, cacheWrite, cost]…]]`
    /// with streams, models and branches as indices into the first three lists.
    static func encodeMessages(_ messages: [MessageUsage]) -> String {
        var streams: [String] = []
        var models: [String] = []
        var branches: [String] = []
        func index(_ value: String?, in list: inout [String]) -> Int {
            guard let value else { return -1 }
            if let i = list.firstIndex(of: value) { return i }
            list.append(value)
            return list.count - 1
        }
        var rows: [String] = []
        for m in messages {
            let s = index(m.stream, in: &streams)
            let mo = index(m.model, in: &models)
            let b = index(m.branch, in: &branches)
            let u = m.usage
            rows.append(
                "[\(s),\(m.line),\(m.time.map(JSONText.quoted) ?? "null"),\(mo),\(b),\(u.input),\(u.output),\(u.cacheRead),\(u.cacheWrite),\(u.reportedCost.map { String($0) } ?? "null")]"
            )
        }
        func list(_ l: [String]) -> String { "[" + l.map(JSONText.quoted).joined(separator: ",") + "]" }
        return "[" + list(streams) + "," + list(models) + "," + list(branches) + ",[" + rows.joined(separator: ",") + "]]"
    }

    static func decodeMessages(_ bytes: ArraySlice<UInt8>) -> [MessageUsage]? {
        guard let root = JSONDocument.parse(bytes)?.root, root.elements.count == 4 else { return nil }
        let lists = root.elements
        let streams = lists[0].elements.compactMap(\.string)
        let models = lists[1].elements.compactMap(\.string)
        let branches = lists[2].elements.compactMap(\.string)
        func pick(_ list: [String], _ i: Int?) -> String? {
            guard let i, i >= 0, i < list.count else { return nil }
            return list[i]
        }
        var out: [MessageUsage] = []
        for m in lists[3].elements {
            let v = m.elements
            guard v.count == 10, let stream = pick(streams, v[0].int), let line = v[1].int else { return nil }
            out.append(
                MessageUsage(
                    stream: stream, line: line, time: v[2].string, model: pick(models, v[3].int), branch: pick(branches, v[4].int),
                    usage: usage(v[5...])))
        }
        return out
    }

    private static func usage(_ v: ArraySlice<JSON>) -> TokenUsage {
        let a = Array(v)
        return TokenUsage(input: a[0].int ?? 0, output: a[1].int ?? 0, cacheRead: a[2].int ?? 0, cacheWrite: a[3].int ?? 0, reportedCost: a[4].double)
    }
}
