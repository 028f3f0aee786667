import Foundation
import TestSupport
import Testing

/// Sample sessions of every source, archived through the installed hooks, for export and sync tests.
struct SampleSessions {
    let claude: ClaudeTranscript
    let codexID = "0199a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b"

    /// Writes a Claude Code session (tool calls, a failed tool result, a summary, a secret), a Codex
    /// rollout (shell, apply_patch, a failing command) and an Aider history, then commits them.
    init(in repo: TemporaryRepository) throws {
        let cwd = repo.path
        claude = try ClaudeTranscript(
            configDir: repo.home + "/.claude", cwd: cwd, sessionID: "c1a2b3c4-claude",
            prompt: "Write the parser spec; the bucket key is AKIAQ7K2ZLMNWXRT4VBS")
        func record(_ object: [String: Any]) throws -> Data {
            var data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            data.append(0x0A)
            return data
        }
        let base: [String: Any] = ["sessionId": claude.sessionID, "cwd": cwd, "gitBranch": "main"]
        func claudeRecord(_ extra: [String: Any]) throws -> Data { try record(base.merging(extra) { $1 }) }
        try claude.appendRaw(
            claudeRecord([
                "type": "assistant", "timestamp": "2026-11-25T10:01:00.000Z", "uuid": "a1",
                "message": [
                    "role": "assistant",
                    "content": [
                        ["type": "text", "text": "Reading the spec first."],
                        ["type": "tool_use", "id": "t1", "name": "Read", "input": ["file_path": cwd + "/specs/parser.md"]],
                        ["type": "tool_use", "id": "t2", "name": "Edit", "input": ["file_path": cwd + "/Sources/Parser.swift", "old_string": "a", "new_string": "b"]],
                        ["type": "tool_use", "id": "t3", "name": "Write", "input": ["file_path": cwd + "/specs/grammar.md", "content": "x"]],
                        ["type": "tool_use", "id": "t4", "name": "Bash", "input": ["command": "swift build 2>&1 | tail -5"]],
                    ],
                ],
            ]))
        try claude.appendRaw(
            claudeRecord([
                "type": "user", "timestamp": "2026-11-25T10:02:00.000Z", "uuid": "u2",
                "message": [
                    "role": "user",
                    "content": [
                        [
                            "type": "tool_result", "tool_use_id": "t4", "is_error": true,
                            "content": "error: cannot find 'Token' in scope\nmore lines",
                        ]
                    ],
                ],
            ]))
        try claude.append(role: "user", text: "Now add tests for the empty file", timestamp: "2026-11-25T10:03:00.000Z")
        try claude.appendRaw(record(["type": "summary", "summary": "Parser spec and first implementation", "leafUuid": "a1"]))

        let codexDir = repo.home + "/.codex/sessions/2026/11/24"
        try FileManager.default.createDirectory(atPath: codexDir, withIntermediateDirectories: true)
        func payload(_ type: String, _ body: [String: Any], at time: String = "2026-11-24T08:00:01.000Z") throws -> Data {
            try record(["timestamp": time, "type": type, "payload": body])
        }
        var codex = Data()
        codex += try payload(
            "session_meta",
            [
                "id": codexID, "timestamp": "2026-11-24T08:00:00.000Z", "cwd": cwd, "originator": "codex_cli_rs",
                "git": ["branch": "main"],
            ], at: "2026-11-24T08:00:00.000Z")
        codex += try payload(
            "response_item",
            ["type": "message", "role": "user", "content": [["type": "input_text", "text": "<environment_context>\n  <cwd>\(cwd)</cwd>\n</environment_context>"]]])
        codex += try payload("response_item", ["type": "message", "role": "user", "content": [["type": "input_text", "text": "Add an HTTP API endpoint for sessions"]]])
        codex += try payload(
            "response_item",
            [
                "type": "function_call", "name": "shell", "call_id": "c1",
                "arguments": #"{"command":["bash","-lc","sed -n '1,80p' specs/api.md"],"workdir":"."}"#,
            ])
        codex += try payload("response_item", ["type": "function_call_output", "call_id": "c1", "output": ##"{"output":"# API\n","metadata":{"exit_code":0}}"##])
        codex += try payload(
            "response_item",
            [
                "type": "custom_tool_call", "name": "apply_patch", "call_id": "c2",
                "input": "*** Begin Patch\n*** Update File: Sources/API.swift\n@@\n-a\n+b\n*** Add File: specs/api-v2.md\n+v2\n*** End Patch\n",
            ])
        codex += try payload(
            "response_item",
            [
                "type": "function_call", "name": "shell", "call_id": "c3",
                "arguments": #"{"command":["bash","-lc","make test"]}"#,
            ])
        codex += try payload("response_item", ["type": "function_call_output", "call_id": "c3", "output": #"{"output":"make: *** [test] Error 2\n","metadata":{"exit_code":2}}"#])
        _ = FileManager.default.createFile(atPath: codexDir + "/rollout-2026-11-24T08-00-00-\(codexID).jsonl", contents: codex)

        try repo.write(
            ".aider.chat.history.md",
            """

            # aider chat started at 2026-11-23 09:00:00

            > Aider v0.50.0
            > Added src/app.py to the chat

            #### Fix the crash on empty input
            #### and add a regression test

            Here is the change.

            > Applied edit to src/app.py
            > Applied edit to tests/test_app.py

            #### /run pytest -q

            > Running pytest -q

            """)
        try repo.write("code.txt", "code\n")
        try repo.gitOK("add", "code.txt")
        try repo.gitOK("commit", "-q", "-m", "Parser work")
    }
}

/// `convo-hook export`: one markdown page per archived session, an index, idempotent.
@Suite struct ExportTests {
    let repo: TemporaryRepository
    let sessions: SampleSessions

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        sessions = try SampleSessions(in: repo)
    }

    private var sessionsDir: String { repo.path + "/knowledge-base/sessions" }

    private func page(_ name: String) throws -> String {
        try String(contentsOfFile: sessionsDir + "/" + name, encoding: .utf8)
    }

    private func section(_ title: String, of page: String) -> String {
        guard let start = page.range(of: "\n## \(title)\n") else { return "" }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func writesOnePagePerSessionWithEverySection() throws {
        let result = try repo.convoHook("export")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 written"))
        let names = try FileManager.default.contentsOfDirectory(atPath: sessionsDir).sorted()
        #expect(
            names == [
                "2026-11-23-fix-the-crash-on-empty-input.md",
                "2026-11-24-add-an-http-api-endpoint-for-sessions.md",
                "2026-11-25-parser-spec-and-first-implementation.md",
            ])

        let claude = try page(names[2])
        #expect(claude.hasPrefix("<!-- convo-hook session: claude/20261125-100000-c1a2b3c4-claude -->\n# Parser spec and first implementation\n"))
        for title in ["Goal", "Prompts", "Files read", "Files changed", "Commands run", "Errors and refusals", "Commits", "Specs"] {
            #expect(claude.contains("\n## \(title)\n"), "missing \(title)")
        }
        #expect(section("Goal", of: claude).contains("> Write the parser spec; the bucket key is [REDACTED:aws-access-token]"))
        #expect(!claude.contains("AKIAQ7K2ZLMNWXRT4VBS"), "everything exported is redacted")
        #expect(section("Prompts", of: claude).contains("2. > Now add tests for the empty file"))
        #expect(section("Files read", of: claude).contains("- `specs/parser.md`"))
        #expect(section("Files changed", of: claude).contains("- `Sources/Parser.swift`"))
        #expect(section("Files changed", of: claude).contains("- `specs/grammar.md`"))
        #expect(section("Commands run", of: claude).contains("swift build 2>&1 | tail -5"))
        #expect(section("Errors and refusals", of: claude).contains("- `swift build 2>&1 | tail -5` failed: error: cannot find 'Token' in scope"))
        let head = try repo.gitOK("log", "-1", "--format=%h").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(section("Commits", of: claude).contains("- `\(head)` "))
        #expect(section("Commits", of: claude).contains("Parser work"))
        #expect(section("Specs", of: claude).contains("- `specs/parser.md` (read)"))
        #expect(section("Specs", of: claude).contains("- `specs/grammar.md` (changed)"))

        let codex = try page(names[1])
        #expect(section("Goal", of: codex).contains("> Add an HTTP API endpoint for sessions"))
        #expect(!codex.contains("environment_context"))
        #expect(section("Files read", of: codex).contains("- `specs/api.md`"))
        #expect(section("Files changed", of: codex).contains("- `Sources/API.swift`"))
        #expect(section("Files changed", of: codex).contains("- `specs/api-v2.md`"))
        #expect(section("Commands run", of: codex).contains("make test"))
        #expect(section("Errors and refusals", of: codex).contains("- `make test` failed (exit code 2): make: \\*\\*\\* \\[test\\] Error 2"))
        #expect(section("Specs", of: codex).contains("- `specs/api.md` (read)"))

        let aider = try page(names[0])
        #expect(section("Prompts", of: aider).contains("1. > Fix the crash on empty input\n   > and add a regression test"))
        #expect(section("Prompts", of: aider).contains("2. > /run pytest -q"))
        #expect(section("Files read", of: aider).contains("- `src/app.py`"))
        #expect(section("Files changed", of: aider).contains("- `tests/test_app.py`"))
        #expect(section("Commands run", of: aider).contains("pytest -q"))

        let index = try String(contentsOfFile: repo.path + "/knowledge-base/index.md", encoding: .utf8)
        let claudeLine = index.range(of: "- [Parser spec and first implementation](sessions/\(names[2])) (claude)")
        let aiderLine = index.range(of: "(sessions/\(names[0])) (aider)")
        #expect(claudeLine != nil && aiderLine != nil)
        if let claudeLine, let aiderLine { #expect(claudeLine.lowerBound < aiderLine.lowerBound, "newest first") }
    }

    @Test func rerunRewritesOnlyWhatChanged() throws {
        #expect(try repo.convoHook("export").status == 0)
        let before = try repo.snapshot(of: repo.path + "/knowledge-base")
        let dates = try FileManager.default.contentsOfDirectory(atPath: sessionsDir).map {
            try FileManager.default.attributesOfItem(atPath: sessionsDir + "/" + $0)[.modificationDate] as? Date
        }
        let again = try repo.convoHook("export")
        #expect(again.status == 0)
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
        #expect(try repo.snapshot(of: repo.path + "/knowledge-base") == before)
        let datesAfter = try FileManager.default.contentsOfDirectory(atPath: sessionsDir).map {
            try FileManager.default.attributesOfItem(atPath: sessionsDir + "/" + $0)[.modificationDate] as? Date
        }
        #expect(dates == datesAfter)

        // New lines in one session: only its page changes, and it keeps its name.
        try sessions.claude.append(role: "user", text: "One more thing: rename the parser", timestamp: "2026-11-25T11:00:00.000Z")
        try repo.write("more.txt", "more\n")
        try repo.gitOK("add", "more.txt")
        try repo.gitOK("commit", "-q", "-m", "Rename")
        let third = try repo.convoHook("export")
        #expect(third.stdout.contains("1 written, 2 unchanged"), "\(third.stdout)")
        #expect(try page("2026-11-25-parser-spec-and-first-implementation.md").contains("> One more thing: rename the parser"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sessionsDir).count == 3)
    }

    @Test func oneSessionToAnotherFolderWithCollisionFreeNames() throws {
        let out = repo.root + "/kb/sessions"
        let one = try repo.convoHook("export", "--out", out, "--session", "c1a2")
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["2026-11-25-parser-spec-and-first-implementation.md"])
        #expect(FileManager.default.fileExists(atPath: repo.root + "/kb/index.md"))
        // A file of the user's own with the name the next page would take is never overwritten.
        try repo.write(out + "/2026-11-24-add-an-http-api-endpoint-for-sessions.md", "mine\n")
        #expect(try repo.convoHook("export", "--out", out).status == 0)
        #expect(try String(contentsOfFile: out + "/2026-11-24-add-an-http-api-endpoint-for-sessions.md", encoding: .utf8) == "mine\n")
        #expect(FileManager.default.fileExists(atPath: out + "/2026-11-24-add-an-http-api-endpoint-for-sessions-2.md"))

        let missing = try repo.convoHook("export", "--session", "nope")
        #expect(missing.status == 1)
        #expect(missing.stderr == "convo-hook: no archived session matches 'nope'\n")
    }
}
