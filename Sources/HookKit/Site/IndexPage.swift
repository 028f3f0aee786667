import HookCore

/// `index.html`: every session newest first with its source, title, time range, duration, models, tokens,
/// cost and the commits that carry it; a filter form the script reveals (without JavaScript every row
/// shows); then the commits that carry conversation.
struct IndexPage {
    struct Row {
        var session: ArchivedSession
        var facts: SessionFacts
        var title: String
        var commits: [SiteCommit]
    }

    /// Commits listed per session in the table.
    static let commitsShown = 5

    let rows: [Row]
    let commits: [SiteCommit]
    let prices: PriceTable
    let place: String
    /// The `--range` the site was made for, when it was.
    let range: String?
    let redaction: SiteRedaction

    func render() -> [UInt8] {
        let path = SiteNames.index
        var w = HTMLWriter(redaction: redaction, capacity: 1024 * rows.count + 16_384)
        SitePage.begin(title: range.map { "Conversations behind " + $0 } ?? "Conversations", path: path, script: true, into: &w)
        w.markup("<h1>Conversations")
        if let range {
            w.markup(" behind <code>")
            w.text(range)
            w.markup("</code>")
        }
        w.markup("</h1>\n")
        let total = rows.reduce(TokenUsage.zero) { $0 + $1.facts.usage }
        let byModel = rows.flatMap(\.facts.byModel)
        w.markup("<p class=\"figures\">")
        SitePage.count(rows.count, " session", " sessions", into: &w)
        SitePage.count(commits.count, " commit with conversation", " commits with conversation", into: &w)
        if !total.isZero {
            w.markup("<span>")
            w.grouped(total.total)
            w.markup(" tokens</span><span>")
            w.plain(CostSummary(byModel, prices: prices).text)
            w.markup("</span>")
        }
        w.markup("</p>\n")
        if range != nil {
            w.markup("<p><a")
            w.href(SiteLink(SiteNames.digest))
            w.markup(">Digest of this range</a>: prompts, decisions, files changed, commands, errors, tokens and cost.</p>\n")
        }

        w.markup("<h2 id=\"sessions-heading\">Sessions</h2>\n")
        let sources = Array(Set(rows.map(\.session.source))).sorted()
        w.markup("<form id=\"filter\" class=\"filter\" role=\"search\" aria-label=\"Filter sessions\" hidden>")
        w.markup("<label for=\"filter-text\">Filter</label> <input id=\"filter-text\" type=\"search\" autocomplete=\"off\">")
        w.markup("<label for=\"filter-source\">Source</label> <select id=\"filter-source\"><option value=\"\">all</option>")
        for source in sources {
            w.markup("<option")
            w.attribute("value", source)
            w.markup(">")
            w.text(source)
            w.markup("</option>")
        }
        w.markup("</select> <output id=\"filter-count\" aria-live=\"polite\"></output></form>\n")
        if rows.isEmpty {
            w.markup("<p>No archived sessions.</p>\n")
        } else {
            w.markup("<table id=\"sessions\" class=\"sessions\" aria-labelledby=\"sessions-heading\"><thead><tr>")
            w.markup("<th scope=\"col\">Started</th><th scope=\"col\">Session</th><th scope=\"col\">Duration</th><th scope=\"col\">Models</th>")
            w.markup("<th scope=\"col\" class=\"num\">Tokens</th><th scope=\"col\" class=\"num\">Cost</th><th scope=\"col\">Commits</th></tr></thead>\n<tbody>\n")
            for row in rows { self.row(row, into: &w) }
            w.markup("</tbody></table>\n")
        }

        w.markup("<h2>Commits</h2>\n")
        if commits.isEmpty {
            w.markup("<p>No commit of this history carries conversation yet.</p>\n")
        } else {
            w.markup("<ul class=\"commits\">")
            for commit in commits {
                w.markup("<li>")
                SitePage.commitLink(commit, from: path, into: &w)
                w.markup(" <span class=\"meta\">(")
                w.int(commit.sessions.count)
                w.markup(commit.sessions.count == 1 ? " session)" : " sessions)")
                w.markup("</span></li>\n")
            }
            w.markup("</ul>\n")
        }
        SitePage.end(place: place, into: &w)
        return w.bytes
    }

    private func row(_ row: Row, into w: inout HTMLWriter) {
        let f = row.facts
        w.markup("<tr")
        w.attribute("data-source", row.session.source)
        w.markup("><td data-label=\"Started\">")
        if let start = f.firstTime ?? row.session.startedAt {
            w.markup("<time")
            w.attribute("datetime", start)
            w.markup(">")
            w.text(Figures.dateTime(start))
            w.markup("</time>")
            if let last = f.lastTime, last != start {
                w.markup(" → ")
                w.text(Figures.day(last) == Figures.day(start) ? Figures.timeOfDay(last) : Figures.dateTime(last))
            }
        }
        w.markup("</td><td data-label=\"Session\"><a")
        w.href(SiteLink(SiteNames.session(row.session)))
        w.markup(">")
        w.text(row.title)
        w.markup("</a> <span class=\"source\">")
        w.text(row.session.source)
        w.markup(" · ")
        w.grouped(f.lines)
        w.markup(f.lines == 1 ? " line" : " lines")
        w.markup("</span></td><td data-label=\"Duration\">")
        if let d = f.durationSeconds, d > 0 { w.plain(Figures.duration(d)) }
        w.markup("</td><td data-label=\"Models\">")
        w.text(f.models.joined(separator: ", "))
        w.markup("</td><td data-label=\"Tokens\" class=\"num\">")
        if !f.usage.isZero { w.grouped(f.usage.total) }
        w.markup("</td><td data-label=\"Cost\" class=\"num\">")
        if f.messageCount > 0 { w.plain(CostSummary(f.byModel, prices: prices).text) }
        w.markup("</td><td data-label=\"Commits\">")
        if row.commits.isEmpty { w.markup("<span class=\"meta\">not committed</span>") }
        // A long session can go into many commits: the newest few here, all of them on its page.
        for (k, commit) in row.commits.prefix(IndexPage.commitsShown).enumerated() {
            if k > 0 { w.markup("<br>") }
            w.markup("<a")
            w.href(SiteLink(SiteNames.commit(commit.id)))
            w.markup("><code>")
            w.plain(commit.short)
            w.markup("</code> ")
            w.text(commit.subject)
            w.markup("</a>")
        }
        if row.commits.count > IndexPage.commitsShown {
            w.markup("<br><a")
            w.href(SiteLink(SiteNames.session(row.session), anchor: Anchor("commits-heading")))
            w.markup(">and ")
            w.int(row.commits.count - IndexPage.commitsShown)
            w.markup(" more</a>")
        }
        w.markup("</td></tr>\n")
    }
}
