import HookCore

/// What one session gave one commit (or a whole `--range`): the lines, the prompts typed in them with
/// links to their messages, what the calls in them did, and the tokens charged (messages whose last line
/// is among them).
struct CommitShare {
    var lines: [String: LineRanges]?
    /// A prompt: its text, and where it is (page path from the site's root, anchor).
    var prompts: [(text: String, path: String, anchor: Anchor)] = []
    /// The first message in the lines.
    var start: (path: String, anchor: Anchor)?
    var digest: SessionDigest?
    var messages: [MessageUsage] = []
    /// The session's working directory: paths below it are shown relative to it.
    var cwd: String?

    /// `path` relative to the session's working directory when inside it.
    func display(_ path: String) -> String {
        guard let cwd, !cwd.isEmpty else { return path }
        let absolute = Markdown.normalize(path.hasPrefix("/") ? path : cwd + "/" + path)
        return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : path
    }
}

/// One session's pages: a header (facts, the commits that carry it and their lines, a table of contents),
/// then its conversation, split into pages of about `pageBytes` at prompts a person typed, with a mark
/// where each stretch of lines that went into a commit ends.
struct SessionSite {
    static let pageBytes = 1_000_000

    let session: ArchivedSession
    let transcript: SessionTranscript
    let facts: SessionFacts
    let title: String
    let commits: [(commit: SiteCommit, lines: [String: LineRanges]?)]
    let prices: PriceTable
    let redaction: SiteRedaction
    let place: String
    var pageBytes = SessionSite.pageBytes

    struct Output {
        var pages: [(path: String, bytes: [UInt8])]
        /// Commit id → what this session gave it.
        var shares: [String: CommitShare]
        /// What the session gave all of its commits together (the `--range` digest), when asked for.
        var total: CommitShare?
    }

    /// Whether to work out `Output.total` (only a `--range` digest shows it).
    var wantsTotal = false

    func render() -> Output {
        var outline = OutlineHTML(redaction: redaction)
        outline.render(ConversationOutline(transcript))

        // Where each stretch of main-stream lines that went into a commit ends.
        var stretches: [(end: Int, range: ClosedRange<Int>, commit: SiteCommit)] = []
        for (commit, lines) in commits {
            for range in lines?[ArchivedStream.main]?.ranges ?? [] { stretches.append((range.upperBound, range, commit)) }
        }
        stretches.sort { ($0.end, $0.range.lowerBound) < ($1.end, $1.range.lowerBound) }

        // Chunks with their commit marks, cut into pages at turns.
        var pages: [[UInt8]] = [[]]
        var pageOfChunk: [Int] = []
        var next = 0
        func marks(before line: Int?, into page: inout [UInt8]) {
            while next < stretches.count, line.map({ stretches[next].end < $0 }) ?? true {
                var w = HTMLWriter(redaction: redaction)
                mark(stretches[next].range, stretches[next].commit, into: &w)
                page += w.bytes
                next += 1
            }
        }
        for chunk in outline.chunks {
            let current = pages[pages.count - 1].count
            if current > 0, (chunk.startsTurn && current >= pageBytes) || current >= 4 * pageBytes { pages.append([]) }
            if chunk.line > 0 { marks(before: chunk.line, into: &pages[pages.count - 1]) }
            pageOfChunk.append(pages.count)
            pages[pages.count - 1] += chunk.bytes
        }
        marks(before: nil, into: &pages[pages.count - 1])

        let paths = (1...pages.count).map { SiteNames.session(session, page: $0) }
        func locate(_ target: OutlineHTML.Target) -> (path: String, anchor: Anchor) { (paths[pageOfChunk[target.chunk] - 1], target.anchor) }

        // The first message of each stream at or after a line, for links into the session.
        var byStream: [String: [OutlineHTML.Target]] = [:]
        for target in outline.targets { byStream[target.stream, default: []].append(target) }
        for key in byStream.keys { byStream[key]!.sort { $0.line < $1.line } }
        func first(in lines: [String: LineRanges]) -> (path: String, anchor: Anchor)? {
            for stream in [ArchivedStream.main] + lines.keys.sorted() where stream != ArchivedStream.main || lines[stream] != nil {
                guard let ranges = lines[stream], let low = ranges.ranges.first?.lowerBound else { continue }
                if let t = byStream[stream]?.first(where: { $0.line >= low && ranges.contains($0.line) }) { return locate(t) }
            }
            return nil
        }

        var shares: [String: CommitShare] = [:]
        var union: [String: LineRanges] = [:]
        for (commit, lines) in commits {
            guard let lines else {
                shares[commit.id] = CommitShare(lines: nil, start: (paths[0], Anchor("conversation")))
                continue
            }
            for (stream, r) in lines { union[stream] = (union[stream] ?? LineRanges()).union(r) }
            shares[commit.id] = share(lines, outline: outline, locate: locate, first: first)
        }
        let total = wantsTotal ? share(union, outline: outline, locate: locate, first: first) : nil

        var out: [(path: String, bytes: [UInt8])] = []
        for (k, body) in pages.enumerated() {
            var w = HTMLWriter(redaction: redaction, capacity: body.count + 16_384)
            SitePage.begin(title: title, path: paths[k], into: &w)
            header(page: k + 1, of: pages.count, paths: paths, outline: outline, locate: locate, first: first, into: &w)
            w.append(rendered: body)
            if pages.count > 1 { pageNav(k + 1, paths: paths, into: &w) }
            SitePage.end(place: place, into: &w)
            out.append((paths[k], w.bytes))
        }
        return Output(pages: out, shares: shares, total: total)
    }

