import CSQLite
import Foundation
import HookKit

/// Sessions of all nine built-in sources on the benchmark machine: `perSource` of this repository's and
/// `elsewhere` of other projects' for each tool (the tools with one folder for every project — Copilot, Amp,
/// OpenCode, Cline — see them all), in the shapes of Tests/Fixtures/transcripts.
struct AllSources {
    let env: HookBenchEnvironment
    let perSource: Int
    let elsewhere: Int

    var dataHome: String { env.home + "/.local/share" }
    var other: String { env.root + "/other-project" }

    func write() throws {
        var seed: UInt64 = 5
        for i in 0..<perSource { try env.append(to: env.transcriptPath(session: "claude-\(i)"), bytes: 2_000, seed: &seed) }
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try write(".aider.chat.history.md", in: env.repo, "\n# aider chat started at 2026-11-25 08:00:00\n\n#### hello\n\nhi\n")
        try writeJSON(
            ["projects": [env.repo: "repo", other: "other-project"]], to: env.home + "/.gemini/projects.json")
        for (cwd, count, tag) in [(env.repo, perSource, "here"), (other, elsewhere, "away")] {
            for i in 0..<count {
                let id = String(format: "%08x-0000-4000-8000-%012x", i, tag == "here" ? 1 : 2)
                try codex(cwd: cwd, id: id)
                try gemini(cwd: cwd, id: id, slug: cwd == env.repo ? "repo" : "other-project")
                try copilot(cwd: cwd, id: "\(tag)-\(id)")
                try cursor(cwd: cwd, id: "\(tag)-\(id)")
                try amp(cwd: cwd, id: "T-\(tag)-\(id)")
                try cline(cwd: cwd, id: "\(tag)\(i)")
            }
        }
        try openCode()
    }

    private func write(_ name: String, in dir: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
    }

    private func writeJSON(_ object: Any, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]).write(to: URL(fileURLWithPath: path))
    }

    private func lines(_ objects: [Any]) -> String {
        objects.map { String(decoding: try! JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self) + "\n" }.joined()
    }

    private func exchange(_ n: Int) -> (String, String) { ("Question \(n) about the parser and its cache", "Answer \(n): the cache is keyed by file and offset.") }

    private func codex(cwd: String, id: String) throws {
        let (q, a) = exchange(1)
        try write(
            "rollout-2026-11-25T08-00-00-\(id).jsonl", in: env.home + "/.codex/sessions/2026/11/25",
            lines([
                ["timestamp": "2026-11-25T08:00:00.000Z", "type": "session_meta", "payload": ["id": id, "timestamp": "2026-11-25T08:00:00.000Z", "cwd": cwd]],
                [
                    "timestamp": "2026-11-25T08:00:01.000Z", "type": "response_item",
                    "payload": ["type": "message", "role": "user", "content": [["type": "input_text", "text": q]]],
                ],
                [
                    "timestamp": "2026-11-25T08:00:02.000Z", "type": "response_item",
                    "payload": ["type": "message", "role": "assistant", "content": [["type": "output_text", "text": a]]],
                ],
            ]))
    }

    private func gemini(cwd: String, id: String, slug: String) throws {
        let (q, a) = exchange(1)
        try write(
            "session-2026-11-25T08-00-\(id.prefix(8)).jsonl", in: env.home + "/.gemini/tmp/\(slug)/chats",
            lines([
                ["sessionId": id, "projectHash": GeminiSource.projectHash(cwd), "startTime": "2026-11-25T08:00:00.000Z", "lastUpdated": "2026-11-25T08:00:00.000Z"],
                ["id": id + "-u", "timestamp": "2026-11-25T08:00:01.000Z", "type": "user", "content": [["text": q]]],
                ["id": id + "-g", "timestamp": "2026-11-25T08:00:02.000Z", "type": "gemini", "content": a, "model": "gemini-2.5-pro"],
            ]))
    }

    private func copilot(cwd: String, id: String) throws {
        let (q, a) = exchange(1)
        try write(
            "events.jsonl", in: env.home + "/.copilot/session-state/\(id)",
            lines([
                ["type": "session.start", "id": "e1", "timestamp": "2026-11-25T08:00:00.000Z", "data": ["sessionId": id, "copilotVersion": "1.0.71", "context": ["cwd": cwd]]],
                ["type": "user.message", "id": "e2", "timestamp": "2026-11-25T08:00:01.000Z", "data": ["content": q]],
                ["type": "assistant.message", "id": "e3", "timestamp": "2026-11-25T08:00:02.000Z", "data": ["messageId": "m1", "content": a]],
            ]))
    }

    private func cursor(cwd: String, id: String) throws {
        let (q, a) = exchange(1)
        try write(
            "\(id).jsonl", in: env.home + "/.cursor/projects/" + CursorSource.folderName(cwd) + "/agent-transcripts",
            lines([
                ["role": "user", "message": ["content": [["type": "text", "text": "<user_query>\n\(q)\n</user_query>"]]]],
                ["role": "assistant", "message": ["content": [["type": "text", "text": a]]]],
            ]))
    }

    private func amp(cwd: String, id: String) throws {
        let (q, a) = exchange(1)
        try writeJSON(
            [
                "v": 2, "id": id, "created": 1_764_057_600_000, "title": "Parser cache",
                "messages": [
                    ["role": "user", "messageId": 0, "content": [["type": "text", "text": q]]],
                    [
                        "role": "assistant", "messageId": 1, "content": [["type": "text", "text": a]],
                        "usage": ["model": "claude-sonnet-4-5", "inputTokens": 10, "outputTokens": 5],
                    ],
                ],
                "env": ["initial": ["trees": [["displayName": "repo", "uri": "file://" + cwd]]]],
            ], to: dataHome + "/amp/threads/\(id).json")
    }

    private func cline(cwd: String, id: String) throws {
        let (q, a) = exchange(1)
        try writeJSON(
            [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "<task>\n\(q)\n</task>"],
                        ["type": "text", "text": "<environment_details>\n# Current Working Directory (\(cwd)) Files\n</environment_details>"],
                    ],
                ],
                ["role": "assistant", "content": [["type": "text", "text": a]]],
            ], to: env.home + "/.cline/data/tasks/\(id)/api_conversation_history.json")
    }

    /// `opencode.db` with this repository's and the other project's sessions.
    private func openCode() throws {
        let database = try OpenCodeBenchDatabase(path: dataHome + "/opencode/opencode.db")
        for (cwd, count, tag) in [(env.repo, perSource, "here"), (other, elsewhere, "away")] {
            for i in 0..<count { try database.session(id: "ses_\(tag)\(i)", directory: cwd, messages: 1) }
        }
    }

    /// One more message in this repository's first OpenCode session (the database changes, as when OpenCode runs).
    func openCodeMessage(_ n: Int) throws {
        try OpenCodeBenchDatabase(path: dataHome + "/opencode/opencode.db").message(session: "ses_here0", n: 1000 + n)
    }

    /// One more exchange in this repository's first Gemini session.
    func geminiMessage(_ n: Int) throws {
        let id = String(format: "%08x-0000-4000-8000-%012x", 0, 1)
        let path = env.home + "/.gemini/tmp/repo/chats/session-2026-11-25T08-00-\(id.prefix(8)).jsonl"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines([["id": "\(id)-n\(n)", "timestamp": "2026-11-25T09:00:00.000Z", "type": "user", "content": exchange(n).0]]).utf8))
        try handle.close()
    }
}

