import Foundation
import Testing

@testable import HookCore

@Suite struct TranscriptAiderCustomTests {
    static let block1 =
        "\n# aider chat started at 2024-05-01 10:00:00\n\n> Aider v0.50.0\n> Git repo: .git with 12 files\n\n#### Add a retry to the fetcher  \n#### with backoff  \n\nSure, here is the change.\n\n"
    static let block2 = "\n# aider chat started at 2024-05-02 09:30:15\n\n#### /help  \n\n"
    static let block3 = "\n# aider chat started at 2024-05-02 09:30:15\n\n> Tokens: 1k sent\n"

    @Test func splitsBlocksWithOffsets() {
        let t = TranscriptTempTree()
        let repo = t.mkdir("repo")
        let text = Self.block1 + Self.block2 + Self.block3
        let file = t.write("repo/.aider.chat.history.md", text)
        var cache = SourceHeadCache()
        let found = AiderSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["2024-05-01-10-00-00", "2024-05-02-09-30-15", "2024-05-02-09-30-15-2"])
        let o1 = UInt64(1)
        let o2 = UInt64(Self.block1.utf8.count + 1)
        let o3 = UInt64((Self.block1 + Self.block2).utf8.count + 1)
        #expect(
            found.map { $0.streams[0] } == [
                TranscriptStream(path: file, startOffset: o1, endOffset: o2),
                TranscriptStream(path: file, startOffset: o2, endOffset: o3),
                TranscriptStream(path: file, startOffset: o3, endOffset: nil),
            ])
        let bytes = Array(text.utf8)
        #expect(bytes[Int(o2)..<Int(o2) + 2] == [UInt8(ascii: "#"), UInt8(ascii: " ")])

        // Growth is scanned incrementally, from where the last scan stopped.
        #expect(cache.segments[file]?.scannedBytes == UInt64(bytes.count))
        t.append("repo/.aider.chat.history.md", "\n# aider chat started at 2024-06-01 08:00:00\n\n#### next")  // incomplete line
        let grown = AiderSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(grown.count == 4)
        #expect(grown[2].streams[0].endOffset == UInt64(bytes.count + 1))
        #expect(grown[3].streams[0].endOffset == nil)

        // Rewritten file: offsets recomputed.
        t.write("repo/.aider.chat.history.md", Self.block2)
        let rewritten = AiderSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(rewritten.map { $0.streams[0].startOffset } == [1])

        #expect(AiderSource().watchPaths(in: t.context(repo: repo), sessions: found) == [file])
        #expect(AiderSource().watchPaths(in: t.context(repo: t.mkdir("empty")), sessions: []) == [t.path("empty") + "/.aider.chat.history.md"])
        #expect(AiderSource().sessions(in: t.context(repo: t.path("empty")), cache: &cache).isEmpty)
    }

    @Test func aiderMetadata() {
        let source = AiderSource()
        var m = SessionMetadata(source: "aider", sessionID: "2024-05-01-10-00-00")
        let lines = Self.block1.dropFirst().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines { source.absorb(Array((line + "\n").utf8), into: &m) }
        #expect(m.firstTimestamp == "2024-05-01T10:00:00")
        #expect(m.title == "Add a retry to the fetcher")
        #expect(m.lineCount == lines.count)
    }

    @Test func customGlobs() throws {
        let t = TranscriptTempTree()
        let repo = t.mkdir("repo")
        t.write("repo/logs/one.jsonl", ClaudeRecords.session(cwd: "/anywhere", id: "one"))
        t.write("repo/logs/deep/er/two.jsonl", "plain text\n")
        t.write("repo/logs/.hidden/three.jsonl", "x\n")
        t.write("repo/logs/skip.txt", "x\n")
        t.write("home/chats/a1.md", "# notes\n")
        t.write("home/chats/b2.md", "# notes\n")
        t.write("home/chats/c.md", "# notes\n")
        t.write("abs/x.log", "x\n")

        let values = ["team=logs/**/*.jsonl", "~/chats/[ab]?.md", t.path("abs") + "/*.log", "team=logs/one.jsonl"]
        let sources = CustomGlobSource.sources(from: values)
        #expect(sources.map(\.name) == ["team", "custom"])
        var cache = SourceHeadCache()
        let ctx = t.context(repo: repo, custom: values)
        let team = sources[0].sessions(in: ctx, cache: &cache)
        #expect(team.map(\.sessionID) == ["one", "two"])
        #expect(team.allSatisfy { $0.source == "team" })
        let custom = sources[1].sessions(in: ctx, cache: &cache)
        #expect(custom.map(\.sessionID) == ["a1", "b2", "x"])
        #expect(custom[0].streams == [TranscriptStream(path: t.path("home/chats/a1.md"))])

        let watch = sources[0].watchPaths(in: ctx, sessions: team)
        #expect(watch.contains(t.path("repo/logs")) && watch.contains(t.path("repo/logs/deep/er")))
        #expect(watch.contains(t.path("repo/logs/one.jsonl")))
        #expect(!watch.contains(t.path("repo/logs/.hidden")))

        // Without a home, ~/ globs are simply absent.
        var noHome = ctx
        noHome.homeDir = nil
        #expect(sources[1].sessions(in: noHome, cache: &cache).map(\.sessionID) == ["x"])

        // Metadata from JSON records in a custom file.
        var m = SessionMetadata(source: "team", sessionID: "one")
        for line in ClaudeRecords.session(cwd: "/anywhere", id: "one").split(separator: "\n") {
            sources[0].absorb(Array(line.utf8), into: &m)
        }
        #expect(m.cwd == "/anywhere" && m.title == "Fix the login bug" && m.lineCount == 2)
    }

    @Test func customValueParsing() {
        #expect(CustomGlobSource.parse("notes=docs/*.md")! == ("notes", "docs/*.md"))
        #expect(CustomGlobSource.parse("docs/*.md")! == ("custom", "docs/*.md"))
        #expect(CustomGlobSource.parse("/a/b=c/*.md")! == ("custom", "/a/b=c/*.md"))
        #expect(CustomGlobSource.parse("codex=/x/*") == nil)
        #expect(CustomGlobSource.parse("name=") == nil)
        #expect(CustomGlobSource.sessionID(forFile: "/a/b.c.jsonl") == "b.c")
        #expect(CustomGlobSource.sessionID(forFile: "/a/.hidden") == ".hidden")
    }
}
