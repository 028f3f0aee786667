import Foundation
import HookCore

/// Sessions of Gemini CLI, Copilot CLI, Cursor, OpenCode, Amp and Cline, written where each tool writes them
/// under a temporary HOME and in the record shapes of `Tests/Fixtures/transcripts/` (whose headers cite where
/// each shape comes from). Each writer adds one exchange per call — a prompt and a reply — and can change a reply
/// it wrote before, as the tools that rewrite whole files or keep a database do.
public protocol AssistantSession {
    /// The source name and the session id as the archive names the session folder (`…-<id>`).
    var source: String { get }
    var sessionID: String { get }
    /// Whether the tool appends lines (else it rewrites a document or a database).
    var appends: Bool { get }
    /// Adds a prompt and its reply.
    func exchange(prompt: String, reply: String) throws
    /// Changes the text of the reply written by exchange number `index` (0-based); only for tools that rewrite.
    func editReply(_ index: Int, to text: String) throws
}

/// JSON text of an object, keys sorted, slashes unescaped (the way the tools' own serializers write paths).
public func compactJSON(_ object: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
}

func appendLines(_ lines: [String], to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
    try handle.close()
}

func writeDocument(_ object: Any, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    try data.write(to: URL(fileURLWithPath: path))
}

/// Gemini CLI: a JSON Lines session (or, `legacy`, the old document) in the project folder registered for `cwd`.
public final class GeminiChat: AssistantSession {
    public let source = "gemini"
    public let sessionID: String
    public let path: String
    public let appends: Bool
    let cwd: String
    private var messages: [[String: Any]] = []

    public init(home: String, cwd: String, sessionID: String = UUID().uuidString.lowercased(), legacy: Bool = false) throws {
        self.sessionID = sessionID
        self.cwd = cwd
        appends = !legacy
        let gemini = home + "/.gemini"
        var projects: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: gemini + "/projects.json"),
            let existing = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["projects"] as? [String: Any]
        {
            projects = existing
        }
        let slug = (projects[cwd] as? String) ?? "p\(projects.count + 1)-" + (cwd as NSString).lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber }
        projects[cwd] = slug
        try writeDocument(["projects": projects], to: gemini + "/projects.json")
        path = gemini + "/tmp/\(slug)/chats/session-2026-05-04T09-12-\(sessionID.prefix(8)).json" + (legacy ? "" : "l")
        if appends {
            try appendLines([compactJSON(metadata(lastUpdated: "2026-05-04T09:12:03.120Z"))], to: path)
        }
    }

    private func metadata(lastUpdated: String) -> [String: Any] {
        ["sessionId": sessionID, "projectHash": GeminiSource.projectHash(cwd), "startTime": "2026-05-04T09:12:03.120Z", "lastUpdated": lastUpdated]
    }

    public func exchange(prompt: String, reply: String) throws {
        let n = messages.count
        let user: [String: Any] = ["id": "\(sessionID)-\(n)", "timestamp": "2026-05-04T09:13:0\(n % 10).000Z", "type": "user", "content": [["text": prompt]]]
        let answer: [String: Any] = [
            "id": "\(sessionID)-\(n + 1)", "timestamp": "2026-05-04T09:13:0\((n + 1) % 10).500Z", "type": "gemini", "content": reply, "thoughts": [],
            "model": "gemini-2.5-pro", "tokens": ["input": 100, "output": 10, "cached": 0, "thoughts": 0, "tool": 0, "total": 110],
        ]
        messages += [user, answer]
        if appends {
            try appendLines([compactJSON(user), compactJSON(answer), compactJSON(["$set": ["lastUpdated": "2026-05-04T09:14:\(10 + n).000Z"]])], to: path)
        } else {
            try rewrite()
        }
    }

    public func editReply(_ index: Int, to text: String) throws {
        messages[index * 2 + 1]["content"] = text
        try rewrite()
    }

    /// Adds a prompt and a reply that makes one successful tool call (`replace{file_path,old_string,new_string}`,
    /// `write_file{file_path,content}`, as in the fixture), as the appending format records it: first the
    /// call executing, then the same message again with its result.
    public func call(prompt: String, says reply: String, tool: String, args: [String: Any]) throws {
        let n = messages.count
        let user: [String: Any] = ["id": "\(sessionID)-\(n)", "timestamp": "2026-05-04T09:13:0\(n % 10).000Z", "type": "user", "content": [["text": prompt]]]
        let callID = "\(tool)-17778859\(n)-x"
        var call: [String: Any] = ["id": callID, "name": tool, "args": args, "status": "executing", "timestamp": "2026-05-04T09:13:0\((n + 1) % 10).500Z"]
        var answer: [String: Any] = [
            "id": "\(sessionID)-\(n + 1)", "timestamp": "2026-05-04T09:13:0\((n + 1) % 10).500Z", "type": "gemini", "content": reply, "thoughts": [],
            "toolCalls": [call], "model": "gemini-2.5-pro",
        ]
        let executing = answer
        call["status"] = "success"
        call["result"] = [["functionResponse": ["id": callID, "name": tool, "response": ["output": "Successfully modified file."]]]]
        answer["toolCalls"] = [call]
        answer["tokens"] = ["input": 100, "output": 10, "cached": 0, "thoughts": 0, "tool": 0, "total": 110]
        messages += [user, answer]
        if appends {
            try appendLines([compactJSON(user), compactJSON(executing), compactJSON(answer)], to: path)
        } else {
            try rewrite()
        }
    }

    private func rewrite() throws {
        var document = metadata(lastUpdated: "2026-05-04T09:\(10 + messages.count):00.000Z")
        document["messages"] = messages
        try writeDocument(document, to: path)
    }
}

