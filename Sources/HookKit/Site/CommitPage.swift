import HookCore

/// One session's part in a commit page or the range digest.
struct SharePart {
    var key: String
    /// Nil when the session is not in the archive read (only a trailer or note names it).
    var session: ArchivedSession?
    var title: String
    var share: CommitShare?
}

/// `commits/<hash>.html`: a commit that carries conversation, its message, and for each session the lines
/// it carries, the prompts typed in them (linking to their messages), what the calls in them changed and
/// ran, the errors and refusals, and the tokens those lines spent.
struct CommitPage {
    let commit: SiteCommit
    let parts: [SharePart]
    let prices: PriceTable
    let place: String
    let redaction: SiteRedaction

    var path: String { SiteNames.commit(commit.id) }

    func render() -> [UInt8] {
        var w = HTMLWriter(redaction: redaction, capacity: 16_384)
        SitePage.begin(title: "Commit \(commit.short): \(commit.subject)", path: path, into: &w)
        w.markup("<h1>Commit <code>")
        w.plain(commit.short)
        w.markup("</code> ")
        w.text(commit.subject)
        w.markup("</h1>\n<dl class=\"facts\">")
        SitePage.fact("Commit", commit.id, into: &w)
        if !commit.author.isEmpty { SitePage.fact("Author", commit.author, into: &w) }
        if let date = commit.date { SitePage.fact("Date", date, into: &w) }
        CommitPage.attribution(commit, into: &w)
        let messages = parts.flatMap { $0.share?.messages ?? [] }
        let usage = messages.reduce(TokenUsage.zero) { $0 + $1.usage }
        if !usage.isZero {
            w.markup("<dt>Tokens</dt><dd class=\"total-tokens\">")
            w.plain(ConversationMarkdown.tokens(usage))
            w.markup("</dd><dt>Cost</dt><dd>")
            w.plain(CostSummary(messages, prices: prices).text)
            w.markup("</dd>")
        }
        w.markup("</dl>\n")
        let body = commit.message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
        if !body.trimmedWhitespace().isEmpty {
            w.markup("<h2>Message</h2><pre>")
            w.text(body.trimmedWhitespace())
            w.markup("</pre>\n")
        }
        w.markup("<h2>Conversation in this commit</h2>\n")
        for part in parts { CommitPage.part(part, from: path, prices: prices, into: &w) }
        SitePage.end(place: place, into: &w)
        return w.bytes
    }

    /// Who wrote the lines the commit adds, as its note counts them (`CommitAttribution`): all four figures,
    /// or that the note holds no count (a commit made before counting, or one the hook left to a reader).
    static func attribution(_ commit: SiteCommit, into w: inout HTMLWriter) {
        w.markup("<dt>Lines added</dt>")
        guard let a = commit.attribution else {
            if commit.isMerge {
                w.markup("<dd class=\"attribution\">none of its own (a merge)</dd>")
            } else {
                w.markup("<dd class=\"attribution not-counted\">not counted (its note has no count; <code>convo-hook show ")
                w.plain(commit.short)
                w.markup("</code> counts it)</dd>")
            }
            return
        }
        w.markup("<dd class=\"attribution\"><span class=\"added\">")
        w.grouped(a.added)
        w.markup(" added</span>: <span class=\"tool\">")
        w.grouped(a.tool)
        w.markup(" written by tool calls</span>, <span class=\"edited\">")
        w.grouped(a.edited)
        w.markup(" by tool calls then edited (both)</span>, <span class=\"hand\">")
        w.grouped(a.hand)
        w.markup(" by hand</span></dd>")
    }

