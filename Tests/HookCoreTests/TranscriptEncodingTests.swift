import Foundation
import Testing

@testable import HookCore

@Suite struct TranscriptEncodingTests {
    @Test func encodesEveryNonAlphanumericAsDash() {
        #expect(ClaudePathEncoding.encode("/home/u/my.repo") == "-home-u-my-repo")
        #expect(ClaudePathEncoding.encode("/Users/foo/.config/app_1") == "-Users-foo--config-app-1")
        #expect(ClaudePathEncoding.encode("/tmp/x/a-b") == ClaudePathEncoding.encode("/tmp/x/a/b"))
        #expect(ClaudePathEncoding.encode("/home/é") == "-home--")  // one UTF-16 unit
        #expect(ClaudePathEncoding.encode("/home/😀") == "-home---")  // a surrogate pair: two
    }

    @Test func candidateFolders() {
        let e = ClaudePathEncoding.encode("/home/u/repo")
        #expect(ClaudePathEncoding.isCandidate(folderName: "-home-u-repo", encodedRoot: e))
        #expect(ClaudePathEncoding.isCandidate(folderName: "-home-u-repo-Sources", encodedRoot: e))
        #expect(!ClaudePathEncoding.isCandidate(folderName: "-home-u-repository", encodedRoot: e))
        #expect(!ClaudePathEncoding.isCandidate(folderName: "-home-u", encodedRoot: e))
        // Long names are cut at 200 and get a hash suffix.
        let long = "/" + String(repeating: "d", count: 230)
        let le = ClaudePathEncoding.encode(long)
        #expect(ClaudePathEncoding.isCandidate(folderName: String(le.prefix(200)) + "-1x2y3z", encodedRoot: le))
        #expect(!ClaudePathEncoding.isCandidate(folderName: String(le.prefix(199)) + "e-1x2y3z", encodedRoot: le))
    }

    @Test func cwdContainment() {
        #expect(ClaudePathEncoding.cwd("/r", isInside: "/r"))
        #expect(ClaudePathEncoding.cwd("/r/sub", isInside: "/r"))
        #expect(!ClaudePathEncoding.cwd("/r2", isInside: "/r"))
        #expect(!ClaudePathEncoding.cwd("/r", isInside: ""))
    }

    @Test func contextFromEnvironment() {
        let c = SourceContext.from(environment: ["HOME": "/home/u/"], repoRoot: "/r/", worktreeRoots: ["/w"], customSources: [])
        #expect(c.repoRoot == "/r")
        #expect(c.claudeConfigDir == "/home/u/.claude")
        #expect(c.codexHome == "/home/u/.codex")
        #expect(c.homeDir == "/home/u")
        let o = SourceContext.from(
            environment: ["HOME": "/h", "CLAUDE_CONFIG_DIR": "/cfg/claude/", "CODEX_HOME": "/cx"],
            repoRoot: "/r", worktreeRoots: [], customSources: ["a=*.md"])
        #expect(o.claudeConfigDir == "/cfg/claude")
        #expect(o.codexHome == "/cx")
        #expect(o.customSources == ["a=*.md"])
        let none = SourceContext.from(environment: [:], repoRoot: "/r", worktreeRoots: [], customSources: [])
        #expect(none.claudeConfigDir.isEmpty && none.codexHome.isEmpty && none.homeDir == nil)
        var cache = SourceHeadCache()
        #expect(ClaudeCodeSource().sessions(in: none, cache: &cache).isEmpty)
        #expect(CodexSource().sessions(in: none, cache: &cache).isEmpty)
        #expect(ClaudeCodeSource().watchPaths(in: none, sessions: []).isEmpty)
    }

    @Test func sourcesRegistry() {
        let all = TranscriptSources.all(customSources: ["notes=docs/*.md", "/abs/*.jsonl", "notes=more/*.md", "claude=/x/*"])
        #expect(all.map(\.name) == ["claude", "codex", "aider", "gemini", "copilot", "cursor", "opencode", "amp", "cline", "notes", "custom"])
        #expect(TranscriptSources.named("codex", customSources: []) is CodexSource)
        let notes = TranscriptSources.named("notes", customSources: ["notes=docs/*.md", "notes=more/*.md"]) as? CustomGlobSource
        #expect(notes?.patterns == ["docs/*.md", "more/*.md"])
        #expect(TranscriptSources.named("nope", customSources: []) == nil)
    }
}
