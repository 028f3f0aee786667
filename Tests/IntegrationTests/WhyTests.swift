import Foundation
import TestSupport
import Testing

/// `convo-hook why` and the attribution the post-commit hook notes, on sessions whose tool calls wrote
/// known lines into files committed through the real hooks.
@Suite struct WhyTests {
    let repo: TemporaryRepository
    let session: ClaudeTranscript
    let cache: String

    /// cache.py as the tool wrote it, then with a get method by Edit and one line typed by hand.
    static let written = "class Cache:\n    def __init__(self, capacity):\n        self.capacity = capacity\n        self.items = {}\n"
    static let getMethod = "\n    def get(self, key):\n        return self.items.get(key)\n"

    init() throws {
        repo = try TemporaryRepository()
        // Commits dated after every recorded call, whatever this machine's clock says.
        repo.environment["GIT_COMMITTER_DATE"] = "2027-01-01T12:00:00Z"
        repo.environment["GIT_AUTHOR_DATE"] = "2027-01-01T12:00:00Z"
        try repo.commitBaseAndInstall()
        cache = repo.path + "/cache.py"
        session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "5e55-why", prompt: "Add an LRU cache module")
        try session.write(
            cache, WhyTests.written, id: "t1", says: "I'll create cache.py with a capacity.", thinking: "A dict keeps insertion order.",
            at: "2026-11-25T10:01:00.000Z")
        try session.prompt("Add a get method", at: "2026-11-25T10:02:00.000Z")
        try session.edit(cache, "        self.items = {}\n", "        self.items = {}\n" + WhyTests.getMethod, id: "t2", says: "Adding get.", at: "2026-11-25T10:02:30.000Z")
        try repo.write("cache.py", WhyTests.written + WhyTests.getMethod + "    # checked by hand\n")
        try repo.gitOK("add", "cache.py")
        try repo.gitOK("commit", "-q", "-m", "cache")
    }

    private func why(_ target: String, _ more: String...) throws -> [String: Any] {
        let result = try repo.convoHook(["why", target, "--json"] + more)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func lines(_ report: [String: Any]) -> [[String: Any]] { report["lines"] as? [[String: Any]] ?? [] }
    private func origins(_ report: [String: Any]) -> [[String: Any]] { report["origins"] as? [[String: Any]] ?? [] }

    @Test func aToolLineNamesThePromptTheReasoningAndTheCommit() throws {
        let report = try why("cache.py:3")
        let line = try #require(lines(report).first)
        #expect(line["verdict"] as? String == "tool")
        #expect(line["commit"] as? String == (try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)))
        let origin = try #require(origins(report).first)
        #expect(origin["prompt"] as? String == "Add an LRU cache module")
        #expect(origin["reasoning"] as? String == "I'll create cache.py with a capacity.")
        #expect(origin["thinking"] as? String == "A dict keeps insertion order.")
        #expect(origin["tool"] as? String == "Write")
        #expect(origin["session"] as? String == "claude/5e55-why")
        #expect(origin["callTime"] as? String == "2026-11-25T10:01:00.000Z")

        let get = try why("cache.py:7", "--no-thinking")
        #expect(origins(get).first?["prompt"] as? String == "Add a get method")
        #expect(origins(get).first?["tool"] as? String == "Edit")
        #expect(origins(get).first?["thinking"] is NSNull)

        let text = try repo.convoHook("why", "cache.py:3").stdout
        #expect(text.contains("cache.py:3  written by [1] Write in claude/5e55-why"))
        #expect(text.contains("      > Add an LRU cache module"))
        #expect(text.contains("      > I'll create cache.py with a capacity."))
    }

    @Test func aHandWrittenLineSaysSo() throws {
        let report = try why("cache.py:8")
        #expect(lines(report).first?["verdict"] as? String == "hand")
        #expect(origins(report).isEmpty)
        let text = try repo.convoHook("why", "cache.py:8").stdout
        #expect(text.contains("cache.py:8  by hand · commit "))
        let all = try why("cache.py")
        #expect(all["counts"] as? [String: Int] == ["tool": 6, "edited": 0, "hand": 1, "uncommitted": 0])
    }

    @Test func theNoteCountsWhoWroteTheCommitsLinesAsByHand() throws {
        // Counted by hand: 4 written lines + 2 of get (blank lines are not counted) = 6 by the tool, 1 by hand.
        let note = try repo.gitOK("notes", "--ref=convo", "show", "HEAD")
        let attribution = try #require(try noteAttribution(note))
        #expect(attribution == ["added": 7, "tool": 6, "edited": 0, "hand": 1, "rule": 1])

        // A second commit: one tool line changed before committing, one line by hand, one by the tool as is.
        try session.prompt("Add put and size", at: "2026-11-25T10:03:00.000Z")
        let put = "\n    def put(self, key, value):\n        self.items[key] = value\n\n    def size(self):\n        return len(self.items)\n"
        try session.edit(cache, "        return self.items.get(key)\n", "        return self.items.get(key)\n" + put, id: "t3", at: "2026-11-25T10:03:30.000Z")
        let edited = put.replacingOccurrences(of: "self.items[key] = value", with: "self.items[key] = value  # overwrite")
        try repo.write("cache.py", WhyTests.written + WhyTests.getMethod + edited + "    # checked by hand\n    LIMIT = 10\n")
        try repo.gitOK("commit", "-q", "-am", "put")
        let second = try #require(try noteAttribution(try repo.gitOK("notes", "--ref=convo", "show", "HEAD")))
        #expect(second == ["added": 5, "tool": 3, "edited": 1, "hand": 1, "rule": 1])

        let show = try repo.convoHook("show", "HEAD")
        #expect(show.stdout.contains("5 lines added: 3 by tool calls, 1 edited after, 1 by hand"), "\(show.stdout.prefix(400))")
    }

    @Test func attributionOffLeavesTheCountToReaders() throws {
        try repo.gitOK("config", "convo.attribution", "false")
        try session.prompt("Add a size method", at: "2026-11-25T10:05:00.000Z")
        let size = "\n    def size(self):\n        return len(self.items)\n"
        try session.edit(cache, "        return self.items.get(key)\n", "        return self.items.get(key)\n" + size, id: "t5", at: "2026-11-25T10:05:30.000Z")
        try repo.write("cache.py", WhyTests.written + WhyTests.getMethod + size + "    # checked by hand\n")
        try repo.gitOK("commit", "-q", "-am", "size")
        #expect(try noteAttribution(try repo.gitOK("notes", "--ref=convo", "show", "HEAD")) == nil)
        #expect(try repo.convoHook("show", "HEAD").stdout.contains("2 lines added: 2 by tool calls"))
    }

    /// A session archived with more at once than a commit reads (here its first 2.4 MB): post-commit leaves
    /// the count out rather than read it all, and Claude Code's hooks fill the cache between turns, so the
    /// next commit is counted again.
    @Test func aBigSessionIsCountedAgainOnceTheAssistantsHookCaughtUp() throws {
        let big = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "b16-session", prompt: "Read the logs")
        let filler = String(repeating: "log line with nothing written ", count: 400)
        for i in 0..<200 { try big.append(role: "assistant", text: "\(i) \(filler)") }
        let module = repo.path + "/big.py"
        try big.write(module, "def first():\n    return 1\n", id: "b1", at: "2026-11-25T11:00:00.000Z")
        try repo.write("big.py", "def first():\n    return 1\n")
        try repo.gitOK("add", "big.py")
        try repo.gitOK("commit", "-q", "-m", "big first")
        #expect(try noteAttribution(try repo.gitOK("notes", "--ref=convo", "show", "HEAD")) == nil, "2.4 MB to read: left to readers")

        try big.write(module, "def first():\n    return 1\n\ndef second():\n    return 2\n", id: "b2", at: "2026-11-25T11:01:00.000Z")
        try repo.write("big.py", "def first():\n    return 1\n\ndef second():\n    return 2\n")
        let input = "{\"session_id\":\"b16-session\",\"cwd\":\"\(repo.path)\",\"hook_event_name\":\"SessionEnd\"}"
        let hook = try repo.convoHook(["capture", "--hook-input"], input: input)
        #expect(hook.status == 0 && hook.stderr.isEmpty, "\(hook.stderr)")
        try repo.gitOK("commit", "-q", "-am", "big second")
        let counted = try #require(try noteAttribution(try repo.gitOK("notes", "--ref=convo", "show", "HEAD")))
        #expect(counted == ["added": 2, "tool": 2, "edited": 0, "hand": 0, "rule": 1], "\(counted)")
    }

    @Test func theSitesCommitPageShowsWhatTheHookCounted() throws {
        let head = try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let out = repo.root + "/site"
        let export = try repo.convoHook("export", "--html", "--out", out)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
        guard let chromium = Chromium() else { return }
        defer { chromium.removeProfile() }
        let page = try chromium.dumpDOM("file://\(out)/commits/\(head).html")
        #expect(
            page.contains(
                "<span class=\"added\">7 added</span>: <span class=\"tool\">6 written by tool calls</span>, "
                    + "<span class=\"edited\">0 by tool calls then edited (both)</span>, <span class=\"hand\">1 by hand</span>"), "\(page)")
    }

    @Test func attributionMissingFromANoteIsCountedWrittenAndShownByLogAndStats() throws {
        let head = try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let note = try repo.gitOK("notes", "--ref=convo", "show", "HEAD")
        // A note as an older convo-hook wrote it: sessions only.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(note.utf8)) as? [String: Any])
        let old = String(decoding: try JSONSerialization.data(withJSONObject: ["sessions": object["sessions"] as Any]), as: UTF8.self)
        try repo.gitOK("notes", "--ref=convo", "add", "-f", "-m", old + "\nreviewed-by: someone", "HEAD")
        #expect(try noteAttribution(try repo.gitOK("notes", "--ref=convo", "show", "HEAD")) == nil)

        let log = try repo.convoHook("log", "--json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(entries.first?["attribution"] is NSNull, "log shows what notes hold")

        let stats = try repo.convoHook("stats", "--by", "commit", "--json")
        #expect(stats.status == 0, "\(stats.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["key"] as? String == head)
        #expect(rows.first?["attribution"] as? [String: Int] == ["added": 7, "tool": 6, "edited": 0, "hand": 1, "rule": 1])
        let rewritten = try repo.gitOK("notes", "--ref=convo", "show", "HEAD")
        #expect(try noteAttribution(rewritten) == ["added": 7, "tool": 6, "edited": 0, "hand": 1, "rule": 1])
        #expect(rewritten.contains("reviewed-by: someone"), "other lines of the note are kept")

        let logAfter = try repo.convoHook("log", "--json")
        let entry = try #require((try JSONSerialization.jsonObject(with: Data(logAfter.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(entry["attribution"] as? [String: Int] == ["added": 7, "tool": 6, "edited": 0, "hand": 1, "rule": 1])
        #expect(try repo.convoHook("log").stdout.contains("code +7: 6 tool, 0 edited, 1 by hand"))
        let branches = try repo.convoHook("stats", "--by", "branch").stdout
        #expect(branches.contains("lines added: tool/edited/hand"))
        #expect(branches.contains("7: 6/0/1"))
    }

    @Test func aLineSurvivesARenameAndALaterEditByHand() throws {
        try repo.gitOK("mv", "cache.py", "lru.py")
        try repo.gitOK("commit", "-q", "-m", "rename")
        var report = try why("lru.py:3")
        #expect(lines(report).first?["verdict"] as? String == "tool")
        #expect(lines(report).first?["path"] as? String == "cache.py")
        #expect(origins(report).first?["prompt"] as? String == "Add an LRU cache module")

        let text = try String(contentsOfFile: repo.path + "/lru.py", encoding: .utf8)
        try repo.write("lru.py", text.replacingOccurrences(of: "self.capacity = capacity", with: "self.capacity = max(1, capacity)"))
        try repo.gitOK("commit", "-q", "-am", "guard the capacity")
        report = try why("lru.py:3")
        let line = try #require(lines(report).first)
        #expect(line["verdict"] as? String == "edited")
        #expect(line["written"] as? String == "self.capacity = capacity")
        #expect(line["writtenIn"] as? String == (try repo.gitOK("rev-parse", "HEAD~2").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(line["commit"] as? String == (try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(origins(report).first?["prompt"] as? String == "Add an LRU cache module")
    }

    @Test func aLineSurvivesARebaseWithItsNote() throws {
        try repo.gitOK("checkout", "-q", "-b", "feature")
        try session.prompt("Add a clear method", at: "2026-11-25T10:04:00.000Z")
        try session.edit(
            cache, "        self.items = {}\n", "        self.items = {}\n\n    def clear(self):\n        self.items.clear()\n", id: "t4", at: "2026-11-25T10:04:30.000Z")
        var text = try String(contentsOfFile: cache, encoding: .utf8)
        text = text.replacingOccurrences(of: "        self.items = {}\n", with: "        self.items = {}\n\n    def clear(self):\n        self.items.clear()\n")
        try repo.write("cache.py", text)
        try repo.gitOK("commit", "-q", "-am", "clear")
        let before = try repo.gitOK("rev-parse", "HEAD")
        try repo.gitOK("checkout", "-q", "main")
        try repo.write("NOTES.md", "unrelated\n")
        try repo.gitOK("add", "NOTES.md")
        try repo.gitOK("commit", "-q", "--no-verify", "-m", "notes")
        try repo.gitOK("checkout", "-q", "feature")
        try repo.gitOK("rebase", "-q", "main")
        let after = try repo.gitOK("rev-parse", "HEAD")
        #expect(before != after)
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains("\"attribution\""))
        let report = try why("cache.py:7")
        #expect(lines(report).first?["verdict"] as? String == "tool")
        #expect(lines(report).first?["commit"] as? String == after.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(origins(report).first?["prompt"] as? String == "Add a clear method")
    }

    @Test func aCodexPatchLeadsBackToItsPrompt() throws {
        let codex = try CodexToolSession(codexHome: repo.home + "/.codex", cwd: repo.path, started: "2026-11-26T08:00:00.000Z")
        try codex.message("user", "Add a health check module", at: "2026-11-26T08:00:05.000Z")
        try codex.applyPatch(
            "*** Begin Patch\n*** Add File: health.py\n+def health():\n+    return {\"db\": \"ok\"}\n*** End Patch\n", id: "call_1",
            reasoning: "**Planning**\n\nA function returning a dict is enough.", at: "2026-11-26T08:00:10.000Z")
        try repo.write("health.py", "def health():\n    return {\"db\": \"ok\"}\n")
        try repo.gitOK("add", "health.py")
        try repo.gitOK("commit", "-q", "-m", "health")
        let report = try why("health.py")
        #expect(lines(report).map { $0["verdict"] as? String } == ["tool", "tool"])
        let origin = try #require(origins(report).first)
        #expect(origin["prompt"] as? String == "Add a health check module")
        #expect(origin["tool"] as? String == "apply_patch")
        #expect(origin["session"] as? String == "codex/" + codex.sessionID)
        #expect((origin["thinking"] as? String)?.contains("A function returning a dict") == true)
    }

    @Test func refModeNotesAttributionAndWhyReadsTheArchiveRef() throws {
        let ref = try TemporaryRepository()
        ref.environment["GIT_COMMITTER_DATE"] = "2027-01-01T12:00:00Z"
        ref.environment["GIT_AUTHOR_DATE"] = "2027-01-01T12:00:00Z"
        try ref.write("README", "hello\n")
        try ref.gitOK("add", "README")
        try ref.gitOK("commit", "-qm", "base")
        #expect(try ref.convoHook("install", "--mode", "ref").status == 0)
        let s = try ClaudeTranscript(configDir: ref.home + "/.claude", cwd: ref.path, sessionID: "re-f", prompt: "Write the config loader")
        try s.write(ref.path + "/config.py", "def load(path):\n    return open(path).read()\n", id: "w1", at: "2026-11-25T10:01:00.000Z")
        try ref.write("config.py", "def load(path):\n    return open(path).read()\n")
        try ref.gitOK("add", "config.py")
        try ref.gitOK("commit", "-q", "-m", "loader")
        // The next commit's call is read from this commit's parts only: the cache remembers the first.
        try s.prompt("Strip the text", at: "2026-11-25T10:02:00.000Z")
        try s.edit(ref.path + "/config.py", "    return open(path).read()\n", "    return open(path).read().strip()\n", id: "e1", at: "2026-11-25T10:02:30.000Z")
        try ref.write("config.py", "def load(path):\n    return open(path).read().strip()\n# by hand\n")
        try ref.gitOK("commit", "-q", "-am", "strip")
        #expect(!FileManager.default.fileExists(atPath: ref.path + "/.claude"))
        #expect(try noteAttribution(try ref.gitOK("notes", "--ref=convo", "show", "HEAD~1")) == ["added": 2, "tool": 2, "edited": 0, "hand": 0, "rule": 1])
        #expect(try noteAttribution(try ref.gitOK("notes", "--ref=convo", "show", "HEAD")) == ["added": 2, "tool": 1, "edited": 0, "hand": 1, "rule": 1])
        let result = try ref.convoHook("why", "config.py", "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(lines(report).map { $0["verdict"] as? String } == ["tool", "tool", "hand"])
        #expect(origins(report).map { $0["prompt"] as? String } == ["Write the config loader", "Strip the text"])
    }

    @Test func badTargetsFailWithOneLine() throws {
        let missing = try repo.convoHook("why", "nope.py")
        #expect(missing.status == 1)
        #expect(missing.stderr == "convo-hook: nope.py: no such file\n")
        let range = try repo.convoHook("why", "cache.py:9,3")
        #expect(range.status == 2)
        #expect(range.stderr.hasPrefix("convo-hook: cache.py:9,3: a line range"))
    }

    private func noteAttribution(_ note: String) throws -> [String: Int]? {
        for line in note.split(separator: "\n") {
            let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
            if let attribution = object?["attribution"] as? [String: Int] { return attribution }
        }
        return nil
    }
}
