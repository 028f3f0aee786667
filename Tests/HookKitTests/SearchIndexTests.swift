import Foundation
import TestSupport
import Testing

@testable import HookKit

/// The index over an archive read through the one reader: ranking, questions in plain words, phrases
/// and prefixes, --since, incremental updates over write-once parts, rebuilding a damaged index.
@Suite struct SearchIndexTests {
    let fixture: FixtureArchive
    var indexPath: String { fixture.root + "/git/convo-hook/search.sqlite" }

    init() throws { fixture = try FixtureArchive() }

    static func line(_ role: String, _ text: String, _ time: String = "2026-01-02T10:00:00Z") -> String {
        let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"type":"\#(role)","timestamp":"\#(time)","message":{"role":"\#(role)","content":"\#(escaped)"}}"#
    }

    var archive: ConversationArchive {
        ConversationArchive(
            reader: ArchiveReader(storage: FolderStorage(root: fixture.root), layout: .repository(root: fixture.archiveDir)),
            repository: nil, archiveRoot: fixture.archiveDir, place: "test", cachePath: nil)
    }

    /// Writes lines `range` of `lines` as one part of `claude/<stamp>-<id>`.
    func write(session id: String, stamp: String = "20260102-100000", _ lines: [String], range: ClosedRange<Int>? = nil) throws {
        try fixture.writePart(source: "claude", session: "\(stamp)-\(id)", lines: lines, range: range ?? 1...lines.count)
    }

    func open() throws -> SearchIndex { try SearchIndex(path: indexPath, archiveRoot: fixture.root) }

    func search(_ index: SearchIndex, _ query: String, _ filter: SearchFilter = SearchFilter()) throws -> [SearchHit] {
        try index.update(from: archive)
        return try index.search(SearchQuery(query), filter: filter)
    }

    @Test func aSessionThatDiscussesATermRanksAboveOneThatMentionsIt() throws {
        // The one-mention session has a short, exact line: per line it would win; per session it must not.
        try write(session: "once", [Self.line("user", "sharding")] + (0..<20).map { Self.line("assistant", "unrelated reply \($0) about the build") })
        try write(
            session: "atlength", stamp: "20260103-100000",
            (0..<12).map {
                Self.line("assistant", "Option \($0): the sharding key decides how the sharding of sessions spreads load; long discussion of trade-offs follows here.")
            })
        let hits = try search(open(), "sharding")
        #expect(hits.first?.sessionID == "atlength")
        #expect(hits.filter { $0.sessionID == "atlength" }.count == 5, "at most 5 hits per session")
        #expect(hits.last?.sessionID == "once")
        #expect(hits.allSatisfy { $0.snippet.contains("[[sharding]]") })
    }

    @Test func aQuestionInPlainWordsFindsTheSessionsHoldingMostOfItsWords() throws {
        try fixture.writeSampleSessions()
        try write(session: "colors", stamp: "20260104-100000", [Self.line("user", "Pick a color for the header"), Self.line("assistant", "Use blue.")])
        let hits = try search(open(), "why did we pick teal")
        #expect(hits.first?.sessionID == "7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37", "the session that holds both words")
        #expect(hits.first?.role == .rejection, "what the person said comes first")
        #expect(hits.first?.snippet.contains("[[picked]] [[teal]]") == true)
        #expect(hits.first?.termsMatched == 2)
        #expect(hits.contains { $0.sessionID == "colors" && $0.termsMatched == 1 }, "a session with only some words still ranks, after")
        #expect(try SearchQuery("why did we pick teal").plainTerms == ["pick", "teal"])
        #expect(try SearchQuery("why").plainTerms == ["why"], "a query of stop words only keeps them")
        #expect(try SearchQuery("\"pick teal\" OR x").plainTerms == nil)
    }

    @Test func peoplesWordsComeBeforeToolOutputAtEqualText() throws {
        let text = "the retry budget is ten"
        try write(
            session: "a",
            [
                #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"\#(text)"}]}}"#,
                Self.line("user", text),
            ])
        let hits = try search(open(), "retry budget")
        #expect(hits.map(\.role) == [.user, .toolOutput])
        #expect(hits.map(\.line) == [2, 1])
    }

    @Test func phraseAndPrefixQueries() throws {
        try write(
            session: "a",
            [
                Self.line("user", "the config parser is slow"), Self.line("assistant", "parser config swapped words"),
                Self.line("assistant", "tokens quickly"),
            ])
        let index = try open()
        #expect(try search(index, "\"config parser\"").map(\.line) == [1])
        #expect(Set(try search(index, "pars*").map(\.line)) == [1, 2])
        #expect(try search(index, "parser NOT slow").map(\.line) == [2])
        #expect(Set(try search(index, "slow OR quickly").map(\.line)) == [1, 3])
    }

    @Test func sinceKeepsOnlyLaterRecords() throws {
        try write(session: "a", [Self.line("user", "decision early", "2026-01-01T09:00:00Z"), Self.line("user", "decision late", "2026-03-01T09:00:00Z")])
        let index = try open()
        #expect(try search(index, "decision").count == 2)
        let late = try search(index, "decision", SearchFilter(since: try SearchTime.since("2026-02-01")))
        #expect(late.map(\.snippet) == ["[[decision]] late"])
        #expect(late.first?.time == "2026-03-01T09:00:00Z")
    }

    @Test func filtersBySourceAndSession() throws {
        try write(session: "abc123", [Self.line("user", "lexer")])
        try write(session: "def456", [Self.line("user", "lexer")])
        let index = try open()
        #expect(try search(index, "lexer", SearchFilter(session: "abc")).map(\.sessionID) == ["abc123"])
        #expect(try search(index, "lexer", SearchFilter(source: "codex")).isEmpty)
        #expect(try search(index, "lexer", SearchFilter(source: "claude")).count == 2)
    }

    @Test func partsAreIndexedOnceAndOverlapsAddOnlyNewLines() throws {
        let lines = (1...6).map { Self.line("user", "tokenizer \($0)") }
        try write(session: "a", lines, range: 1...2)
        let index = try open()
        let first = try index.update(from: archive)
        #expect(first.partsIndexed == 1 && first.documentsAdded == 2)
        #expect(try index.update(from: archive) == SearchIndex.UpdateReport(), "nothing new: nothing read")
        // Another branch's part overlaps (1–4): only lines 3–4 are new.
        try write(session: "a", lines, range: 1...4)
        let merged = try index.update(from: archive)
        #expect(merged.documentsAdded == 2)
        #expect(try index.search(SearchQuery("tokenizer"), filter: SearchFilter(perSession: 10)).map(\.line).sorted() == [1, 2, 3, 4])
        // The first part vanishes (a checkout): lines 1–2 stay, held by the other part.
        let first12 = try #require(
            FileManager.default.contentsOfDirectory(atPath: fixture.root + "/" + fixture.folder(source: "claude", name: "20260102-100000-a"))
                .first { $0.hasPrefix("000001-000002-") })
        try FileManager.default.removeItem(atPath: fixture.root + "/" + fixture.folder(source: "claude", name: "20260102-100000-a") + "/" + first12)
        let changed = try index.update(from: archive)
        #expect(changed.partsRemoved == 2 && changed.partsIndexed == 1)
        let hits = try index.search(SearchQuery("tokenizer"), filter: SearchFilter(perSession: 10))
        #expect(hits.map(\.line).sorted() == [1, 2, 3, 4])
        #expect(Set(hits.map(\.part)).count == 1 && hits.first?.part.contains("000001-000004-") == true)
        #expect(try index.documentCount() == 4)
    }

    @Test func deletedOrDamagedIndexIsRebuilt() throws {
        try write(session: "a", [Self.line("user", "rebuild me")])
        #expect(try open().openState == .created)
        #expect(try search(open(), "rebuild").count == 1)
        #expect(try open().openState == .ready)
        try SearchIndex.removeFiles(indexPath)
        let recreated = try open()
        #expect(recreated.openState == .created)
        #expect(try search(recreated, "rebuild").count == 1)
        try SearchIndex.removeFiles(indexPath)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: indexPath))
        let rebuilt = try open()
        guard case .rebuilt = rebuilt.openState else {
            Issue.record("damaged index not rebuilt: \(rebuilt.openState)")
            return
        }
        #expect(try search(rebuilt, "rebuild").count == 1)
    }

    @Test func snippetsAreOneSafeLineWithOneMarkerConvention() throws {
        let raw = "a\u{1B}[31mred\nnext\t\u{2}term\u{3}\u{1}"
        #expect(SearchIndex.cleanSnippet(raw, open: "[[", close: "]]") == "a [31mred next [[term]]…")
        try write(session: "b", [Self.line("assistant", "The badge keeps **teal**.")])
        #expect(try search(open(), "teal").first?.snippet == "The badge keeps **[[teal]]**.", "markdown bold is text, not doubled markers")
    }
}
