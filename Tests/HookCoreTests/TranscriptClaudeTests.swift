import Foundation
import Testing

@testable import HookCore

@Suite struct TranscriptClaudeTests {
    func folder(_ t: TranscriptTempTree, _ cwd: String) -> String {
        "claude/projects/" + ClaudePathEncoding.encode(cwd)
    }

    @Test func findsRootSubfolderAndWorktreeSessions() {
        let t = TranscriptTempTree()
        let repo = t.path("src/repo")
        let wt = t.path("src/repo-wt")
        let sub = repo + "/Sources/App"
        t.write(folder(t, repo) + "/s-root.jsonl", ClaudeRecords.session(cwd: repo, id: "s-root"))
        t.write(folder(t, sub) + "/s-sub.jsonl", ClaudeRecords.session(cwd: sub, id: "s-sub"))
        t.write(folder(t, wt) + "/s-wt.jsonl", ClaudeRecords.session(cwd: wt, id: "s-wt"))
        t.write(folder(t, t.path("src/other")) + "/s-other.jsonl", ClaudeRecords.session(cwd: t.path("src/other"), id: "s-other"))
        t.write(folder(t, repo) + "/notes.txt", "not a transcript")

        var cache = SourceHeadCache()
        let found = ClaudeCodeSource().sessions(in: t.context(repo: repo, worktrees: [wt]), cache: &cache)
        #expect(found.map(\.sessionID) == ["s-root", "s-sub", "s-wt"])
        #expect(found.allSatisfy { $0.source == "claude" && $0.streams.count == 1 && $0.streams[0].archiveName == "" })
        #expect(found[0].streams[0] == TranscriptStream(path: t.path(folder(t, repo) + "/s-root.jsonl")))

        // Without the worktree, its session isn't ours ("repo-wt" encodes with the "repo-" prefix
        // but its cwd is outside the root).
        let noWT = ClaudeCodeSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(noWT.map(\.sessionID) == ["s-root", "s-sub"])
    }

    @Test func collidingEncodedNamesAreSettledByCwd() {
        let t = TranscriptTempTree()
        let dashed = t.path("x/a-b")
        let nested = t.path("x/a/b")
        #expect(ClaudePathEncoding.encode(dashed) == ClaudePathEncoding.encode(nested))
        let dir = folder(t, dashed)
        t.write(dir + "/mine.jsonl", ClaudeRecords.session(cwd: dashed, id: "mine"))
        t.write(dir + "/theirs.jsonl", ClaudeRecords.session(cwd: nested, id: "theirs"))

        var cache = SourceHeadCache()
        #expect(ClaudeCodeSource().sessions(in: t.context(repo: dashed), cache: &cache).map(\.sessionID) == ["mine"])
        // From /x/a, the same folder is a subfolder candidate: /x/a/b is inside, /x/a-b is not.
        #expect(ClaudeCodeSource().sessions(in: t.context(repo: t.path("x/a")), cache: &cache).map(\.sessionID) == ["theirs"])
    }

    @Test func subagentsAndLegacyAgentFilesJoinTheirSession() {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        let dir = folder(t, repo)
        t.write(dir + "/parent.jsonl", ClaudeRecords.session(cwd: repo, id: "parent"))
        t.write(dir + "/parent/subagents/agent-b2.jsonl", ClaudeRecords.session(cwd: repo, id: "parent"))
        t.write(dir + "/parent/subagents/agent-a1.jsonl", ClaudeRecords.session(cwd: repo, id: "parent"))
        t.write(dir + "/parent/subagents/agent-a1.meta.json", #"{"agentType":"general-purpose"}"#)
        t.write(dir + "/agent-old.jsonl", ClaudeRecords.session(cwd: repo, id: "parent"))
        t.write(dir + "/agent-orphan.jsonl", ClaudeRecords.session(cwd: repo, id: "gone"))

        var cache = SourceHeadCache()
        let found = ClaudeCodeSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["agent-orphan", "parent"])
        let parent = found[1]
        #expect(parent.streams.map(\.archiveName) == ["", "subagents/agent-a1", "subagents/agent-b2", "subagents/agent-old"])
        #expect(parent.streams[1].path == t.path(dir + "/parent/subagents/agent-a1.jsonl"))
        #expect(found[0].streams.map(\.archiveName) == [""])

        let watch = ClaudeCodeSource().watchPaths(in: t.context(repo: repo), sessions: found)
        #expect(watch.contains(t.path("claude/projects")))
        #expect(watch.contains(t.path(dir)))
        #expect(watch.contains(t.path(dir + "/parent/subagents")))
        #expect(watch.contains(t.path(dir + "/parent/subagents/agent-b2.jsonl")))
        #expect(watch.contains(t.path(dir + "/parent.jsonl")))
    }

