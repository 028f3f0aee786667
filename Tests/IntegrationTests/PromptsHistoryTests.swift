import Foundation
import TestSupport
import Testing

/// `convo-hook prompts` (and its replay script) and `convo-hook history` on sessions committed through the hooks.
@Suite struct PromptsHistoryTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        repo.environment["GIT_COMMITTER_DATE"] = "2026-11-25T09:00:00Z"
        repo.environment["GIT_AUTHOR_DATE"] = "2026-11-25T09:00:00Z"
        try repo.write("specs/cache.md", "# Cache\n\nEvict the least recently used entry.\n")
        try repo.commitBaseAndInstall()
        try repo.gitOK("add", "specs/cache.md")
        try repo.gitOK("commit", "-q", "-m", "spec")
        // Everything after the spec is dated after the sessions' records.
        repo.environment["GIT_COMMITTER_DATE"] = "2027-01-01T12:00:00Z"
        repo.environment["GIT_AUTHOR_DATE"] = "2027-01-01T12:00:00Z"
    }

    private func head() throws -> String { try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines) }

    @Test func promptsAreThePersonsInOrderWithoutInjectedTextAndReplayInOrder() throws {
        let s = try ClaudeTranscript(
            configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "9a1-prompts", prompt: "Implement the cache in @specs/cache.md")
        try s.append(role: "user", text: "<system-reminder>\nThe user opened cache.py\n</system-reminder>", timestamp: "2026-11-25T10:00:01.000Z")
        try s.write(repo.path + "/cache.py", "class Cache:\n    pass\n", id: "t1", at: "2026-11-25T10:01:00.000Z")
        try s.append(role: "user", text: "<local-command-stdout>tests passed</local-command-stdout>", timestamp: "2026-11-25T10:01:30.000Z")
        try s.prompt("Now make it thread-safe, and don't forget the 'lock' test", at: "2026-11-25T10:02:00.000Z")
        try s.prompt("-v is not a flag here: document it", at: "2026-11-25T10:03:00.000Z")
        try repo.write("cache.py", "class Cache:\n    pass\n")
        try repo.gitOK("add", "cache.py")
        try repo.gitOK("commit", "-q", "-m", "cache")

        let md = try repo.convoHook("prompts", "9a1-prompts")
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("## 1 · 2026-11-25 10:00:00\n\n> Implement the cache in @specs/cache.md\n\nFiles: `specs/cache.md` (mentioned)"))
        #expect(md.stdout.contains("## 2 · 2026-11-25 10:02:00\n\n> Now make it thread-safe"))
        #expect(!md.stdout.contains("system-reminder") && !md.stdout.contains("tests passed"))
        let specs = try repo.convoHook("prompts", "9a1-prompts", "--with-specs").stdout
        #expect(specs.contains("Evict the least recently used entry."))

        let sh = try repo.convoHook("prompts", "9a1-prompts", "--format", "sh", "--with-specs")
        #expect(sh.status == 0, "\(sh.stderr)")
        let spec = try repo.gitOK("rev-parse", "HEAD~1").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(sh.stdout.contains("git show '\(spec):specs/cache.md' > 'specs/cache.md'"))
        #expect(sh.stdout.contains("claude -p $CLAUDE_FLAGS 'Implement the cache in @specs/cache.md'\n"))
        #expect(sh.stdout.contains("claude -p --continue $CLAUDE_FLAGS 'Now make it thread-safe, and don'\\''t forget the '\\''lock'\\'' test'\n"))
        #expect(!sh.stdout.contains("system-reminder") && !sh.stdout.contains("tests passed"))

        // The script runs each step after the one before, with the prompts as typed.
        let bin = repo.root + "/fake-bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try repo.write(bin + "/claude", "#!/bin/sh\nsleep 0.2\nfor a in \"$@\"; do printf '[%s]' \"$a\"; done >> \"$REPLAY_LOG\"\necho >> \"$REPLAY_LOG\"\n", mode: 0o755)
        try repo.write(repo.root + "/replay.sh", sh.stdout, mode: 0o755)
        var environment = repo.environment
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "")
        environment["REPLAY_LOG"] = repo.root + "/replay.log"
        let run = try Shell.run(["sh", repo.root + "/replay.sh"], in: repo.path, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let log = try String(contentsOfFile: repo.root + "/replay.log", encoding: .utf8)
        #expect(
            log == """
                [-p][--permission-mode][acceptEdits][Implement the cache in @specs/cache.md]
                [-p][--continue][--permission-mode][acceptEdits][Now make it thread-safe, and don't forget the 'lock' test]
                [-p][--continue][--permission-mode][acceptEdits][--][-v is not a flag here: document it]

                """)
    }

    @Test func codexPromptsReplayWithExecAndResume() throws {
        let codex = try CodexToolSession(codexHome: repo.home + "/.codex", cwd: repo.path, sessionID: "019a-codex", started: "2026-11-26T08:00:00.000Z")
        try codex.message("user", "Add a health endpoint", at: "2026-11-26T08:00:05.000Z")
        try codex.message("assistant", "Done.", at: "2026-11-26T08:00:09.000Z")
        try codex.message("user", "Now test it", at: "2026-11-26T08:01:00.000Z")
        try repo.write("x.txt", "x\n")
        try repo.gitOK("add", "x.txt")
        try repo.gitOK("commit", "-q", "-m", "x")
        let sh = try repo.convoHook("prompts", "019a-codex", "--format", "sh").stdout
        #expect(sh.contains("codex exec $CODEX_FLAGS 'Add a health endpoint'\n"))
        #expect(sh.contains("codex exec $CODEX_FLAGS resume --last 'Now test it'\n"))
        #expect(!sh.contains("environment_context"))
    }

    @Test func historyFollowsAGitMvAndListsEverySessionNewestFirst() throws {
        let writer = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "a1-writer", prompt: "Write a lexer")
        try writer.write(repo.path + "/lexer.py", "def lex(text):\n    return text.split()\n", id: "t1", says: "Writing it.", at: "2026-11-25T10:01:00.000Z")
        try repo.write("lexer.py", "def lex(text):\n    return text.split()\n")
        try repo.gitOK("add", "lexer.py")
        try repo.gitOK("commit", "-q", "-m", "lexer")
        let first = try head()
        try repo.gitOK("mv", "lexer.py", "tokens.py")
        try repo.gitOK("commit", "-q", "--no-verify", "-m", "rename the lexer")
        let renamed = try head()
        let reader = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "b2-reader", prompt: "Explain tokens.py")
        try reader.call("Read", input: ["file_path": repo.path + "/tokens.py"], id: "r1", at: "2026-11-26T10:00:00.000Z")
        try reader.prompt("Make it skip comments", at: "2026-11-26T10:01:00.000Z")
        try reader.edit(
            repo.path + "/tokens.py", "    return text.split()\n", "    return [w for w in text.split() if not w.startswith('#')]\n", id: "e1", at: "2026-11-26T10:01:30.000Z")
        try repo.write("tokens.py", "def lex(text):\n    return [w for w in text.split() if not w.startswith('#')]\n")
        try repo.gitOK("commit", "-q", "-am", "skip comments")
        let last = try head()

        let result = try repo.convoHook("history", "tokens.py", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let history = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(history["names"] as? [String] == ["tokens.py", "lexer.py"])
        let sessions = try #require(history["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["session"] as? String } == ["claude/b2-reader", "claude/a1-writer"])
        #expect(sessions[0]["reads"] as? Int == 1 && sessions[0]["writes"] as? Int == 1)
        #expect((sessions[0]["prompts"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Explain tokens.py", "Make it skip comments"])
        #expect(sessions[0]["commits"] as? [String] == [last])
        #expect(sessions[1]["commits"] as? [String] == [first])
        #expect(sessions[1]["account"] as? String == "changed it 1× (+2 −0 lines)")
        let commits = try #require(history["commits"] as? [[String: Any]])
        #expect(commits.map { $0["commit"] as? String } == [last, renamed, first])
        #expect(commits.map { $0["path"] as? String } == ["tokens.py", "tokens.py", "lexer.py"])

        let text = try repo.convoHook("history", "tokens.py").stdout
        #expect(text.hasPrefix("tokens.py (was lexer.py)\n2 sessions read or changed it; 3 commits changed it\n"))
        #expect(text.contains("changed without a session touching it:\n  \(renamed.prefix(7)) "))
    }

    @Test func unknownSessionsAndFilesFailWithOneLine() throws {
        let prompts = try repo.convoHook("prompts", "nope")
        #expect(prompts.status == 1)
        #expect(prompts.stderr == "convo-hook: 'nope' is not an archived session\n")
    }
}
