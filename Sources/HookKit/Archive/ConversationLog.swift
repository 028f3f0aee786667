import FoundationEssentials
import HookCore

/// `convo-hook log`: the archived sessions, newest first, with the commits that carry them, their time
/// range, models, tokens and cost.
public enum ConversationLog {
    /// One session in the log.
    public struct Entry: Codable, Sendable {
        /// `<source>/<sanitized id>`, as in `Conversation:` trailers.
        public var session: String
        public var source: String
        public var sessionID: String
        /// The first and last record times (ISO-8601 as recorded).
        public var started: String?
        public var ended: String?
        public var durationSeconds: Int?
        public var title: String?
        /// Lines archived, all streams together, each once.
        public var lines: Int
        public var folder: String
        public var branch: String?
        public var models: [String]
        public var tokens: Tokens
        /// US dollars for the messages whose model has a price; nil when none has.
        public var cost: Double?
        /// Messages spent with a model the price table does not know.
        public var unpricedMessages: Int
        public var commits: [String]
        /// The transcript is not on this machine (deleted by the assistant's cleanup, or a teammate's
        /// session): `convo-hook restore` writes it back.
        public var restorable: Bool
        /// In a `sync --to DIR` mirror, the repository folder the session is in; nil in a repository.
        public var repository: String?
        /// Who wrote the code lines of the commits carrying the session, as their notes say (added up).
        public var attribution: CommitAttribution? = nil
    }

    public struct Tokens: Codable, Sendable, Equatable {
        public var input: Int
        public var output: Int
        public var cacheRead: Int
        public var cacheWrite: Int

        init(_ u: TokenUsage) {
            input = u.input
            output = u.output
            cacheRead = u.cacheRead
            cacheWrite = u.cacheWrite
        }
    }

    /// The entries of the current worktree's archive.
    public static func entries(repository: Repository) throws -> [Entry] {
        let archive = try ConversationArchive.current(repository)
        let links = try SessionLinks(repository: repository)
        let here = try? TranscriptsHere(repository: repository)
        return try entries(
            archive, prices: Prices.table(repository), commits: { links.commits(for: $0).map(\.description) },
            restorable: { here?.isRestorable(source: $0.source, key: $0.key) ?? false }, attribution: { links.attribution(for: $0) })
    }

    /// The entries of any archive; `commits` names the commits carrying a session key, `restorable` tells
    /// whether a session's transcript is gone from this machine.
    public static func entries(
        _ archive: ConversationArchive, prices: PriceTable, commits: (String) -> [String] = { _ in [] },
        restorable: (ArchivedSession) -> Bool = { _ in false }, attribution: (String) -> CommitAttribution? = { _ in nil }
    ) throws -> [Entry] {
        defer { archive.saveCache() }
        return archive.sessions().map { s in
            let f = archive.summary(of: s)
            let cost = CostSummary(f.byModel, prices: prices)
            let count = f.messageCount
            return Entry(
                session: s.key, source: s.source, sessionID: f.sessionID ?? s.id, started: f.firstTime ?? s.startedAt, ended: f.lastTime,
                durationSeconds: f.durationSeconds, title: f.title, lines: f.lines, folder: s.folder, branch: f.branch,
                models: f.models, tokens: Tokens(f.usage), cost: count == 0 || cost.unpriced == count ? nil : cost.dollars,
                unpricedMessages: cost.unpriced, commits: commits(s.key), restorable: restorable(s), repository: s.repository,
                attribution: attribution(s.key))
        }
    }

    /// The human-readable listing.
    public static func text(_ entries: [Entry]) -> String {
        guard !entries.isEmpty else { return "no archived sessions" }
        return entries.map { e in
            let commits = e.commits.isEmpty ? "not committed" : e.commits.map { String($0.prefix(7)) }.joined(separator: " ")
            var facts = ["\(e.lines) lines"]
            if let d = e.durationSeconds { facts.append(Figures.duration(d)) }
            let tokens = e.tokens.input + e.tokens.output + e.tokens.cacheRead + e.tokens.cacheWrite
            if tokens > 0 { facts.append("\(Figures.grouped(tokens)) tokens") }
            if let cost = e.cost { facts.append(Figures.dollars(cost) + (e.unpricedMessages > 0 ? "+" : "")) }
            if let a = e.attribution, a.added > 0 { facts.append("code +\(Figures.grouped(a.added)): \(a.tool) tool, \(a.edited) edited, \(a.hand) by hand") }
            let started = e.started.map(Figures.dateTime) ?? "?"
            let restorable = e.restorable ? "  (transcript gone here: restorable)" : ""
            let session = e.repository.map { "\($0) · \(e.session)" } ?? e.session
            return "\(started)  \(session)  \(facts.joined(separator: ", "))  \(commits)\(restorable)\n    \(e.title ?? "(untitled)")"
        }.joined(separator: "\n")
    }

    /// The entries as pretty-printed JSON, keys sorted.
    public static func json(_ entries: [Entry]) throws -> String {
        JSONOutput.render(
            .array(
                entries.map { e in
                    .object(
                        ([
                            ("attribution", e.attribution.map(ConversationLog.json) ?? .string(nil)),
                            ("commits", .strings(e.commits)), ("cost", .double(e.cost)), ("durationSeconds", .int(e.durationSeconds)),
                            ("ended", .string(e.ended)), ("folder", .string(e.folder)), ("branch", .string(e.branch)), ("lines", .int(e.lines)),
                            ("models", .strings(e.models)), ("restorable", .bool(e.restorable)),
                            ("session", .string(e.session)), ("sessionID", .string(e.sessionID)),
                            ("source", .string(e.source)), ("started", .string(e.started)), ("title", .string(e.title)),
                            (
                                "tokens",
                                .object([
                                    ("cacheRead", .int(e.tokens.cacheRead)), ("cacheWrite", .int(e.tokens.cacheWrite)),
                                    ("input", .int(e.tokens.input)), ("output", .int(e.tokens.output)),
                                ])
                            ),
                            ("unpricedMessages", .int(e.unpricedMessages)),
                        ] + (e.repository.map { [("repository", JSONOutput.Value.string($0))] } ?? [])).sorted { $0.0 < $1.0 })
                }))
    }

    static func json(_ a: CommitAttribution) -> JSONOutput.Value {
        .object([("added", .int(a.added)), ("edited", .int(a.edited)), ("hand", .int(a.hand)), ("rule", .int(a.rule)), ("tool", .int(a.tool))])
    }
}