    private func share(
        _ lines: [String: LineRanges], outline: OutlineHTML, locate: (OutlineHTML.Target) -> (path: String, anchor: Anchor),
        first: ([String: LineRanges]) -> (path: String, anchor: Anchor)?
    ) -> CommitShare {
        var share = CommitShare(lines: lines, cwd: facts.cwd)
        let main = lines[ArchivedStream.main] ?? LineRanges()
        for turn in outline.turns {
            let target = outline.targets[turn.target]
            guard main.contains(target.line) else { continue }
            let at = locate(target)
            share.prompts.append((turn.text, at.path, at.anchor))
        }
        share.start = first(lines)
        var shown = transcript
        for i in shown.streams.indices {
            let r = lines[shown.streams[i].name] ?? LineRanges()
            shown.streams[i].events = shown.streams[i].events.filter { r.contains($0.line) }
        }
        share.digest = SessionDigest(shown)
        share.messages = facts.messages.filter { lines[$0.stream]?.contains($0.line) ?? false }
        return share
    }

    // MARK: pieces

    private func header(
        page: Int, of count: Int, paths: [String], outline: OutlineHTML, locate: (OutlineHTML.Target) -> (path: String, anchor: Anchor),
        first: ([String: LineRanges]) -> (path: String, anchor: Anchor)?, into w: inout HTMLWriter
    ) {
        let path = paths[page - 1]
        w.markup("<h1>")
        w.text(title)
        w.markup("</h1>\n")
        if page > 1 {
            w.markup("<p class=\"meta\">Page ")
            w.int(page)
            w.markup(" of ")
            w.int(count)
            w.markup(". <a")
            w.href(SiteNames.link(paths[0], from: path))
            w.markup(">Session overview and commits</a></p>\n")
        } else {
            facts(into: &w)
            commitList(path: path, first: first, into: &w)
        }
        if outline.turns.count > 3 || count > 1 {
            let folded = page > 1
            w.markup("<nav class=\"toc\" aria-labelledby=\"toc-heading\">")
            if folded { w.markup("<details><summary>") }
            w.markup("<h2 id=\"toc-heading\">Contents</h2>")
            if folded { w.markup("</summary>") }
            w.markup("<ol>")
            for turn in outline.turns {
                let at = locate(outline.targets[turn.target])
                w.markup("<li><a")
                w.href(SiteNames.link(at.path, from: path, anchor: at.anchor))
                w.markup(">")
                w.text(turn.text)
                w.markup("</a>")
                if let time = turn.time {
                    w.markup(" <span class=\"when\">")
                    w.text(Figures.dateTime(time))
                    w.markup("</span>")
                }
                if count > 1 {
                    w.markup(" <span class=\"meta\">(page ")
                    w.int(paths.firstIndex(of: at.path).map { $0 + 1 } ?? 1)
                    w.markup(")</span>")
                }
                w.markup("</li>")
            }
            w.markup("</ol>")
            if folded { w.markup("</details>") }
            w.markup("</nav>\n")
        }
        w.markup("<h2 id=\"conversation\">Conversation")
        if count > 1 {
            w.markup(", page ")
            w.int(page)
            w.markup(" of ")
            w.int(count)
        }
        w.markup("</h2>\n")
        if count > 1 { pageNav(page, paths: paths, into: &w) }
    }