/// Copilot CLI: `session-state/<id>/events.jsonl` starting with `session.start` in `cwd`.
public final class CopilotLog: AssistantSession {
    public let source = "copilot"
    public let sessionID: String
    public let path: String
    public let appends = true
    private var count = 0

    public init(copilotHome: String, cwd: String, sessionID: String = UUID().uuidString.lowercased()) throws {
        self.sessionID = sessionID
        path = copilotHome + "/session-state/\(sessionID)/events.jsonl"
        try appendLines(
            [
                compactJSON([
                    "type": "session.start", "id": "e-start", "timestamp": "2026-07-14T08:00:00.010Z", "parentId": NSNull(),
                    "data": [
                        "sessionId": sessionID, "version": 1, "producer": "copilot-agent", "copilotVersion": "1.0.71", "startTime": "2026-07-14T08:00:00.000Z",
                        "selectedModel": "claude-sonnet-4.5", "context": ["cwd": cwd, "gitRoot": cwd, "branch": "main"],
                    ],
                ])
            ], to: path)
    }

    public func exchange(prompt: String, reply: String) throws {
        count += 1
        try appendLines(
            [
                compactJSON(["type": "user.message", "id": "e-u\(count)", "timestamp": "2026-07-14T08:0\(count):00.000Z", "parentId": "e", "data": ["content": prompt]]),
                compactJSON([
                    "type": "assistant.message", "id": "e-a\(count)", "timestamp": "2026-07-14T08:0\(count):05.000Z", "parentId": "e",
                    "data": ["messageId": "m\(count)", "content": reply, "toolRequests": [], "model": "claude-sonnet-4.5"],
                ]),
            ], to: path)
    }

    public func editReply(_ index: Int, to text: String) throws {}
}

/// Cursor: `projects/<folder for cwd>/agent-transcripts/<id>.jsonl`.
public final class CursorChat: AssistantSession {
    public let source = "cursor"
    public let sessionID: String
    public let path: String
    public let appends = true

