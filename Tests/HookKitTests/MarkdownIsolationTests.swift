import Foundation
import TestSupport
import Testing

@testable import HookKit

/// A message holding an open fence, a `#` heading, list items numbered 10 and up, raw HTML (an open
/// `<details>`, an open comment), stray `**` and a link definition cannot change how the next message
/// renders: the page is parsed with a CommonMark parser (markdown-it-py, `.ci/run` installs it).
@Suite struct MarkdownIsolationTests {
    static let hostile = [
        "```md\n# Heading inside a fence\n10. ten\n<details><summary>open",
        "# A page-size heading\n\n10. ten\n11. eleven\n    continued\n\n<details><summary>never closed\n\n<!-- comment never closed\n\n**bold never closed\n\n[ref]: https://evil.example\n\n<div>",
    ]

    static func record(_ type: String, _ text: String, _ n: Int) -> String {
        let escaped = String(data: try! JSONSerialization.data(withJSONObject: [text], options: []), encoding: .utf8)!.dropFirst().dropLast()
        return #"{"type":"\#(type)","uuid":"u\#(n)","timestamp":"2025-06-01T10:00:0\#(n)Z","message":{"role":"\#(type)","content":\#(escaped)}}"#
    }

    /// markdown-it's block tokens: type, tag, nesting level, content.
    static func tokens(_ markdown: String) throws -> [[String]]? {
        let script = """
            import json, sys
            try:
                from markdown_it import MarkdownIt
            except ImportError:
                print("missing"); sys.exit(0)
            md = MarkdownIt("commonmark")
            out = []
            def walk(tokens):
                for t in tokens:
                    out.append([t.type, t.tag, str(t.level), t.content if t.type != "inline" else t.content])
                    if t.children:
                        for c in t.children:
                            out.append(["child:" + c.type, c.tag, str(t.level), c.attrGet("href") or c.content])
            walk(md.parse(sys.stdin.read()))
            print(json.dumps(out))
            """
        let result = try Shell.run(["python3", "-c", script], in: "/", environment: ProcessInfo.processInfo.environment, input: markdown)
        if result.stdout.hasPrefix("missing") { return nil }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]]
    }

    @Test(arguments: hostile)
    func aHostileMessageCannotChangeTheNextOne(_ text: String) throws {
        let fixture = try FixtureArchive()
        let lines = [
            Self.record("user", text, 1), Self.record("assistant", text, 2),
            Self.record("user", "Next prompt [ref] stays plain", 3), Self.record("assistant", "STILL RENDERED as a quote", 4),
        ]
        try fixture.writePart(source: "claude", session: "20250601-100000-hostile", lines: lines, range: 1...4)
        let archive = ConversationArchive(
            reader: ArchiveReader(storage: FolderStorage(root: fixture.root), layout: .repository(root: fixture.archiveDir)),
            repository: nil, archiveRoot: fixture.archiveDir, place: "fixture", cachePath: nil)
        let session = try #require(archive.sessions().first)
        let markdown = ConversationShow.render(session, in: archive, ranges: nil, format: .md, prices: .builtin)
        guard let tokens = try Self.tokens(markdown) else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "markdown-it-py is missing (pip install markdown-it-py)")
            return
        }
        // Every message heading is a real top-level h3, in order, and the only h1 is the page title.
        let headings = tokens.filter { $0[0] == "heading_open" }
        #expect(headings.filter { $0[1] == "h1" }.count == 1)
        #expect(headings.filter { ["h1", "h2", "h3"].contains($0[1]) }.allSatisfy { $0[2] == "0" }, "page-level headings are convo-hook's: \(headings)")
        let titles = tokens.indices.filter { tokens[$0][0] == "heading_open" && tokens[$0][1] == "h3" }.map { tokens[$0 + 1][3] }
        #expect(titles.map { $0.split(separator: "·").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } == ["You", "Assistant", "You", "Assistant"])
        // The last reply is a paragraph inside a block quote, not code, not HTML.
        let last = try #require(tokens.firstIndex { $0[0] == "inline" && $0[3].contains("STILL RENDERED") })
        #expect(tokens[last - 1][0] == "paragraph_open" && tokens[last - 2][0] == "blockquote_open")
        // Archived HTML is text; only convo-hook's own folding tags are HTML, and no link definition leaks.
        #expect(!tokens.contains { $0[0] == "child:html_inline" })
        #expect(tokens.filter { $0[0] == "html_block" }.allSatisfy { $0[3].hasPrefix("<details><summary>") || $0[3].hasPrefix("</details>") })
        #expect(!tokens.contains { $0[0] == "child:link_open" }, "the [ref] definition must not turn the next prompt's [ref] into a link")
        // Lists numbered 10 and up stay inside their message's quote.
        #expect(tokens.filter { $0[0] == "ordered_list_open" }.allSatisfy { $0[2] != "0" })
    }

    @Test func theFixtureSessionsRenderAsCommonMarkWithEveryMessageHeading() throws {
        let fixture = try FixtureArchive()
        try fixture.writeSampleSessions()
        let archive = ConversationArchive(
            reader: ArchiveReader(storage: FolderStorage(root: fixture.root), layout: .repository(root: fixture.archiveDir)),
            repository: nil, archiveRoot: fixture.archiveDir, place: "fixture", cachePath: nil)
        for session in archive.sessions() {
            let markdown = ConversationShow.render(session, in: archive, ranges: nil, format: .md, prices: .builtin)
            guard let tokens = try Self.tokens(markdown) else { return }
            let emitted = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.count
            #expect(tokens.filter { $0[0] == "heading_open" && $0[1] == "h3" }.count == emitted, "\(session.key): a heading was swallowed")
            #expect(!tokens.contains { $0[0] == "child:html_inline" }, "\(session.key)")
        }
    }

    @Test func exportedPromptsNumberedTenAndUpStayInTheList() throws {
        let prompts = (1...11).map { "Prompt \($0), first paragraph.\n\nSecond paragraph of \($0).\n```\nopen fence" }
        var digest = SessionDigest(
            SessionTranscript(session: ArchivedSession(folder: "x/claude/20250601-100000-a", source: "claude", folderName: "20250601-100000-a"), streams: []))
        digest.prompts = prompts
        let page = SessionMarkdown(
            key: "claude/20250601-100000-a", title: "T", session: ArchivedSession(folder: "x/claude/20250601-100000-a", source: "claude", folderName: "20250601-100000-a"),
            facts: SessionFacts(), digest: digest, commits: [], prices: .builtin, workdir: "/w"
        ).render()
        guard let tokens = try Self.tokens(page) else { return }
        let lists = tokens.filter { $0[0] == "ordered_list_open" }
        let open = try #require(tokens.firstIndex { $0[0] == "ordered_list_open" })
        let close = try #require(tokens.firstIndex { $0[0] == "ordered_list_close" })
        let items = tokens[open..<close].filter { $0[0] == "list_item_open" && $0[2] == "1" }
        #expect(lists.count == 1 && items.count == 11, "one list of eleven prompts")
        let second = tokens.filter { $0[0] == "inline" && $0[3].hasPrefix("Second paragraph of 11") }
        #expect(second.count == 1 && second.first?[2] != "0", "the 11th prompt's second paragraph is inside its item")
        let headings = tokens.filter { $0[0] == "heading_open" }.map { $0[1] }
        #expect(headings.filter { $0 == "h2" }.count == 8, "every section heading survives the prompts: \(headings)")
    }
}