    /// A session's part: heading (level 3) linking to the session, its lines, tokens, prompts, files,
    /// commands, decisions and errors.
    static func part(_ part: SharePart, from path: String, prices: PriceTable, into w: inout HTMLWriter) {
        w.markup("<section class=\"share\"><h3>")
        if let session = part.session {
            w.markup("<a")
            w.href(SiteNames.link(SiteNames.session(session), from: path))
            w.markup(">")
            w.text(part.title)
            w.markup("</a> <span class=\"source\">")
            w.text(session.source)
            w.markup("</span>")
        } else {
            w.text(part.key)
        }
        w.markup("</h3>\n")
        guard let share = part.share, part.session != nil else {
            w.markup("<p class=\"meta\">This session is not in the archive read here.</p></section>\n")
            return
        }
        w.markup("<p>")
        if let lines = share.lines {
            w.markup("Lines ")
            w.plain(lines.keys.sorted().map { ($0 == ArchivedStream.main ? "" : $0 + " ") + SitePage.ranges(lines[$0]!) }.joined(separator: "; "))
        } else {
            w.markup("Named by the commit's <code>Conversation:</code> trailer")
        }
        if let start = share.start {
            w.markup(" (<a")
            w.href(SiteNames.link(start.path, from: path, anchor: start.anchor))
            w.markup(">read them</a>)")
        }
        let usage = share.messages.reduce(TokenUsage.zero) { $0 + $1.usage }
        if !usage.isZero {
            w.markup(". Tokens: <span class=\"tokens-spent\">")
            w.plain(ConversationMarkdown.tokens(usage))
            w.markup("</span>, ")
            w.plain(CostSummary(share.messages, prices: prices).text)
        }
        w.markup(".</p>\n")
        if !share.prompts.isEmpty {
            w.markup("<h4>Prompts</h4><ol>")
            for prompt in share.prompts {
                w.markup("<li><a")
                w.href(SiteNames.link(prompt.path, from: path, anchor: prompt.anchor))
                w.markup(">")
                w.text(prompt.text)
                w.markup("</a></li>")
            }
            w.markup("</ol>\n")
        }
        guard let digest = share.digest else {
            w.markup("</section>\n")
            return
        }
        let refusals = digest.errors.filter(\.rejected)
        if !refusals.isEmpty {
            w.markup("<h4>Decisions: calls you refused</h4><ul>")
            for r in refusals {
                w.markup("<li><code>")
                w.text(r.tool)
                w.markup("</code> refused")
                if let words = r.userWords {
                    w.markup(", saying: <blockquote class=\"typed\">")
                    w.text(words)
                    w.markup("</blockquote>")
                }
                w.markup("</li>")
            }
            w.markup("</ul>\n")
        }
        list("Files changed", digest.filesChanged.items.map(share.display), into: &w)
        if !digest.commands.items.isEmpty {
            w.markup("<h4>Commands run</h4><pre>")
            w.text(digest.commands.items.map { $0.count > 1000 ? String($0.prefix(1000)) + "…" : $0 }.joined(separator: "\n"))
            w.markup("</pre>\n")
        }
        let failures = digest.errors.filter { !$0.rejected }
        if !failures.isEmpty {
            w.markup("<h4>Errors hit</h4><ul>")
            for f in failures {
                w.markup("<li><code>")
                w.text(f.tool)
                w.markup("</code> failed")
                if let code = f.exitCode {
                    w.markup(" (exit code ")
                    w.int(code)
                    w.markup(")")
                }
                w.markup(": ")
                w.text(f.error.map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 } ?? "")
                w.markup("</li>")
            }
            w.markup("</ul>\n")
        }
        w.markup("</section>\n")
    }

    private static func list(_ title: StaticString, _ items: [String], into w: inout HTMLWriter) {
        guard !items.isEmpty else { return }
        w.markup("<h4>")
        w.markup(title)
        w.markup("</h4><ul>")
        for item in items {
            w.markup("<li><code>")
            w.text(item)
            w.markup("</code></li>")
        }
        w.markup("</ul>\n")
    }
}

/// `digest.html` for `--range A..B`: what a pull request's reviewer wants from the conversations behind
/// it: the commits, then per session the prompts, the decisions (calls refused and what was said
/// instead), files changed, commands run, errors hit, tokens and cost, for the lines those commits carry.
struct DigestPage {
    let range: String
    let commits: [SiteCommit]
    let parts: [SharePart]
    let prices: PriceTable
    let place: String
    let redaction: SiteRedaction

    func render() -> [UInt8] {
        let path = SiteNames.digest
        var w = HTMLWriter(redaction: redaction, capacity: 16_384)
        SitePage.begin(title: "Digest of " + range, path: path, into: &w)
        w.markup("<h1>Digest of <code>")
        w.text(range)
        w.markup("</code></h1>\n")
        let messages = parts.flatMap { $0.share?.messages ?? [] }
        let usage = messages.reduce(TokenUsage.zero) { $0 + $1.usage }
        w.markup("<p class=\"figures\">")
        SitePage.count(commits.count, " commit", " commits", into: &w)
        SitePage.count(parts.count, " session", " sessions", into: &w)
        if !usage.isZero {
            w.markup("<span class=\"total-tokens\">")
            w.plain(ConversationMarkdown.tokens(usage))
            w.markup("</span><span>")
            w.plain(CostSummary(messages, prices: prices).text)
            w.markup("</span>")
        }
        w.markup("</p>\n<h2>Commits</h2>\n<ul class=\"commits\">")
        for commit in commits {
            w.markup("<li>")
            SitePage.commitLink(commit, from: path, dated: false, into: &w)
            w.markup("</li>")
        }
        w.markup("</ul>\n<h2>Sessions</h2>\n")
        if parts.isEmpty { w.markup("<p>No conversation is carried by these commits.</p>\n") }
        for part in parts { CommitPage.part(part, from: path, prices: prices, into: &w) }
        SitePage.end(place: place, into: &w)
        return w.bytes
    }
}
