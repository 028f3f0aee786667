import Foundation
import TestSupport
import Testing

/// `convo-hook log` and `convo-hook show`.
@Suite struct LogShowTests {
    let repo: TemporaryRepository
    let first: ClaudeTranscript
    let second: ClaudeTranscript

    init() throws {
        repo = try TemporaryRepository()
        #expect(try repo.convoHook("install").status == 0)
        first = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "aaaa1111-first", prompt: "Plan the parser")
        try first.append(
            role: "assistant",
            blocks: [
                ["type": "thinking", "thinking": "Recursive descent fits."],
                ["type": "text", "text": "I will write a recursive descent parser."],
                ["type": "tool_use", "id": "t1", "name": "Write", "input": ["file_path": "/src/parser.swift", "content": "..."]],
            ])
        try first.append(role: "user", blocks: [["type": "tool_result", "tool_use_id": "t1", "content": "File created", "is_error": false]])
        try Self.commit("one", in: repo)
        second = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "aaaa2222-second", prompt: "Fix the lexer")
        try first.append(role: "user", text: "Now add tests")
        try Self.commit("two", in: repo)
    }

    private static func commit(_ name: String, in repo: TemporaryRepository) throws {
        try repo.write(name, name + "\n")
        try repo.gitOK("add", name)
        let result = try repo.git("commit", "-q", "-m", name)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func logJSONListsSessionsWithTheCommitsGitShows() throws {
        let result = try repo.convoHook("log", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 2)
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0["sessionID"] as? String ?? "", $0) })
        let firstCommits = try repo.gitOK("log", "--format=%H", "--grep=Conversation: claude/aaaa1111-first").split(separator: "\n").map(String.init)
        #expect(firstCommits.count == 2)
        #expect(byID["aaaa1111-first"]?["commits"] as? [String] == firstCommits)
        #expect(byID["aaaa2222-second"]?["commits"] as? [String] == [try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(byID["aaaa1111-first"]?["title"] as? String == "Plan the parser")
        #expect(byID["aaaa1111-first"]?["lines"] as? Int == 4)
        let text = try repo.convoHook("log").stdout
        #expect(text.contains("claude/aaaa1111-first  4 lines"))
    }

    @Test func showRendersASessionByUniquePrefix() throws {
        let result = try repo.convoHook("show", "aaaa1")
        #expect(result.status == 0, "\(result.stderr)")
        let md = result.stdout
        #expect(md.hasPrefix("# Plan the parser\n"))
        #expect(md.contains("### You · 2026-11-25 10:00:00\n\n> Plan the parser\n"))
        #expect(
            md.contains("### Assistant · 10:01:00\n\n<details><summary>Thinking</summary>\n\n> Recursive descent fits.\n\n</details>\n\n> I will write a recursive descent parser.")
        )
        #expect(md.contains("**Tool: Write** `/src/parser.swift`"))
        #expect(md.contains("<details><summary>Result: 1 line</summary>\n\n```text\nFile created\n```\n\n</details>"))
        #expect(md.contains("### You · 10:00:00\n\n> Now add tests"))
        let jsonl = try repo.convoHook("show", "aaaa1111-first", "--format", "jsonl").stdout
        #expect(jsonl == (try ArchiveView(repo).lines(session: "aaaa1111-first").joined(separator: "\n")) + "\n")

        let ambiguous = try repo.convoHook("show", "aaaa")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("matches 2 sessions"))
        let unknown = try repo.convoHook("show", "zzzz")
        #expect(unknown.stderr == "convo-hook: 'zzzz' is neither an archived session nor a commit\n")
    }

    @Test func showCommitRendersOnlyTheLinesItCarries() throws {
        let md = try repo.convoHook("show", "HEAD").stdout
        #expect(md.contains("# Plan the parser"))
        #expect(md.contains("lines main 4–4"))
        #expect(md.contains("Now add tests"))
        #expect(!md.contains("recursive descent"))
        #expect(md.contains("# Fix the lexer"))
        let jsonl = try repo.convoHook("show", "HEAD~1", "--format", "jsonl").stdout
        #expect(jsonl.split(separator: "\n").count == 3)
        let none = try repo.convoHook("show", "HEAD~2")
        #expect(none.status == 1)
    }
}