    public init(configDir: String, cwd: String, sessionID: String = UUID().uuidString.lowercased()) throws {
        self.sessionID = sessionID
        path = configDir + "/projects/" + CursorSource.folderName(cwd) + "/agent-transcripts/\(sessionID).jsonl"
    }

    public func exchange(prompt: String, reply: String) throws {
        try appendLines(
            [
                compactJSON(["role": "user", "message": ["content": [["type": "text", "text": "<user_query>\n\(prompt)\n</user_query>"]]]]),
                compactJSON(["role": "assistant", "message": ["content": [["type": "text", "text": reply]]]]),
            ], to: path)
    }

    public func editReply(_ index: Int, to text: String) throws {}
}

/// OpenCode: rows of `opencode.db` (one session; a message and a text part per prompt and per reply).
public final class OpenCodeChat: AssistantSession {
    public let source = "opencode"
    public let sessionID: String
    public let appends = false
    public let database: OpenCodeDatabaseFile
    private var count = 0

    public init(dataHome: String, cwd: String, sessionID: String = "ses_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24)) throws {
        self.sessionID = sessionID
        database = try OpenCodeDatabaseFile(path: dataHome + "/opencode/opencode.db")
        try database.write(
            compactJSON(["type": "session", "id": sessionID, "info": ["title": "New session", "version": "1.14.2", "time": ["created": 1_781_517_600_000]]]),
            session: sessionID, directory: cwd)
    }

    public func exchange(prompt: String, reply: String) throws {
        count += 1
        let time = 1_781_517_600_000 + count * 10_000
        let user = "msg_\(sessionID)_\(count)a"
        let answer = "msg_\(sessionID)_\(count)b"
        for record in [
            ["type": "message", "id": user, "info": ["role": "user", "time": ["created": time], "agent": "build"]],
            ["type": "part", "id": "prt_\(user)", "messageID": user, "part": ["type": "text", "text": prompt]],
            [
                "type": "message", "id": answer,
                "info": [
                    "role": "assistant", "time": ["created": time + 1], "modelID": "claude-sonnet-4-5", "providerID": "anthropic", "cost": 0.001,
                    "tokens": ["input": 10, "output": 5, "reasoning": 0, "cache": ["read": 0, "write": 0]],
                ],
            ],
            ["type": "part", "id": "prt_\(answer)", "messageID": answer, "part": ["type": "text", "text": reply]],
        ] as [[String: Any]] {
            try database.write(compactJSON(record), session: sessionID)
        }
    }

    public func editReply(_ index: Int, to text: String) throws {
        let answer = "msg_\(sessionID)_\(index + 1)b"
        try database.write(compactJSON(["type": "part", "id": "prt_\(answer)", "messageID": answer, "part": ["type": "text", "text": text]]), session: sessionID)
    }
}

/// Amp: `threads/T-<id>.json`, the whole thread rewritten on every change.
public final class AmpThread: AssistantSession {
    public let source = "amp"
    public let sessionID: String
    public let path: String
    public let appends = false
    let cwd: String
    private var messages: [[String: Any]] = []

    public init(dataHome: String, cwd: String, sessionID: String = "T-" + UUID().uuidString.lowercased()) throws {
        self.sessionID = sessionID
        self.cwd = cwd
        path = dataHome + "/amp/threads/\(sessionID).json"
    }

    public func exchange(prompt: String, reply: String) throws {
        let n = messages.count
        messages.append(["role": "user", "messageId": n, "content": [["type": "text", "text": prompt]], "meta": ["sentAt": 1_781_258_401_000 + n * 1000]])
        messages.append([
            "role": "assistant", "messageId": n + 1, "content": [["type": "text", "text": reply]], "state": ["type": "complete", "stopReason": "end_turn"],
            "usage": ["model": "claude-sonnet-4-5-20250929", "inputTokens": 10, "outputTokens": 5, "cacheCreationInputTokens": 0, "cacheReadInputTokens": 0],
        ])
        try rewrite()
    }

