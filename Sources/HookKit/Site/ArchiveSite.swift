import HookCore

/// The browsable site of an archive: `index.html`, a page (or several) per session, a page per commit that
/// carries conversation, `digest.html` for a `--range`, one stylesheet and the index's filter script.
/// `export --html` writes every page; `serve` renders the one asked for. Pages are rendered from the
/// conversation model (`ConversationOutline`, `SessionFacts`, `CommitLines`), never from a source's records.
public final class ArchiveSite {
    let archive: ConversationArchive
    let history: SiteHistory
    let prices: PriceTable
    let redaction: SiteRedaction
    let range: String?
    /// The sessions the site shows, newest first.
    let sessions: [ArchivedSession]
    /// About how many bytes of conversation a session page holds before the next prompt starts a new page.
    var pageBytes = SessionSite.pageBytes

    /// What rendering a session leaves for the other pages (its own pages are written and dropped).
    struct SessionSummary {
        var facts: SessionFacts
        var title: String
        var shares: [String: CommitShare]
        var total: CommitShare?
    }

    private var summaries: [String: SessionSummary] = [:]
    private var sessionKeys: [String: String] = [:]
    /// Sessions by `<source>/<folder name>` and by `source/id` key (what `SiteHistory.name` gives a carried session).
    private lazy var sessionsByName = Dictionary(sessions.map { ($0.path, $0) } + sessions.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    /// The site of this worktree's archive (tree mode: the worktree folder and HEAD's history; ref mode:
    /// `refs/convo/archive`). `range` keeps the sessions its commits carry; `session` keeps one session.
    public convenience init(repository: Repository, range: String? = nil, session: String? = nil) throws {
        let settings = try repository.archiveSettings()
        let archive = try ConversationArchive.current(repository)
        let redaction = SiteRedaction(redactor: try Redactor(config: settings.redaction))
        let history = try SiteHistory(repository: repository, settings: settings, earlierRoots: archive.earlierRoots, range: range)
        try self.init(archive: archive, history: history, prices: try Prices.table(repository), redaction: redaction, range: range, session: session)
    }

    init(archive: ConversationArchive, history: SiteHistory, prices: PriceTable, redaction: SiteRedaction, range: String?, session: String?) throws {
        self.archive = archive
        self.history = history
        self.prices = prices
        self.redaction = redaction
        self.range = range
        var sessions = archive.sessions()
        if let session {
            guard let match = try MirrorSessions.find(session, in: archive) else { throw ArchiveError("no archived session matches '\(session)' in \(archive.place)") }
            sessions = [match]
        }
        if range != nil { sessions = sessions.filter { history.carries($0) } }
        self.sessions = sessions
    }

    var place: String { archive.place }

    /// Keeps the session facts derived while rendering for the next run.
    public func saveCache() { archive.saveCache() }

    /// The commits the site has pages for: those of its history that carry one of its sessions.
    var commits: [SiteCommit] {
        let names = Set(sessions.map(\.path) + sessions.map(\.key))
        return history.commits.filter { c in c.sessions.contains { names.contains(SiteHistory.name($0)) } }
    }

    // MARK: pages

    /// A session's pages (path from the site's root, bytes); remembers what the other pages need of it.
    func sessionPages(_ session: ArchivedSession) -> [(path: String, bytes: [UInt8])] {
        let transcript = archive.transcript(of: session)
        let facts = SessionFacts(transcript)
        let title = facts.title ?? "Session \(facts.sessionID ?? session.id)"
        let site = SessionSite(
            session: session, transcript: transcript, facts: facts, title: title, commits: history.commits(of: session), prices: prices,
            redaction: redaction, place: place, pageBytes: pageBytes, wantsTotal: range != nil)
        let output = site.render()
        var listed = facts
        listed.messages = []
        summaries[session.folder] = SessionSummary(facts: listed, title: title, shares: output.shares, total: output.total)
        // The facts just derived serve the next index without reading the session again.
        archive.cache.remember(session, signature: archive.reader.quickSignature(of: session), facts: facts)
        return output.pages
    }

    // MARK: what a page depends on

    /// Everything every page depends on besides its own inputs: the renderer, the redaction settings, the
    /// prices, the range and the page size.
    var settingsKey: String {
        let r = redaction.redactor?.config
        let parts = [
            "convo-hook " + HookKit.version, "site 1", "redact " + (r?.extraPatterns ?? []).joined(separator: "\u{1}"),
            "allow " + (r?.allowPatterns ?? []).joined(separator: "\u{1}"), "keepImages \(r?.keepImages ?? false)",
            "prices \(prices.checked) " + String(describing: prices.prices), "range " + (range ?? ""), "page \(pageBytes)",
        ]
        return ArchiveSite.digest(parts.joined(separator: "\n"))
    }

    /// Changes whenever a session's pages may: its parts (`quickSignature`) or the commits that carry it and their lines.
    func sessionKey(_ session: ArchivedSession) -> String {
        if let known = sessionKeys[session.folder] { return known }
        var text = "session " + session.folder + "\n" + archive.reader.quickSignature(of: session)
        for (commit, lines) in history.commits(of: session) { text += "\n" + commit.id + " " + commit.subject + " " + ArchiveSite.describe(lines) }
        let key = ArchiveSite.digest(text)
        sessionKeys[session.folder] = key
        return key
    }

    /// Changes whenever a commit's page may: the commit, its noted attribution, and the sessions it carries
    /// with their lines.
    func commitKey(_ commit: SiteCommit) -> String {
        var text = "commit " + commit.id + "\n" + commit.message + "\n" + commit.author + " \(commit.time ?? 0)"
        if let a = commit.attribution { text += "\nattribution \(a.added) \(a.tool) \(a.edited) \(a.hand) \(a.rule)" }
        for carried in commit.sessions {
            text += "\n" + (carried.folder ?? carried.key) + " " + ArchiveSite.describe(carried.lines)
            if let session = sessionsByName[SiteHistory.name(carried)] { text += " " + sessionKey(session) }
        }
        return ArchiveSite.digest(text)
    }

    static func describe(_ lines: [String: LineRanges]?) -> String {
        guard let lines else { return "trailer" }
        return lines.keys.sorted().map { $0 + ":" + SitePage.ranges(lines[$0]!) }.joined(separator: ";")
    }

    static func digest(_ text: String) -> String { SHA256.hex(SHA256.hash(Array(text.utf8))) }

    /// What the index, commit and digest pages need of a session, rendering it when not done yet.
    func summary(_ session: ArchivedSession) -> SessionSummary {
        if let known = summaries[session.folder] { return known }
        _ = sessionPages(session)
        return summaries[session.folder]!
    }

    func indexPage() -> [UInt8] {
        let rows = sessions.map { s in
            let summary = summaries[s.folder]
            let facts = summary?.facts ?? archive.summary(of: s)
            return IndexPage.Row(
                session: s, facts: facts, title: summary?.title ?? facts.title ?? "Session \(facts.sessionID ?? s.id)",
                commits: history.commits(of: s).map(\.commit))
        }
        return IndexPage(rows: rows, commits: commits, prices: prices, place: place, range: range, redaction: redaction).render()
    }

    func commitPage(_ commit: SiteCommit) -> [UInt8] {
        CommitPage(commit: commit, parts: parts(of: [commit]), prices: prices, place: place, redaction: redaction).render()
    }

    func digestPage() -> [UInt8] {
        DigestPage(range: range ?? "", commits: commits, parts: parts(of: commits, whole: true), prices: prices, place: place, redaction: redaction).render()
    }

    /// Each session the commits carry, once, with its share (of one commit, or of all its commits together).
    private func parts(of commits: [SiteCommit], whole: Bool = false) -> [SharePart] {
        var out: [SharePart] = []
        var seen = Set<String>()
        for commit in commits {
            for carried in commit.sessions where seen.insert(SiteHistory.name(carried)).inserted {
                guard let session = sessionsByName[SiteHistory.name(carried)] else {
                    out.append(SharePart(key: carried.key, session: nil, title: carried.key, share: nil))
                    continue
                }
                let summary = summary(session)
                out.append(SharePart(key: carried.key, session: session, title: summary.title, share: whole ? summary.total : summary.shares[commit.id]))
            }
        }
        return out
    }
}
