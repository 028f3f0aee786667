import Foundation
import Testing
@testable import HookKit

/// The index over a folder archive: ranking, phrases and prefixes, --since, incremental updates,
/// rebuilding a deleted or damaged index file.
@Suite struct SearchIndexTests {
    let tree = TranscriptTempTree()
    var archive: String { tree.path("archive") }
    var indexPath: String { tree.path("git/convo-hook/search.sqlite") }

    static func line(_ role: String, _ text: String, _ time: String = "2026-01-02T10:00:00Z") -> String {
        let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"type":"\#(role)","timestamp":"\#(time)","message":{"role":"\#(role)","content":"\#(escaped)"}}"# + "\n"
    }

    /// Writes `claude/<stamp>-<id>/<part>` (appending) and a meta.json.
    func write(session id: String, stamp: String = "20260102-100000", part: String = "0001.jsonl", _ lines: [String]) throws {
        let folder = archive + "/claude/\(stamp)-\(id)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + part
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        try (existing + lines.joined()).write(toFile: path, atomically: true, encoding: .utf8)
        try #"{"sessionID":"\#(id)","source":"claude","firstTimestamp":"2026-01-02T10:00:00Z","title":"t"}"#
            .write(toFile: folder + "/meta.json", atomically: true, encoding: .utf8)
    }

    func open() throws -> SearchIndex { try SearchIndex(path: indexPath, archiveRoot: archive) }
    var reader: FolderArchiveReader { FolderArchiveReader(root: archive, repositoryPrefix: nil) }

    func search(_ index: SearchIndex, _ query: String, _ filter: SearchFilter = SearchFilter()) throws -> [SearchHit] {
        try index.update(from: reader)
        return try index.search(SearchQuery(query), filter: filter)
    }

    @Test func aSessionThatDiscussesATermRanksAboveOneThatMentionsIt() throws {
        // The one-mention session has a short, exact line: per line it would win; per session it must not.
        try write(session: "once", [Self.line("user", "sharding")] + (0..<20).map { Self.line("assistant", "unrelated reply \($0) about the build") })
        try write(session: "atlength", stamp: "20260103-100000", (0..<12).map {
            Self.line("assistant", "Option \($0): the sharding key decides how the sharding of sessions spreads load; long discussion of trade-offs follows here.")
        })
        let hits = try search(open(), "sharding")
        #expect(hits.first?.sessionID == "atlength")
        #expect(hits.filter { $0.sessionID == "atlength" }.count == 5, "at most 5 hits per session")
        #expect(hits.last?.sessionID == "once")
        #expect(hits.allSatisfy { $0.snippet.contains("**sharding**") })
    }

    @Test func phraseAndPrefixQueries() throws {
        try write(session: "a", [Self.line("user", "the config parser is slow"), Self.line("assistant", "parser config swapped words"),
                                 Self.line("assistant", "parsing tokens quickly")])
        let index = try open()
        #expect(try search(index, "\"config parser\"").map(\.line) == [1])
        #expect(Set(try search(index, "pars*").map(\.line)) == [1, 2, 3])
        #expect(try search(index, "parser NOT slow").map(\.line) == [2])
        #expect(Set(try search(index, "slow OR quickly").map(\.line)) == [1, 3])
        #expect(try search(index, "pars").isEmpty, "a word is not a prefix unless it ends in *")
    }

    @Test func sinceKeepsOnlyLaterRecords() throws {
        try write(session: "a", [Self.line("user", "decision early", "2026-01-01T09:00:00Z"), Self.line("user", "decision late", "2026-03-01T09:00:00Z")])
        let index = try open()
        #expect(try search(index, "decision").count == 2)
        let late = try search(index, "decision", SearchFilter(since: try SearchTime.since("2026-02-01")))
        #expect(late.map(\.snippet) == ["**decision** late"])
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

    @Test func incrementalUpdateReadsOnlyNewCompleteLines() throws {
        try write(session: "a", [Self.line("user", "first tokenizer")])
        let index = try open()
        let first = try index.update(from: reader)
        #expect(first.partsIndexed == 1 && first.documentsAdded == 1)
        #expect(try index.update(from: reader) == SearchIndex.UpdateReport(), "nothing new: nothing read")
        // The open part grows by one complete line and a partial one.
        try write(session: "a", [Self.line("assistant", "second tokenizer"), #"{"type":"user","message":{"content":"third tok"#])
        let grown = try index.update(from: reader)
        #expect(grown.documentsAdded == 1)
        #expect(grown.bytesIndexed == UInt64(Self.line("assistant", "second tokenizer").utf8.count))
        try write(session: "a", [#"enizer"}}"# + "\n"])
        #expect(try index.update(from: reader).documentsAdded == 1)
        #expect(try index.search(SearchQuery("tokenizer"), filter: SearchFilter()).map(\.line).sorted() == [1, 2, 3])
        #expect(try index.search(SearchQuery("\"third tokenizer\""), filter: SearchFilter()).map(\.line) == [3])
        // A new part and a removed part.
        try write(session: "a", part: "0002.jsonl", [Self.line("user", "fourth tokenizer")])
        try FileManager.default.removeItem(atPath: archive + "/claude/20260102-100000-a/0001.jsonl")
        let changed = try index.update(from: reader)
        #expect(changed.partsIndexed == 1 && changed.partsRemoved == 1)
        #expect(try index.search(SearchQuery("tokenizer"), filter: SearchFilter()).map(\.part) == ["claude/20260102-100000-a/0002.jsonl"])
        #expect(try index.documentCount() == 1)
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
        guard case .rebuilt = rebuilt.openState else { Issue.record("damaged index not rebuilt: \(rebuilt.openState)"); return }
        #expect(try search(rebuilt, "rebuild").count == 1)
    }

    @Test func snippetsAreOneSafeLine() {
        let raw = "a\u{1B}[31mred\nnext\t\u{2}term\u{3}\u{1}"
        #expect(SearchIndex.cleanSnippet(raw, open: "<", close: ">") == "a [31mred next <term>…")
    }
}