    @Test func cwdFoundAfterRecordsWithoutOne() {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        let text =
            ClaudeRecords.summary("Earlier work") + "\n"
            + #"{"type":"file-history-snapshot","messageId":"m","snapshot":{"messageId":"m","trackedFileBackups":{},"timestamp":"2025-03-01T09:00:00.000Z"},"isSnapshotUpdate":false}"#
            + "\n"
            + ClaudeRecords.session(cwd: repo, id: "s")
        t.write(folder(t, repo) + "/s.jsonl", text)
        var cache = SourceHeadCache()
        #expect(ClaudeCodeSource().sessions(in: t.context(repo: repo), cache: &cache).map(\.sessionID) == ["s"])
    }

    @Test func headCachePreventsRereading() throws {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        let dir = folder(t, repo)
        t.write(dir + "/a.jsonl", ClaudeRecords.session(cwd: repo, id: "a"))
        t.write(dir + "/b.jsonl", ClaudeRecords.session(cwd: t.path("repo2"), id: "b"))  // foreign, same folder family
        t.write(dir + "/c.jsonl", ClaudeRecords.summary("only a summary so far") + "\n")  // no cwd yet

        var cache = SourceHeadCache()
        let ctx = t.context(repo: repo)
        #expect(ClaudeCodeSource().sessions(in: ctx, cache: &cache).map(\.sessionID) == ["a"])
        #expect(cache.headReads == 3)
        #expect(cache.entries[t.path(dir + "/a.jsonl")]?.cwd == repo)
        #expect(cache.entries[t.path(dir + "/b.jsonl")]?.cwd == t.path("repo2"))
        #expect(cache.entries[t.path(dir + "/c.jsonl")]?.isFinal == false)

        // Round-trip through JSON as the caller would persist it.
        var restored = try JSONDecoder().decode(SourceHeadCache.self, from: JSONEncoder().encode(cache))
        #expect(restored == cache)
        #expect(ClaudeCodeSource().sessions(in: ctx, cache: &restored).map(\.sessionID) == ["a"])
        #expect(restored.headReads == 0)

        // The undecided file is read again once it grows, and then belongs.
        t.append(dir + "/c.jsonl", ClaudeRecords.session(cwd: repo, id: "c"))
        #expect(ClaudeCodeSource().sessions(in: ctx, cache: &restored).map(\.sessionID) == ["a", "c"])
        #expect(restored.headReads == 1)

        // Deleted files are pruned.
        try FileManager.default.removeItem(atPath: t.path(dir + "/b.jsonl"))
        var next = try JSONDecoder().decode(SourceHeadCache.self, from: JSONEncoder().encode(restored))
        _ = ClaudeCodeSource().sessions(in: ctx, cache: &next)
        next.pruneUnseen()
        #expect(next.entries[t.path(dir + "/b.jsonl")] == nil)
        #expect(next.entries.count == 2)
    }

