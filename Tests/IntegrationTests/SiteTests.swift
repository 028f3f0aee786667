import Foundation
import TestSupport
import Testing

/// `convo-hook export --html` and `serve` on a real repository whose history carries the fixture sessions
/// in two commits, checked in Debian's headless Chromium: what the DOM holds after the page's script ran,
/// that a screenshot shows something, that every internal link resolves and that nothing leaves the page.
@Suite struct SiteTests {
    let repo: TemporaryRepository
    let fixture: FixtureArchive
    let claudeFolder = "20251119-095800-7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"
    var out: String { repo.root + "/site" }
    var claudePage: String { "sessions/claude-\(claudeFolder).html" }

    /// Commit 1 carries lines 1–12 of the Claude session and the Codex session; commit 2 (on `feature`) the
    /// rest of the Claude session, its subagent, the Aider session and a session whose text tries to be markup.
    init() throws {
        repo = try TemporaryRepository()
        try repo.write("README", "hello\n")
        try repo.gitOK("add", "README")
        try repo.gitOK("commit", "-qm", "base")
        fixture = FixtureArchive(root: repo.path)
        let main = Fixtures.lines("claude-main.jsonl")
        try fixture.writePart(source: "claude", session: claudeFolder, lines: main, range: 1...12)
        let codex = Fixtures.lines("codex-rollout.jsonl")
        try fixture.writePart(source: "codex", session: "20251120-080000-0199a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b", lines: codex, range: 1...codex.count)
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "First stretch: retry plan")
        try repo.gitOK("checkout", "-qb", "feature")
        try fixture.writePart(source: "claude", session: claudeFolder, lines: main, range: 13...main.count)
        let agent = Fixtures.lines("claude-agent-a91f2c.jsonl")
        try fixture.writePart(source: "claude", session: claudeFolder, stream: "subagents/agent-a91f2c", lines: agent, range: 1...agent.count)
        let aider = Fixtures.lines("aider-history.md")
        try fixture.writePart(source: "aider", session: "20251118-140209-2025-11-18-14-02-09", lines: aider, range: 1...aider.count, ext: "md")
        let hostile = [
            #"{"type":"user","uuid":"h1","sessionId":"hostile","cwd":"/tmp/x","timestamp":"2025-11-21T09:00:00.000Z","message":{"role":"user","content":"<script>document.title='owned'</script><img src=x onerror=alert(1)> https://evil.example/t.png"}}"#,
            #"{"type":"assistant","uuid":"h2","sessionId":"hostile","timestamp":"2025-11-21T09:00:01.000Z","message":{"id":"m","role":"assistant","model":"x\"><script>alert(2)</script>","content":[{"type":"text","text":"```\n</code></pre><script>alert(3)</script>\n```\n<iframe src=https://evil.example></iframe>"}]}}"#,
        ]
        try fixture.writePart(source: "claude", session: "20251121-090000-hostile", lines: hostile, range: 1...hostile.count)
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "Retry with strict setting")
    }

    func export(_ extra: String...) throws -> String {
        let result = try repo.convoHook(["export", "--html", "--out", out] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    func sha(_ rev: String) throws -> String { try repo.gitOK("rev-parse", rev).trimmingCharacters(in: .whitespacesAndNewlines) }

    @Test func theSiteInABrowser() throws {
        let report = try export()
        #expect(report.contains("wrote the site of 4 sessions and 2 commits to \(out)/index.html: 9 pages written, 0 unchanged"))
        #expect(SiteCheck.problems(in: out).map(\.description) == [], "every internal link resolves, nothing leaves the site")
        guard let chromium = Chromium() else { return }
        defer { chromium.removeProfile() }
        let first = try sha("HEAD~1")
        let second = try sha("HEAD")

        let index = try chromium.dumpDOM("file://\(out)/index.html")
        #expect(index.contains("<html lang=\"en\" class=\"js\">"), "the filter script ran under the page's policy")
        #expect(index.contains("<form id=\"filter\" class=\"filter\" role=\"search\" aria-label=\"Filter sessions\">"), "the filter form is shown")
        #expect(index.contains("4 of 4 sessions shown"))
        #expect(index.contains(">HTTP client retry with exponential backoff and a strict setting</a>"))
        #expect(index.contains("<a href=\"commits/\(first).html\"><code>\(first.prefix(7))</code> First stretch: retry plan</a>"))

        let session = try chromium.dumpDOM("file://\(out)/\(claudePage)")
        #expect(session.contains("Add retry with exponential backoff to the HTTP client in src/http.ts."))
        #expect(session.contains("<details class=\"thinking\"><summary>Thinking</summary>"))
        #expect(session.contains("<details class=\"result\"><summary>Result: 6 lines</summary>"))
        #expect(session.contains("Rejected by you, saying:"))
        #expect(session.contains("really? Can't we provide a setting to make the retry policy strict?"))
        #expect(session.contains("49 input · 1,389 output · 93,400 cache read · 10,600 cache write"))
        #expect(session.contains("<a href=\"../commits/\(first).html\"><code>\(first.prefix(7))</code> First stretch: retry plan</a>"))
        #expect(session.contains("<a href=\"../commits/\(second).html\"><code>\(second.prefix(7))</code> Retry with strict setting</a>"))
        #expect(session.contains("<p class=\"commit-mark\">Lines 1–12 went into"))
        #expect(session.contains("<p class=\"commit-mark\">Lines 13–25 went into"))

        let commit = try chromium.dumpDOM("file://\(out)/commits/\(first).html")
        #expect(commit.contains("<h1>Commit <code>\(first.prefix(7))</code> First stretch: retry plan</h1>"))
        #expect(commit.contains("<a href=\"../\(claudePage)#m5\">Add retry with exponential backoff"), "prompts link to their messages")
        #expect(commit.contains("Add a /health endpoint"), "the Codex session's part")

        let hostile = try chromium.dumpDOM("file://\(out)/sessions/claude-20251121-090000-hostile.html")
        #expect(!hostile.contains("<script") && !hostile.contains("<iframe") && !hostile.contains("onerror=\"") && !hostile.contains("<img"))
        #expect(hostile.contains("<title>&lt;script&gt;document.title='owned'&lt;/script&gt;"), "the title stays text")

        let shot = repo.root + "/session.png"
        try chromium.screenshot("file://\(out)/\(claudePage)", to: shot, width: 800, height: 900)
        let variety = try PNGCheck.variety(shot)
        #expect(variety.colors > 20 && variety.inked > 0.02, "the page renders text and colours, not a blank window: \(variety)")
    }

    @Test func rerunningRewritesOnlyWhatChanged() throws {
        _ = try export()
        let page = out + "/" + claudePage
        let before = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        #expect(try export().hasSuffix(": nothing changed\n"))
        // A new session in a new commit: its page, the new commit's page and the index change.
        let codex = Fixtures.lines("codex-rollout.jsonl")
        try fixture.writePart(source: "codex", session: "20251125-080000-another", lines: codex, range: 1...codex.count)
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "Another session")
        let added = try export()
        #expect(added.contains(": 3 pages written, 8 unchanged"), "\(added)")
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == before)
        // A session gone from the archive: its page goes; pages of commits that carried it say so.
        try repo.gitOK("rm", "-rq", ".claude/conversations/aider")
        try repo.gitOK("commit", "-qm", "Drop the aider session")
        let report = try export()
        #expect(report.contains(", 1 removed"), "\(report)")
        #expect(!FileManager.default.fileExists(atPath: out + "/sessions/aider-20251118-140209-2025-11-18-14-02-09.html"))
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
        // A page deleted by hand comes back; a new redaction pattern rewrites every page it changes.
        try FileManager.default.removeItem(atPath: page)
        #expect(try export().contains(": 1 page written"))
        try repo.gitOK("config", "convo.redact", "teal")
        #expect(try export().contains("pages written"))
        let redacted = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!redacted.contains("teal") && redacted.contains("the [REDACTED:custom-1] color stays"))
    }

    @Test func aRangeGetsADigestForItsPullRequest() throws {
        let report = try export("--range", "main..feature")
        #expect(report.contains("wrote the site of 3 sessions and 1 commit"), "\(report)")
        let digest = try String(contentsOfFile: out + "/digest.html", encoding: .utf8)
        let second = try sha("feature")
        #expect(digest.contains("<h1>Digest of <code>main..feature</code></h1>"))
        #expect(digest.contains("<a href=\"commits/\(second).html\"><code>\(second.prefix(7))</code> Retry with strict setting</a>"))
        #expect(!digest.contains("First stretch"), "commits outside the range are not in it")
        #expect(digest.contains("Lines 13–25; subagents/agent-a91f2c 1–6"))
        #expect(digest.contains("<h4>Prompts</h4><ol><li><a href=\"\(claudePage)#m"))
        #expect(digest.contains("<h4>Decisions: calls you refused</h4>"))
        #expect(digest.contains("really? Can&#39;t we provide a setting to make the retry policy strict?"))
        #expect(digest.contains("<h4>Files changed</h4>"))
        #expect(digest.contains("<h4>Commands run</h4>"))
        #expect(digest.contains("<span class=\"total-tokens\">"))
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"digest.html\">Digest of this range</a>"))
        #expect(!index.contains("Add a /health endpoint"), "the Codex session is not behind the range")
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
        let bad = try repo.convoHook("export", "--html", "--out", out, "--range", "nosuch..feature")
        #expect(bad.status == 1 && bad.stderr == "convo-hook: --range nosuch..feature: not a range of commits here\n")
    }

    @Test func aCommitPageShowsTheAttributionItsNoteHolds() throws {
        let first = try sha("HEAD~1")
        let second = try sha("HEAD")
        // The first commit's note as post-commit writes it (one compact JSON line); the second has none.
        let note =
            #"{"attribution":{"added":17,"edited":2,"hand":3,"rule":1,"tool":12},"sessions":[{"folder":".claude/conversations/claude/"#
            + claudeFolder + #"","lines":[{"first":1,"last":12,"stream":"main"}],"session":"claude/7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"}]}"#
        try repo.gitOK("notes", "--ref=convo", "add", "-m", note, first)
        _ = try export()
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
        guard let chromium = Chromium() else { return }
        defer { chromium.removeProfile() }
        let counted = try chromium.dumpDOM("file://\(out)/commits/\(first).html")
        #expect(
            counted.contains(
                "<dt>Lines added</dt><dd class=\"attribution\"><span class=\"added\">17 added</span>: <span class=\"tool\">12 written by tool calls</span>, "
                    + "<span class=\"edited\">2 by tool calls then edited (both)</span>, <span class=\"hand\">3 by hand</span></dd>"), "\(counted)")
        let uncounted = try chromium.dumpDOM("file://\(out)/commits/\(second).html")
        #expect(uncounted.contains("<dd class=\"attribution not-counted\">not counted (its note has no count; <code>convo-hook show \(second.prefix(7))</code> counts it)</dd>"))
        // A count noted later (show COMMIT writes it) rewrites that commit's page only.
        try repo.gitOK("notes", "--ref=convo", "add", "-m", #"{"attribution":{"added":4,"edited":0,"hand":4,"rule":1,"tool":0},"sessions":[]}"#, second)
        let report = try export()
        #expect(report.contains(": 1 page written"), "\(report)")
        #expect(try String(contentsOfFile: out + "/commits/\(second).html", encoding: .utf8).contains("<span class=\"hand\">4 by hand</span>"))
    }

    @Test func aSyncMirrorGetsItsSiteToo() throws {
        let mirror = repo.root + "/mirror"
        try FileManager.default.createDirectory(atPath: mirror, withIntermediateDirectories: true)
        let sync = try repo.convoHook("sync", "--to", mirror)
        #expect(sync.status == 0, "\(sync.stderr)")
        let result = try repo.convoHook("export", "--html", "--dir", mirror, "--out", out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote the site of 4 sessions and 0 commits"), "\(result.stdout)")
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"sessions/repo-claude-\(claudeFolder).html\">HTTP client retry"))
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
    }

    @Test func serveAnswersFromMemoryOnLoopbackOnly() throws {
        let server = try LoopbackServer([Products.convoHook, "serve", "--port", "0"], in: repo.path, environment: repo.environment)
        let index = try server.get("/")
        #expect(index.status == 200 && String(decoding: index.body, as: UTF8.self).contains("HTTP client retry with exponential backoff"))
        _ = try export()
        let page = try server.get("/" + claudePage)
        #expect(page.status == 200)
        #expect(page.body == Array(try Data(contentsOf: URL(fileURLWithPath: out + "/" + claudePage))), "the same page as export writes")
        #expect(try server.get("/", host: "evil.example:\(server.port)").status == 403, "DNS rebinding is refused")
        #expect(try server.get("/../../etc/passwd").status == 404)
        #expect(try server.get("/", method: "POST").status == 405)
        // A new commit shows at the next request.
        let codex = Fixtures.lines("codex-rollout.jsonl")
        try fixture.writePart(source: "codex", session: "20251125-080000-another", lines: codex, range: 1...codex.count)
        try repo.gitOK("add", "-A")
        try repo.gitOK("commit", "-qm", "Served fresh")
        #expect(String(decoding: try server.get("/index.html").body, as: UTF8.self).contains("Served fresh"))
        guard let chromium = Chromium() else { return }
        defer { chromium.removeProfile() }
        let dom = try chromium.dumpDOM("http://127.0.0.1:\(server.port)/\(claudePage)")
        #expect(dom.contains("Rejected by you, saying:") && dom.contains("<details class=\"subagent\">"))
    }
}
