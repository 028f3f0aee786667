import ArgumentParser
import FoundationEssentials
import HookKit

#if canImport(Glibc)
    import Glibc
#endif

extension ConvoHook {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the archived conversations (full text, ranked).",
            discussion: """
                QUERY: words, "a phrase", prefixes (pars*), AND, OR, NOT (a NOT b) and parentheses. Plain words drop \
                stop words (why, did, we…) and must all match; when fewer sessions than --limit hold them all, sessions \
                holding most of them follow. Hits are ordered by BM25, what people said before tool output: sessions \
                that discuss the terms most come first, at most 5 hits per session. Matching terms are marked [[so]] \
                (bold on a terminal). \
                The index (in the git dir, convo-hook/search.sqlite) is brought up to date with the part files added \
                since the last search; --reindex rebuilds it.
                """
        )

        @Argument(help: "The query (several arguments are joined with spaces).")
        var query: [String] = []

        @Option(help: "Only sessions of this source (claude, codex, aider, or a convo.sources name).")
        var source: String?

        @Option(help: "Only records from this time on: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] (UTC), or an age like 7d, 12h, 2w.")
        var since: String?

        @Option(help: "Only this session (its id, or a prefix of it).")
        var session: String?

        @Option(help: "At most this many hits (1-1000).")
        var limit = 20

        @Option(help: "Search a folder written by `sync --to DIR` (all repositories in it) instead of this repository.")
        var dir: String?

        @Flag(help: "Rebuild the index from every part file first.")
        var reindex = false

        @Flag(help: "Print the hits as a JSON array.")
        var json = false

        func run() throws {
            try reportingFailures {
                let text = query.joined(separator: " ")
                let parsed: SearchQuery? = text.isEmpty && reindex ? nil : try SearchQuery(text)
                guard (1...1000).contains(limit) else { throw SearchQueryError("--limit must be between 1 and 1000 (got \(limit))") }
                let filter = SearchFilter(source: source, since: try since.map { try SearchTime.since($0) }, session: session, limit: limit)
                let notice: (String) -> Void = { Diagnostics.error($0) }
                let search =
                    try dir.map { try ArchiveSearch.folder($0, notice: notice) }
                    ?? ArchiveSearch.repository(Repository.openForReading(), notice: notice)
                let interactive = isatty(2) == 1
                if reindex {
                    try search.dropIndex()
                    let report = try search.update(progress: interactive)
                    if parsed == nil {
                        print("convo-hook: indexed \(report.sessionsRead) sessions (\(report.partsIndexed) part files, \(report.documentsAdded) pieces of text)")
                        return
                    }
                }
                guard let parsed else { return }
                let bold = !json && isatty(1) == 1
                let hits = try search.search(parsed, filter: filter, markers: bold ? .terminalBold : .brackets, progress: interactive)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(hits), as: UTF8.self))
                } else if hits.isEmpty {
                    print("no matches for \(text)")
                } else {
                    print(Search.render(hits), terminator: "")
                }
            }
        }

        static func render(_ hits: [SearchHit]) -> String {
            var out = ""
            for (i, hit) in hits.enumerated() {
                let time = hit.time.map { String($0.prefix(19)).replacing("T", with: " ") } ?? "-"
                let commits = hit.commits.isEmpty ? "not committed" : "commit " + hit.commits.map { String($0.prefix(12)) }.joined(separator: ", ")
                let repository = hit.repository.map { "\($0) · " } ?? ""
                out += "\(i + 1). \(repository)\(hit.source)/\(hit.sessionID) · \(time) · \(hit.role.rawValue) · \(commits)\n"
                out += "   \(hit.snippet)\n"
                out += "   \(hit.folder) \(hit.stream) line \(hit.line)\n"
            }
            return out
        }
    }
}
