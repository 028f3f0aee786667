import Foundation
import TestSupport
import Testing

@testable import HookKit

/// The site's pages rendered from fixture sessions (no git history: the git side is in IntegrationTests'
/// SiteTests, with a real browser): every event of the model on the session page, markup in archived text
/// kept as text, kept images inline only as raster data, long sessions paged at prompts, redaction.
@Suite struct SiteRenderTests {
    let fixture: FixtureArchive

    init() throws {
        fixture = try FixtureArchive()
        try fixture.writeSampleSessions()
    }

    func site(redaction: SiteRedaction = .none, session: String? = nil) throws -> ArchiveSite {
        let archive = ConversationArchive(
            reader: ArchiveReader(storage: FolderStorage(root: fixture.root), layout: .repository(root: fixture.archiveDir)),
            repository: nil, archiveRoot: fixture.archiveDir, place: "fixture", cachePath: nil)
        return try ArchiveSite(archive: archive, history: SiteHistory(), prices: .builtin, redaction: redaction, range: nil, session: session)
    }

    func page(_ site: ArchiveSite, _ source: String) throws -> String {
        let session = try #require(site.sessions.first { $0.source == source })
        let pages = site.sessionPages(session)
        #expect(pages.count == 1)
        return String(decoding: try #require(pages.first).bytes, as: UTF8.self)
    }

    @Test func aSessionPageShowsEveryEventOfTheModel() throws {
        let html = try page(try site(), "claude")
        #expect(html.contains("<h1>HTTP client retry with exponential backoff and a strict setting</h1>"))
        // Prompts as typed, with their anchor and time.
        #expect(
            html.contains(
                "<article class=\"msg you\" id=\"m5\"><h3>You <span class=\"when\"><a href=\"#m5\"><time datetime=\"2025-11-19T10:00:00.000Z\">10:00:00</time></a></span></h3>"))
        #expect(html.contains("Add retry with exponential backoff to the HTTP client in src/http.ts.\n\nKeep it under 50 lines"))
        #expect(html.contains("<h3>You ran a command"))
        // Thinking folded, replies as prose, tokens and model per message.
        #expect(html.contains("<details class=\"thinking\"><summary>Thinking</summary><div class=\"prose\"><p>The client has no retry."))
        #expect(html.contains("<span class=\"model\">claude-sonnet-4-5-20250929</span> <span class=\"tokens\">344 tokens out, 16,012 in</span>"))
        // Tool calls with their full results folded, errors in full, the person's rejection words in full.
        #expect(html.contains("<details class=\"result\"><summary>Result: 6 lines</summary><pre>     1→import { fetch } from &#39;undici&#39;;"))
        #expect(html.contains("<p class=\"error-label\"><strong>Error</strong>:</p><pre class=\"error\">Exit code 1\nFAIL test/retry.test.ts"))
        #expect(
            html.contains(
                "<p><strong>Rejected by you, saying:</strong></p><blockquote class=\"typed\">really? Can&#39;t we provide a setting to make the retry policy strict? The badge stays teal, we picked teal because it passes contrast checks.</blockquote>"
            ))
        // An edit as a change, a todo list, the subagent's transcript under its Task call, images as placeholders.
        #expect(html.contains("<pre class=\"diff\"><del>-   return fetch(url);\n</del><ins>+ "))
        #expect(html.contains("<li class=\"doing\"><span class=\"state\">in progress:</span> Add retry with backoff</li>"))
        let task = try #require(html.range(of: "<span class=\"tool-name\">Task</span>"))
        let sub = try #require(html.range(of: "<details class=\"subagent\"><summary>Subagent transcript: Survey retry settings <code>subagents/agent-a91f2c</code></summary>"))
        #expect(task.lowerBound < sub.lowerBound)
        #expect(html.contains("<article class=\"msg agent\" id=\"s-agent-a91f2c-m1\"><h4>Instructions from the main agent"))
        #expect(html.contains("<p class=\"image\">[image image/png, 52134 bytes, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08]</p>"))
        #expect(html.contains("<section class=\"compaction\""))
        // Header: totals, no commit yet.
        #expect(html.contains("<dd class=\"total-tokens\">49 input · 1,389 output · 93,400 cache read · 10,600 cache write</dd>"))
        #expect(html.contains("No commit carries this session yet."))
        // Headings in order: h1, then h2, then h3, nested h4.
        let levels = html.matches(of: /<h([1-6])[ >]/).map { Int($0.1)! }
        for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "heading h\(a) followed by h\(b)") }
    }

    @Test func everyAnchorIsUniqueAndEveryPageKeepsToTheSite() throws {
        let site = try site()
        let out = fixture.root + "/site"
        _ = try SiteExport.write(site, to: out)
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
        for file in SiteCheck.pages(in: out) where file.hasSuffix(".html") {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            let ids = SiteCheck.values(of: "id", in: text)
            #expect(Set(ids).count == ids.count, "\(file) repeats an id")
            #expect(text.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"))
            #expect(text.contains("<main id=\"main\">") && text.contains("<html lang=\"en\">"))
        }
    }

    @Test func markupInArchivedTextStaysText() throws {
        let hostile = Self.hostileSession
        try fixture.writePart(source: "claude", session: "20251121-090000-hostile", lines: hostile, range: 1...hostile.count)
        let html = try page(try site(), "claude")  // newest first: the hostile session
        #expect(html.contains("&lt;/title&gt;&lt;script&gt;alert(8)&lt;/script&gt;"))
        for forbidden in ["<script", "<iframe", "<svg", "<img src=x", "<b ", "<details open", "href=\"http", "src=\"http", "src=\"//"] {
            #expect(!html.lowercased().contains(forbidden), "\(forbidden) reached the page as markup")
        }
        for attribute in ["onerror", "onload", "onmouseover"] { #expect(SiteCheck.values(of: attribute, in: html).isEmpty, "\(attribute)=") }
        #expect(SiteCheck.values(of: "href", in: html).allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("../") || $0.hasSuffix(".css") })
        // Only the kept PNG is shown as an image; the SVG, the odd media type and the payload that is not base64 stay placeholders.
        #expect(SiteCheck.values(of: "src", in: html) == ["data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="])
        #expect(html.contains("[image image/svg+xml"))
        #expect(html.contains("<code>&lt;/code&gt;&lt;/pre&gt;</code>"), "a code span closing tags is text")
        #expect(html.contains("<pre class=\"code\"><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;</code></pre>"))
        #expect(html.contains("\u{FFFD}"), "a control character becomes U+FFFD")
    }

    @Test func longSessionsArePagedAtPromptsWithContentsAcrossPages() throws {
        var lines: [String] = []
        for k in 1...60 {
            lines.append(Self.claude(user: "Prompt number \(k): check the output", uuid: "u\(k)", time: "2025-11-22T10:\(String(format: "%02d", k % 60)):00.000Z"))
            lines.append(Self.claude(assistantCall: "toolu_\(k)", command: "cat big-\(k).log", uuid: "a\(k)", time: "2025-11-22T10:\(String(format: "%02d", k % 60)):01.000Z"))
            lines.append(Self.claude(result: "toolu_\(k)", text: String(repeating: "line of output \(k) ", count: 300), uuid: "r\(k)"))
        }
        try fixture.writePart(source: "claude", session: "20251122-100000-long", lines: lines, range: 1...lines.count)
        let site = try site(session: "long")
        site.pageBytes = 100_000
        let pages = site.sessionPages(try #require(site.sessions.first))
        #expect(pages.count >= 3, "about 360 kB of results at 100 kB a page")
        #expect(pages.map(\.path).first == "sessions/claude-20251122-100000-long.html")
        #expect(pages.map(\.path).last == "sessions/claude-20251122-100000-long-p\(pages.count).html")
        for (k, page) in pages.enumerated() {
            let html = String(decoding: page.bytes, as: UTF8.self)
            #expect(page.bytes.count < 2 * site.pageBytes)
            #expect(html.contains("<nav class=\"pages\" aria-label=\"Pages of this session\">"))
            #expect(html.contains("<span aria-current=\"page\">\(k + 1)</span>"))
            // Each page but the first starts with a prompt a person typed.
            if k > 0 { #expect(html.range(of: "<article class=\"msg you\"")!.lowerBound < html.range(of: "<article class=\"msg assistant\"")!.lowerBound) }
        }
        let out = fixture.root + "/site"
        _ = try SiteExport.write(site, to: out)
        #expect(SiteCheck.problems(in: out).map(\.description) == [], "contents links reach messages on later pages")
        let first = try String(contentsOfFile: out + "/" + pages[0].path, encoding: .utf8)
        #expect(first.contains("href=\"claude-20251122-100000-long-p\(pages.count).html#m"))
    }

    @Test func everythingWrittenPassesThroughRedaction() throws {
        let token = "ghp_" + "Zq8LmN3pXw7Rt2Ys5Vb9Kd4Hf6Jc1Ae0Gu2T"
        let lines = [
            Self.claude(user: "deploy with \(token) and teal-secret-42", uuid: "u1", time: "2025-11-23T10:00:00.000Z"),
            Self.claude(assistantCall: "toolu_1", command: "echo \(token)", uuid: "a1", time: "2025-11-23T10:00:01.000Z"),
        ]
        try fixture.writePart(source: "claude", session: "20251123-100000-secret", lines: lines, range: 1...lines.count)
        let redaction = SiteRedaction(redactor: try Redactor(config: RedactionConfig(extraPatterns: ["teal-secret-[0-9]+"])))
        let site = try site(redaction: redaction)
        let out = fixture.root + "/site"
        _ = try SiteExport.write(site, to: out)
        for file in SiteCheck.pages(in: out) {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(!text.contains(token) && !text.contains("teal-secret-42"), "\(file)")
        }
        let page = try String(contentsOfFile: out + "/sessions/claude-20251123-100000-secret.html", encoding: .utf8)
        #expect(page.contains("deploy with [REDACTED:github-pat] and [REDACTED:custom-1]"))
    }

    @Test func proseKeepsCodeBlocksSpansAndStrongAndNothingElse() {
        var w = HTMLWriter(redaction: .none)
        ProseHTML.write(
            "Intro with `a <b>` and **bold `x`**.\n\n```swift\nlet x = \"<p>\"\n```\n# Heading\n- item [link](https://example.com)\n\n````\n```\nstill code\n````\n**unclosed and `odd",
            into: &w)
        let html = String(decoding: w.bytes, as: UTF8.self)
        #expect(
            html
                == "<p>Intro with <code>a &lt;b&gt;</code> and <strong>bold <code>x</code></strong>.</p>"
                + "<pre class=\"code\"><code>let x = &quot;&lt;p&gt;&quot;</code></pre>"
                + "<p># Heading\n- item [link](https://example.com)</p>"
                + "<pre class=\"code\"><code>```\nstill code</code></pre>"
                + "<p>**unclosed and `odd</p>")
    }

    // MARK: fixtures

    static func claude(user text: String, uuid: String, time: String) -> String {
        #"{"type":"user","sessionId":"s","cwd":"/home/dev/acme-api","uuid":"\#(uuid)","timestamp":"\#(time)","message":{"role":"user","content":\#(json(text))}}"#
    }

    static func claude(assistantCall id: String, command: String, uuid: String, time: String) -> String {
        #"{"type":"assistant","sessionId":"s","uuid":"\#(uuid)","timestamp":"\#(time)","message":{"id":"msg_\#(uuid)","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"\#(id)","name":"Bash","input":{"command":\#(json(command))}}],"usage":{"input_tokens":10,"output_tokens":20}}}"#
    }

    static func claude(result id: String, text: String, uuid: String) -> String {
        #"{"type":"user","sessionId":"s","uuid":"\#(uuid)","timestamp":"2025-11-22T11:00:00.000Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"\#(id)","content":\#(json(text))}]}}"#
    }

    static func json(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast().description
    }

    /// Claude Code records (shapes of claude-main.jsonl) whose every text field tries to become markup.
    static let hostileSession: [String] = [
        #"{"type":"summary","summary":"</title><script>alert(8)</script>","leafUuid":"h1"}"#,
        #"{"type":"user","uuid":"h1","sessionId":"hostile","cwd":"/tmp/x","timestamp":"2025-11-21T09:00:00.000Z","message":{"role":"user","content":"<script>alert('prompt')</script> \"><img src=x onerror=alert(1)> [x](javascript:alert(2)) <details open> https://evil.example/t.png \u0007"}}"#,
        #"{"type":"assistant","uuid":"h2","sessionId":"hostile","timestamp":"2025-11-21T09:00:01.000Z","message":{"id":"msg_h","role":"assistant","model":"claude\"><script>alert(6)</script>","content":[{"type":"thinking","thinking":"</details><script>alert(0)</script>"},{"type":"text","text":"Code: `</code></pre>`\n\n```\n</code></pre><script>alert(3)</script>\n```\n\n**</strong><iframe src=//evil.example>** <img src=https://evil.example/a.png>"},{"type":"tool_use","id":"toolu_h","name":"<b onmouseover=alert(4)>Bash","input":{"command":"echo '</pre><script>alert(5)</script>'"}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
        #"{"type":"user","uuid":"h3","sessionId":"hostile","timestamp":"2025-11-21T09:00:02.000Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_h","is_error":true,"content":"</pre></details><script>alert(7)</script>"}]}}"#,
        #"{"type":"user","uuid":"h4","sessionId":"hostile","timestamp":"2025-11-21T09:00:03.000Z","message":{"role":"user","content":[{"type":"text","text":"pictures"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="}},{"type":"image","source":{"type":"base64","media_type":"image/svg+xml","data":"PHN2ZyBvbmxvYWQ9YWxlcnQoOSk+"}},{"type":"image","source":{"type":"base64","media_type":"image/png\" onerror=\"alert(10)","data":"AAAA"}},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"x\" onerror=\"alert(11)"}}]}}"#,
    ]
}