/// Writes OpenCode's tables as its `session.sql.ts` declares them (the columns convo-hook reads), WAL journal.
final class OpenCodeBenchDatabase {
    private let handle: OpaquePointer

    init(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var raw: OpaquePointer?
        guard sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let raw else { throw BenchError("cannot open \(path)") }
        handle = raw
        try exec(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS session (id text PRIMARY KEY, project_id text NOT NULL, parent_id text, slug text NOT NULL, directory text NOT NULL,
              title text NOT NULL, version text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL);
            CREATE TABLE IF NOT EXISTS message (id text PRIMARY KEY, session_id text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL);
            CREATE TABLE IF NOT EXISTS part (id text PRIMARY KEY, message_id text NOT NULL, session_id text NOT NULL, time_created integer NOT NULL,
              time_updated integer NOT NULL, data text NOT NULL);
            """)
    }

    deinit { sqlite3_close_v2(handle) }

    func session(id: String, directory: String, messages: Int) throws {
        try exec("INSERT INTO session VALUES ('\(id)', 'prj', NULL, 'slug', '\(directory)', 'Parser cache', '1.14.2', 1764057600000, 1764057600000)")
        for n in 0..<messages { try message(session: id, n: n) }
    }

    func message(session: String, n: Int) throws {
        let message = "msg_\(session)_\(n)"
        let time = 1_764_057_600_000 + n * 1000
        try exec(
            """
            INSERT INTO message VALUES ('\(message)', '\(session)', \(time), \(time), '{"role":"user","time":{"created":\(time)},"agent":"build"}');
            INSERT INTO part VALUES ('prt_\(message)', '\(message)', '\(session)', \(time), \(time), '{"type":"text","text":"Question \(n) about the parser and its cache"}');
            """)
    }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("sqlite: \(String(cString: sqlite3_errmsg(handle)))") }
    }
}