    @Test func malformedAndBinaryFilesAreSkipped() {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        let dir = folder(t, repo)
        var rng = SystemRandomNumberGenerator()
        t.write(dir + "/binary.jsonl", bytes: (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
        t.write(dir + "/broken.jsonl", "{\"cwd\":\"" + repo + "\n{{{{\n")
        t.write(dir + "/empty.jsonl", "")
        t.write(dir + "/.jsonl", "")
        t.write(dir + "/good.jsonl", ClaudeRecords.session(cwd: repo, id: "good"))
        t.mkdir(dir + "/dir.jsonl")
        var cache = SourceHeadCache()
        #expect(ClaudeCodeSource().sessions(in: t.context(repo: repo), cache: &cache).map(\.sessionID) == ["good"])
    }

    @Test func metadataFromRecords() {
        let repo = "/home/u/repo"
        let source = ClaudeCodeSource()
        var m = SessionMetadata(source: "claude", sessionID: "s")
        let lines = [
            #"{"type":"file-history-snapshot","messageId":"m","snapshot":{"timestamp":"2025-01-01T00:00:00.000Z"}}"#,
            #"{"parentUuid":null,"cwd":"/home/u/repo","sessionId":"s","gitBranch":"main","type":"user","isMeta":true,"message":{"role":"user","content":"Caveat: The messages below were generated by the user while running local commands."},"uuid":"m0","timestamp":"2025-03-01T09:59:00.000Z"}"#,
            #"{"parentUuid":null,"cwd":"/home/u/repo","sessionId":"s","gitBranch":"main","type":"user","message":{"role":"user","content":"<command-name>/clear</command-name>"},"uuid":"m1","timestamp":"2025-03-01T09:59:30.000Z"}"#,
            ClaudeRecords.user(
                "\n   Please refactor the authentication module so that every provider shares one token cache   \nand more", cwd: repo, session: "s", branch: "",
                at: "2025-03-01T10:00:00.000Z"),
            ClaudeRecords.assistant("ok", cwd: repo + "/sub", session: "s", branch: "feature/auth", at: "2025-03-01T10:00:05.000Z"),
            ClaudeRecords.user("second prompt", cwd: repo, session: "s", branch: "feature/auth", at: "2025-03-01T10:05:00.000Z"),
            ClaudeRecords.toolResult(cwd: repo, session: "s", branch: "feature/auth", at: "2025-03-01T10:06:00.000Z"),
        ]
        for line in lines { source.absorb(Array(line.utf8), into: &m) }
        #expect(m.lineCount == lines.count)
        #expect(m.cwd == repo)
        #expect(m.branch == "feature/auth")
        #expect(m.firstTimestamp == "2025-03-01T09:59:00.000Z")
        #expect(m.lastTimestamp == "2025-03-01T10:06:00.000Z")
        #expect(m.title == "Please refactor the authentication module so that every provider shares one toke")
        #expect(m.title?.count == 80)
        #expect(!m.titleIsSummary)

        // A summary wins, whenever it comes; a later prompt doesn't replace it.
        source.absorb(Array(ClaudeRecords.summary("Auth refactor\nwith details").utf8), into: &m)
        source.absorb(Array(ClaudeRecords.user("third", cwd: repo, session: "s").utf8), into: &m)
        #expect(m.title == "Auth refactor")
        #expect(m.titleIsSummary)
        #expect(m.lineCount == lines.count + 2)

        // Content as an array of blocks.
        var b = SessionMetadata(source: "claude", sessionID: "b")
        let blocks =
            #"{"cwd":"/r","type":"user","message":{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},{"type":"text","text":"What is in this image?"}]},"timestamp":"2025-03-01T10:00:00Z"}"#
        source.absorb(Array(blocks.utf8) + [0x0A], into: &b)
        #expect(b.title == "What is in this image?")

        // Metadata encodes and decodes (older meta without titleIsSummary too).
        let old = #"{"source":"claude","sessionID":"s","lineCount":3,"title":"t"}"#
        let decoded = try? JSONDecoder().decode(SessionMetadata.self, from: Data(old.utf8))
        #expect(decoded?.lineCount == 3 && decoded?.titleIsSummary == false)
    }
}
