import FoundationEssentials
import HookCore

/// `convo-hook stats`: tokens and cost, grouped by session, commit, branch, model or day. Tokens are
/// counted once per API message, from the last line that reported it; a commit is charged for the
/// messages whose last line it carries; a branch is the one the records name where each message was sent.
public enum ConversationStats {
    public enum Grouping: String, Sendable, CaseIterable {
        case session, commit, branch, model, day
    }

    /// One group's figures.
    public struct Row: Codable, Sendable, Equatable {
        /// The group: a session key, a commit id, a branch, a model, a `YYYY-MM-DD` day (UTC as recorded).
        public var key: String
        /// A session's title, a commit's subject.
        public var label: String?
        public var sessions: Int
        public var messages: Int
        public var tokens: ConversationLog.Tokens
        /// US dollars for the messages whose model has a price; nil when none has.
        public var cost: Double?
        public var unpricedMessages: Int
        /// Who wrote the code lines of the group's commits (`--by commit` and `--by branch`), when counted.
        public var attribution: CommitAttribution? = nil
    }

    /// The rows of the current worktree's archive, largest cost first for sessions and models, newest first
    /// for days and commits.
    public static func rows(by grouping: Grouping, repository: Repository) throws -> [Row] {
        let archive = try ConversationArchive.current(repository)
        defer { archive.saveCache() }
        let prices = try Prices.table(repository)
        switch grouping {
        case .commit:
            return try withAttribution(commitRows(archive: archive, repository: repository, prices: prices), repository: repository)
        case .branch:
            let charges = try commitCharges(archive: archive, repository: repository)
            return try withAttribution(rows(by: grouping, archive: archive, prices: prices), branches: charges, repository: repository)
        default:
            return rows(by: grouping, archive: archive, prices: prices)
        }
    }

    /// The branch row a message counts in: the branch it was written on, else the session's.
    static func branchKey(_ message: MessageUsage, of facts: SessionFacts) -> String {
        message.branch ?? facts.branch ?? "(no branch recorded)"
    }

    /// Rows of any archive, for every grouping but `commit`.
    public static func rows(by grouping: Grouping, archive: ConversationArchive, prices: PriceTable) -> [Row] {
        var groups: [String: (sessions: Set<String>, messages: [MessageUsage], label: String?)] = [:]
        for session in archive.sessions() {
            let facts = archive.facts(of: session)
            for message in facts.messages {
                let key: String
                switch grouping {
                case .session: key = session.key
                case .branch: key = branchKey(message, of: facts)
                case .model: key = message.model ?? "(no model recorded)"
                case .day: key = (message.time ?? facts.firstTime ?? session.startedAt).flatMap(Figures.day) ?? "(no time recorded)"
                case .commit: continue
                }
                groups[key, default: ([], [], nil)].sessions.insert(session.folder)
                groups[key]!.messages.append(message)
                if grouping == .session { groups[key]!.label = facts.title }
            }
        }
        let rows = groups.map { key, g in row(key: key, label: g.label, sessions: g.sessions.count, messages: g.messages, prices: prices) }
        switch grouping {
        case .day: return rows.sorted { $0.key > $1.key }
        default: return rows.sorted { ($0.cost ?? 0, $0.tokens.output, $0.key) > ($1.cost ?? 0, $1.tokens.output, $1.key) }
        }
    }

    /// Commits newest first, each with the messages whose last line it carries.
    static func commitRows(archive: ConversationArchive, repository: Repository, prices: PriceTable) throws -> [Row] {
        try commitCharges(archive: archive, repository: repository).compactMap { c in
            c.messages.isEmpty ? nil : row(key: c.id, label: c.label, sessions: c.sessions.count, messages: c.messages, prices: prices)
        }
    }

    /// What one commit is charged for: the messages whose last line it carries, their sessions, and the
    /// branches the records name for them.
    struct Charge {
        var id: String
        var label: String
        var sessions: Set<String> = []
        var messages: [MessageUsage] = []
        var branches: Set<String> = []
    }