    private func facts(into w: inout HTMLWriter) {
        w.markup("<dl class=\"facts\">")
        SitePage.fact("Source", session.source, into: &w)
        SitePage.fact("Session", facts.sessionID ?? session.id, into: &w)
        if let when = SitePage.when(facts, startedAt: session.startedAt) { SitePage.fact("When", when, into: &w) }
        if let cwd = facts.cwd { SitePage.fact("Where", cwd + (facts.branch.map { ", branch " + $0 } ?? ""), into: &w) }
        if !facts.models.isEmpty { SitePage.fact("Models", facts.models.joined(separator: ", "), into: &w) }
        let usage = facts.usage
        if !usage.isZero {
            w.markup("<dt>Tokens</dt><dd class=\"total-tokens\">")
            w.plain(ConversationMarkdown.tokens(usage))
            w.markup("</dd><dt>Cost</dt><dd>")
            w.plain(CostSummary(facts.messages, prices: prices).text)
            w.markup("</dd>")
        }
        let counts = transcript.streams.map { "\($0.name) \(Figures.grouped($0.lineCount))" }
        SitePage.fact(
            "Lines", Figures.grouped(transcript.lineCount) + (transcript.streams.count > 1 ? " (" + counts.joined(separator: ", ") + ")" : ""),
            into: &w)
        SitePage.fact("Archive", session.folder, into: &w)
        w.markup("</dl>\n")
    }

    private func commitList(path: String, first: ([String: LineRanges]) -> (path: String, anchor: Anchor)?, into w: inout HTMLWriter) {
        w.markup("<section aria-labelledby=\"commits-heading\"><h2 id=\"commits-heading\">Commits</h2>")
        if commits.isEmpty {
            w.markup("<p>No commit carries this session yet.</p>")
        } else {
            w.markup("<ul class=\"commits\">")
            for (commit, lines) in commits {
                w.markup("<li>")
                SitePage.commitLink(commit, from: path, into: &w)
                if let lines {
                    w.markup(" — lines ")
                    w.plain(lines.keys.sorted().map { ($0 == ArchivedStream.main ? "" : $0 + " ") + SitePage.ranges(lines[$0]!) }.joined(separator: "; "))
                    if let start = first(lines) {
                        w.markup(" (<a")
                        w.href(SiteNames.link(start.path, from: path, anchor: start.anchor))
                        w.markup(">read</a>)")
                    }
                } else {
                    w.markup(" — named by its <code>Conversation:</code> trailer")
                }
                w.markup("</li>")
            }
            w.markup("</ul>")
        }
        // Lines no commit carries yet (captured, committed later).
        var carried = LineRanges()
        for (_, lines) in commits { carried = carried.union(lines?[ArchivedStream.main] ?? LineRanges()) }
        if let main = transcript.main, main.lastLine > 0, !commits.isEmpty {
            let rest = LineRanges([1...main.lastLine]).subtracting(carried)
            if !rest.isEmpty {
                w.markup("<p class=\"meta\">Lines ")
                w.plain(SitePage.ranges(rest))
                w.markup(" of the main transcript are in none of the commits shown here.</p>")
            }
        }
        w.markup("</section>\n")
    }

    private func mark(_ range: ClosedRange<Int>, _ commit: SiteCommit, into w: inout HTMLWriter) {
        w.markup("<p class=\"commit-mark\">Lines ")
        w.plain(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)")
        w.markup(" went into <a")
        w.href(SiteLink("../" + SiteNames.commit(commit.id)))
        w.markup("><code>")
        w.plain(commit.short)
        w.markup("</code> ")
        w.text(commit.subject)
        w.markup("</a></p>\n")
    }

    private func pageNav(_ page: Int, paths: [String], into w: inout HTMLWriter) {
        w.markup("<nav class=\"pages\" aria-label=\"Pages of this session\">")
        if page > 1 {
            w.markup("<a rel=\"prev\"")
            w.href(SiteNames.link(paths[page - 2], from: paths[page - 1]))
            w.markup(">Previous</a>")
        }
        for k in 1...paths.count {
            if k == page {
                w.markup("<span aria-current=\"page\">")
                w.int(k)
                w.markup("</span>")
            } else {
                w.markup("<a")
                w.href(SiteNames.link(paths[k - 1], from: paths[page - 1]))
                w.markup(">")
                w.int(k)
                w.markup("</a>")
            }
        }
        if page < paths.count {
            w.markup("<a rel=\"next\"")
            w.href(SiteNames.link(paths[page], from: paths[page - 1]))
            w.markup(">Next</a>")
        }
        w.markup("</nav>\n")
    }
}
