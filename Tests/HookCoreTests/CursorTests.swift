import Foundation
import TestSupport
import Testing

@testable import HookCore

/// Cursor: transcripts as events, and found only in the folders Cursor's rule names for this worktree's roots.
@Suite struct CursorTests {
    @Test func promptsToolsAndResults() {
        let e = events(CursorSource(), "cursor-transcript.jsonl")
        #expect(e.compactMap(\.prompt).map(\.text) == ["Add an RSS feed to the blog"])
        #expect(e.compactMap(\.prompt).map(\.origin) == [.person])
        let calls = e.compactMap(\.call)
        #expect(calls.map(\.name) == ["read_file", "edit_file", "run_terminal_cmd", "todo_write"])
        #expect(calls[0].reads == ["/work/blog/src/posts.ts"])
        #expect(calls[1].writes == ["/work/blog/src/feed.ts"] && calls[1].edits.first?.newText == "export const feed = () => rss(posts);")
        #expect(calls[2].command == "npm run build")
        #expect(e.compactMap(\.todos).first?.map(\.status) == [.completed, .inProgress])
        let results = e.compactMap(\.result)
        #expect(results.map(\.callID) == ["call_1", "call_2", "call_3", "call_4"])
        #expect(results.map(\.isError) == [false, false, true, false])
        #expect(e.compactMap(\.reply).last == "The feed is in `src/feed.ts`; the build needs the `rss` package installed.")
    }

    @Test func onlyTheFoldersNamedForThisWorktreeAreRead() throws {
        let t = TranscriptTempTree()
        let repo = t.path("my.repo")
        let folder = "cursor/projects/" + CursorSource.folderName(repo) + "/agent-transcripts"
        #expect(CursorSource.folderName("/home/u/my.repo") == "home-u-my-repo")
        let flat = t.write(folder + "/11111111-aaaa.jsonl", #"{"role":"user","message":{"content":"hi"}}"# + "\n")
        let nested = t.write(folder + "/22222222-bbbb/22222222-bbbb.jsonl", #"{"role":"user","message":{"content":"hi"}}"# + "\n")
        let agent = t.write(folder + "/22222222-bbbb/subagents/explore-1.jsonl", #"{"role":"user","message":{"content":"look"}}"# + "\n")
        let legacy = t.write(folder + "/33333333-cccc.txt", "user: hi\n")
        // A subfolder of the repository, and another project: their folders are not this worktree's.
        t.write("cursor/projects/" + CursorSource.folderName(repo + "/sub") + "/agent-transcripts/44444444.jsonl", "{}\n")
        t.write("cursor/projects/" + CursorSource.folderName(t.path("other")) + "/agent-transcripts/55555555.jsonl", "{}\n")
        var cache = SourceHeadCache()
        let found = CursorSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["11111111-aaaa", "22222222-bbbb", "33333333-cccc"])
        #expect(found[0].streams.map(\.path) == [flat])
        #expect(found[1].streams.map(\.path) == [nested, agent] && found[1].streams[1].archiveName == "subagents/explore-1")
        #expect(found[2].streams.map(\.path) == [legacy])
        let watch = CursorSource().watchPaths(in: t.context(repo: repo), sessions: found)
        #expect(watch.first == t.path(folder) && watch.contains(nested) && watch.contains(t.path(folder + "/22222222-bbbb/subagents")))
    }
}