    public func editReply(_ index: Int, to text: String) throws {
        messages[index * 2 + 1]["content"] = [["type": "text", "text": text]]
        try rewrite()
    }

    private func rewrite() throws {
        try writeDocument(
            [
                "v": messages.count, "id": sessionID, "created": 1_781_258_400_000, "title": "Work in \((cwd as NSString).lastPathComponent)",
                "messages": messages, "nextMessageId": messages.count,
                "env": ["initial": ["trees": [["displayName": "repo", "uri": "file://" + (cwd.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? cwd)]]]],
            ], to: path)
    }
}

/// Cline: a task (`tasks/<id>/api_conversation_history.json` and `ui_messages.json`), or with `sdk` a session of
/// the Cline SDK (`sessions/<id>/<id>.json` and `<id>.messages.json`), rewritten whole.
public final class ClineConversation: AssistantSession {
    public let source = "cline"
    public let sessionID: String
    public let path: String
    public let appends = false
    let cwd: String
    let sdk: Bool
    private var messages: [[String: Any]] = []
    private var requests: [[String: Any]] = []

    public init(dataDir: String, cwd: String, sessionID: String = String(1_756_807_400_000 + Int.random(in: 0..<1_000_000)), sdk: Bool = false) throws {
        self.sessionID = sessionID
        self.cwd = cwd
        self.sdk = sdk
        if sdk {
            path = dataDir + "/sessions/\(sessionID)/\(sessionID).messages.json"
            try writeDocument(
                ["version": 1, "session_id": sessionID, "source": "cli", "status": "running", "started_at": "2026-07-15T05:42:04.609Z", "cwd": cwd, "workspace_root": cwd],
                to: dataDir + "/sessions/\(sessionID)/\(sessionID).json")
        } else {
            path = dataDir + "/tasks/\(sessionID)/api_conversation_history.json"
        }
    }

    public func exchange(prompt: String, reply: String) throws {
        let n = messages.count
        if sdk {
            messages.append(["id": "msg_\(n)", "role": "user", "content": [["type": "text", "text": prompt]]])
            messages.append([
                "id": "msg_\(n + 1)", "role": "assistant", "ts": 1_784_094_130_000 + n, "modelInfo": ["id": "claude-sonnet-4-6", "provider": "anthropic"],
                "content": [["type": "text", "text": reply]], "metrics": ["inputTokens": 10, "outputTokens": 5, "cacheReadTokens": 0, "cacheWriteTokens": 0, "cost": 0.001],
            ])
        } else {
            let words = n == 0 ? "<task>\n\(prompt)\n</task>" : "<feedback>\n\(prompt)\n</feedback>"
            messages.append([
                "role": "user",
                "content": [
                    ["type": "text", "text": words], ["type": "text", "text": "<environment_details>\n# Current Working Directory (\(cwd)) Files\n</environment_details>"],
                ],
            ])
            messages.append(["role": "assistant", "content": [["type": "text", "text": reply]]])
            requests.append([
                "ts": 1_756_807_401_000 + n, "type": "say", "say": "api_req_started",
                "text": compactJSON(["request": prompt, "tokensIn": 10, "tokensOut": 5, "cacheWrites": 0, "cacheReads": 0, "cost": 0.001]),
            ])
        }
        try rewrite()
    }

    public func editReply(_ index: Int, to text: String) throws {
        messages[index * 2 + 1]["content"] = [["type": "text", "text": text]]
        try rewrite()
    }

    private func rewrite() throws {
        if sdk {
            try writeDocument(["version": 1, "updated_at": "2026-07-15T05:43:00.000Z", "agent": "lead", "sessionId": sessionID, "messages": messages], to: path)
        } else {
            try writeDocument(messages, to: path)
            try writeDocument(requests, to: (path as NSString).deletingLastPathComponent + "/ui_messages.json")
        }
    }
}