    /// The commits carrying conversation lines, newest first, with what each is charged for.
    static func commitCharges(archive: ConversationArchive, repository: Repository) throws -> [Charge] {
        let settings = try repository.archiveSettings()
        let lines = CommitLines(repository: repository, archiveRoot: settings.layout.root, earlierRoots: archive.earlierRoots)
        // By `<source>/<folder name>`, whichever archive folder (`convo.dir`) holds a session's parts.
        let sessions = Dictionary(archive.sessions().map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var facts: [String: SessionFacts] = [:]
        let start: OID?
        switch settings.mode {
        case .tree:
            start = try repository.head().commit
        case .ref:
            start = try repository.referenceTarget(ArchiveRefName.full)
        }
        guard let start else { return [] }
        var byCommit: [String: Charge] = [:]
        var order: [String] = []
        try repository.walkCommits(from: start) { commit in
            let carried = try lines.diff(commit)
            guard !carried.isEmpty else { return true }
            // Ref mode: an archive commit stands for the code commit its trailer names.
            var id = commit.id.description
            var label = commit.message.split(separator: "\n").first.map(String.init) ?? ""
            if settings.mode == .ref, let code = commit.message.split(separator: "\n").first(where: { $0.hasPrefix(ArchiveRefName.codeCommitTrailer + ": ") }) {
                id = String(code.dropFirst(ArchiveRefName.codeCommitTrailer.count + 2))
                if let oid = OID(hex: id), let codeCommit = try? repository.commit(oid) {
                    label = codeCommit.message.split(separator: "\n").first.map(String.init) ?? ""
                }
            }
            if byCommit[id] == nil {
                byCommit[id] = Charge(id: id, label: label)
                order.append(id)
            }
            for c in carried {
                guard let folder = c.folder.map(ArchivedSession.path(ofFolder:)), let session = sessions[folder], let ranges = c.lines else { continue }
                if facts[folder] == nil { facts[folder] = archive.facts(of: session) }
                let charged = facts[folder]!.messages.filter { ranges[$0.stream]?.contains($0.line) ?? false }
                guard !charged.isEmpty else { continue }
                byCommit[id]!.sessions.insert(folder)
                byCommit[id]!.messages += charged
                for m in charged { byCommit[id]!.branches.insert(branchKey(m, of: facts[folder]!)) }
            }
            return true
        }
        return order.map { byCommit[$0]! }
    }

    static func row(key: String, label: String?, sessions: Int, messages: [MessageUsage], prices: PriceTable) -> Row {
        let usage = messages.reduce(TokenUsage.zero) { $0 + $1.usage }
        let cost = CostSummary(messages, prices: prices)
        return Row(
            key: key, label: label, sessions: sessions, messages: messages.count, tokens: ConversationLog.Tokens(usage),
            cost: cost.unpriced == messages.count ? nil : cost.dollars, unpricedMessages: cost.unpriced)
    }

    /// An aligned table with a total line.
    public static func table(_ rows: [Row], by grouping: Grouping) -> String {
        guard !rows.isEmpty else { return "no tokens recorded" }
        let attributed = rows.contains { $0.attribution != nil }
        var header = [grouping.rawValue, "sessions", "messages", "input", "output", "cache read", "cache write", "cost"]
        if attributed { header.append("lines added: tool/edited/hand") }
        func cells(_ r: Row, key: String) -> [String] {
            var cells = [
                key, String(r.sessions), Figures.grouped(r.messages), Figures.grouped(r.tokens.input), Figures.grouped(r.tokens.output),
                Figures.grouped(r.tokens.cacheRead), Figures.grouped(r.tokens.cacheWrite),
                (r.cost.map(Figures.dollars) ?? "-") + (r.unpricedMessages > 0 ? "*" : ""),
            ]
            if attributed { cells.append(r.attribution.map { "\(Figures.grouped($0.added)): \($0.tool)/\($0.edited)/\($0.hand)" } ?? "-") }
            return cells
        }
        var lines = rows.map { r -> [String] in
            var key = grouping == .commit ? String(r.key.prefix(12)) : r.key
            if let label = r.label, !label.isEmpty { key += " " + (SessionTitle.line(label, limit: 40) ?? "") }
            return cells(r, key: key)
        }
        // A session spans several commits, days, branches or models: only per session do the rows add up.
        let total = Row(
            key: "total", label: nil, sessions: grouping == .session ? rows.count : -1,
            messages: rows.reduce(0) { $0 + $1.messages },
            tokens: ConversationLog.Tokens(
                rows.reduce(TokenUsage.zero) { $0 + TokenUsage(input: $1.tokens.input, output: $1.tokens.output, cacheRead: $1.tokens.cacheRead, cacheWrite: $1.tokens.cacheWrite) }
            ),
            cost: rows.contains { $0.cost != nil } ? rows.reduce(0) { $0 + ($1.cost ?? 0) } : nil,
            unpricedMessages: rows.reduce(0) { $0 + $1.unpricedMessages },
            attribution: CommitAttribution.sum(rows.compactMap(\.attribution)))
        var totalCells = cells(total, key: "total")
        if total.sessions < 0 { totalCells[1] = "" }
        lines.append(totalCells)
        let all = [header] + lines
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = [format(header)] + lines.dropLast().map(format) + [format(lines.last!)]
        if rows.contains(where: { $0.unpricedMessages > 0 }) { out.append("* some messages used a model without a price (git config convo.prices MODEL=INPUT,OUTPUT)") }
        return out.joined(separator: "\n")
    }

    public static func json(_ rows: [Row]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }
}
