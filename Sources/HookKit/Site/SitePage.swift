import HookCore

/// The frame every page of the site shares: doctype, language, viewport, a Content-Security-Policy that
/// allows nothing but the site's own stylesheet and script and inline `data:` images (so no page can make
/// a request, whatever it holds), the landmarks (banner with the site navigation, main, contentinfo) and
/// a link that skips to the content.
enum SitePage {
    static let policy =
        "default-src 'none'; style-src 'self' file:; script-src 'self' file:; img-src data:; base-uri 'none'; form-action 'none'"

    /// Everything up to and including `<main>`; `path` is the page's own path from the site's root.
    static func begin(title: String, path: String, script: Bool = false, into w: inout HTMLWriter) {
        w.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w.markup("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        w.plain(policy)
        w.markup("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"convo-hook\">\n<title>")
        w.text(title)
        w.markup("</title>\n<link rel=\"stylesheet\"")
        w.href(SiteNames.link(SiteNames.stylesheet, from: path))
        w.markup(">\n")
        if script {
            w.markup("<script defer src=\"")
            w.plain(SiteNames.relative(SiteNames.script, from: path))
            w.markup("\"></script>\n")
        }
        w.markup("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site\"><nav aria-label=\"Site\"><a")
        w.href(SiteNames.link(SiteNames.index, from: path))
        w.markup(">Conversations</a></nav></header>\n<main id=\"main\">\n")
    }

    /// `</main>`, the footer and the end of the document.
    static func end(place: String, into w: inout HTMLWriter) {
        w.markup("\n</main>\n<footer class=\"site\"><p>Written by convo-hook from ")
        w.text(place)
        w.markup(". Everything shown passed through its redaction rules.</p></footer>\n</body>\n</html>\n")
    }

    /// A `<dt>`/`<dd>` pair whose value is archived text.
    static func fact(_ term: StaticString, _ value: String, into w: inout HTMLWriter) {
        w.markup("<dt>")
        w.markup(term)
        w.markup("</dt><dd>")
        w.text(value)
        w.markup("</dd>")
    }

    /// `<a href="…"><code>abc1234</code> subject</a>` linking `commit`'s page, then its date when `dated`.
    static func commitLink(_ commit: SiteCommit, from path: String, dated: Bool = true, into w: inout HTMLWriter) {
        w.markup("<a")
        w.href(SiteNames.link(SiteNames.commit(commit.id), from: path))
        w.markup("><code>")
        w.plain(commit.short)
        w.markup("</code> ")
        w.text(commit.subject)
        w.markup("</a>")
        if dated, let date = commit.date {
            w.markup(" <span class=\"when\">")
            w.plain(date)
            w.markup("</span>")
        }
    }

    /// `<span>1,204 sessions</span>`: a figure of the page's headline, singular or plural.
    static func count(_ n: Int, _ one: StaticString, _ many: StaticString, into w: inout HTMLWriter) {
        w.markup("<span>")
        w.grouped(n)
        w.markup(n == 1 ? one : many)
        w.markup("</span>")
    }

    /// `1–12, 20–33` for line ranges.
    static func ranges(_ ranges: LineRanges) -> String {
        ranges.ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }

    /// `2025-11-19 09:58:00 → 10:41:30 (43 min 30 s)`.
    static func when(_ facts: SessionFacts, startedAt: String?) -> String? {
        guard let first = facts.firstTime ?? startedAt else { return nil }
        var when = Figures.dateTime(first)
        if let last = facts.lastTime, last != first {
            when += " → " + (Figures.day(last) == Figures.day(first) ? Figures.timeOfDay(last) : Figures.dateTime(last))
        }
        if let seconds = facts.durationSeconds, seconds > 0 { when += " (\(Figures.duration(seconds)))" }
        return when
    }
}
