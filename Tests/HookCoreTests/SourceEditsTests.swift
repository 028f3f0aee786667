import Foundation
import TestSupport
import Testing

@testable import HookCore

/// What the calls of every source wrote, as `why` and attribution see it: each source's fixture transcript
/// (shapes cited in the fixtures' headers) read into `WrittenLines`, a line each call wrote found as the tool's.
@Suite struct SourceEditsTests {
    private func written(_ events: [ConversationEvent]) -> WrittenLines {
        var w = WrittenLines()
        w.add(events: events, stream: "main")
        return w
    }

    private func authorship(_ line: String, _ path: String, _ w: WrittenLines) -> Authorship? {
        LineAttribution.classify([line], path: path, written: [w], before: nil).first??.authorship
    }

    @Test func everySourcesEditsAreWrittenLines() throws {
        let gemini = written(SessionTranscript.lastRevisions(events(GeminiSource(), "gemini-session.jsonl")))
        #expect(authorship("  for (const key of Object.keys(raw)) if (key !== 'port') throw new ConfigError(key);", "src/config.ts", gemini) == .tool)
        #expect(authorship("  return { port: raw.port ?? 8080 };", "src/config.ts", gemini) == .hand, "the line the replace kept")

        let copilot = written(events(CopilotSource(), "copilot-events.jsonl"))
        #expect(authorship("    return items.reduce((s, i) => s + i.price * (1 - (i.discount ?? 0)), 0);", "src/cart.ts", copilot) == .tool)

        let cursor = written(events(CursorSource(), "cursor-transcript.jsonl"))
        #expect(authorship("export const feed = () => rss(posts);", "src/feed.ts", cursor) == .tool)

        let opencode = written(SessionTranscript.lastRevisions(events(OpenCodeSource(), "opencode-records.jsonl")))
        #expect(authorship("export function Header() { return <header><ThemeToggle/></header>; }", "src/Header.tsx", opencode) == .tool)

        let t = TranscriptTempTree()
        let amp = written(try recordEvents(AmpSource(), TranscriptStream(path: t.fixture("amp-thread.json", at: "T-1.json"), kind: .records)))
        #expect(authorship("  return db.orders.findMany({ cursor, take: 50 });", "src/orders.ts", amp) == .tool)

        let path = t.fixture("cline-task-api.json", at: "cline/tasks/1756807400000/api_conversation_history.json")
        t.fixture("cline-task-ui.json", at: "cline/tasks/1756807400000/ui_messages.json")
        let cline = written(try recordEvents(ClineSource(), TranscriptStream(path: path, kind: .records)))
        #expect(authorship("[ \"$1\" = --dry-run ] && n=-n", "deploy.sh", cline) == .tool)
        #expect(authorship("rsync -a $n build/ prod:/srv/app", "deploy.sh", cline) == .tool)
        #expect(authorship("------- SEARCH", "deploy.sh", cline) == .hand, "the block's markers are not code")
        #expect(authorship("rsync -a build/ prod:/srv/app", "deploy.sh", cline) == .edited, "the searched line was replaced, not written")
    }

    @Test func clineBlocksInBothMarkerStylesAreEdits() {
        let current = "------- SEARCH\nold one\n=======\nnew one\n+++++++ REPLACE\n\n------- SEARCH\nold two\n=======\nnew two\nnew three\n+++++++ REPLACE\n"
        #expect(
            SearchReplaceBlocks.edits(current, path: "a.py") == [
                FileEdit(path: "a.py", oldText: "old one", newText: "new one"), FileEdit(path: "a.py", oldText: "old two", newText: "new two\nnew three"),
            ])
        let legacy = "<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE"
        #expect(SearchReplaceBlocks.edits(legacy, path: "a.py") == [FileEdit(path: "a.py", oldText: "x = 1", newText: "x = 2")])
        #expect(SearchReplaceBlocks.edits("------- SEARCH\nunfinished\n=======\nstill", path: "a.py") == nil)
        #expect(SearchReplaceBlocks.edits("plain text", path: "a.py") == nil)
    }

    @Test func cursorsElidedCodeIsNotWritten() {
        let kinds = CommonTools.call(
            name: "edit_file", id: "c1",
            input: JSONDocument.parse(#"{"target_file":"src/a.ts","code_edit":"// ... existing code ...\nconst limit = 50;\n// ... existing code ..."}"#)?.root)
        guard case .toolCall(let call)? = kinds.first else {
            Issue.record("no call")
            return
        }
        let sketch = "// ... existing code ...\nconst limit = 50;\n// ... existing code ..."
        #expect(call.edits == [FileEdit(path: "src/a.ts", oldText: nil, newText: sketch, isSketch: true)], "readers show the sketch as written")
        #expect(WrittenLines.addedLines(call.edits[0]).map(\.text) == [CodeLine.normalized("const limit = 50;")], "attribution counts what it wrote")
        #expect(WrittenLines.addedLines(FileEdit(path: "a.md", oldText: nil, newText: sketch)).count == 3, "only a sketch's markers stand for code")
    }
}
