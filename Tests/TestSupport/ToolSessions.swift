import Foundation

/// Sessions whose tool calls write files, in the shapes the tools record them: Claude Code's assistant
/// records with `thinking`, `text` and `tool_use` blocks (Write `{file_path,content}`, Edit `{file_path,
/// old_string,new_string}`) answered by `tool_result` blocks; Codex rollouts with `reasoning` summaries and
/// `custom_tool_call` `apply_patch` (its input the patch) answered by `custom_tool_call_output` — as in
/// Tests/Fixtures/transcripts/claude-main.jsonl and codex-rollout.jsonl.
extension ClaudeTranscript {
    /// One assistant turn: thinking, words, then a tool call; and the tool's result.
    public func call(
        _ tool: String, input: [String: Any], id: String, says text: String? = nil, thinking: String? = nil, at time: String, failed: Bool = false
    ) throws {
        var blocks: [[String: Any]] = []
        if let thinking { blocks.append(["type": "thinking", "thinking": thinking]) }
        if let text { blocks.append(["type": "text", "text": text]) }
        blocks.append(["type": "tool_use", "id": id, "name": tool, "input": input])
        let record: [String: Any] = [
            "type": "assistant", "sessionId": sessionID, "cwd": cwd, "gitBranch": "main", "timestamp": time, "uuid": UUID().uuidString,
            "message": [
                "id": "msg_" + id, "role": "assistant", "model": "claude-sonnet-4-5-20250929", "content": blocks,
                "usage": ["input_tokens": 10, "output_tokens": 20, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0],
            ],
        ]
        var line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        line.append(0x0A)
        try appendRaw(line)
        try append(
            role: "user", blocks: [["type": "tool_result", "tool_use_id": id, "content": failed ? "Error: String to replace not found" : "ok", "is_error": failed]],
            timestamp: time)
    }

    /// A `Write` of `content` to `path` (absolute, as Claude Code names files).
    public func write(_ path: String, _ content: String, id: String, says text: String? = nil, thinking: String? = nil, at time: String) throws {
        try call("Write", input: ["file_path": path, "content": content], id: id, says: text, thinking: thinking, at: time)
    }

    /// An `Edit` replacing `old` with `new` in `path`.
    public func edit(_ path: String, _ old: String, _ new: String, id: String, says text: String? = nil, at time: String) throws {
        try call("Edit", input: ["file_path": path, "old_string": old, "new_string": new], id: id, says: text, at: time)
    }

    /// A prompt a person typed, with a time.
    public func prompt(_ text: String, at time: String) throws {
        try append(role: "user", text: text, timestamp: time)
    }
}

/// A Codex CLI rollout in `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`.
public struct CodexToolSession: Sendable {
    public let path: String
    public let sessionID: String

    public init(codexHome: String, cwd: String, sessionID: String = UUID().uuidString.lowercased(), started: String = "2026-11-24T08:00:00.000Z") throws {
        let day = started.prefix(10).split(separator: "-").joined(separator: "/")
        let folder = codexHome + "/sessions/" + day
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/rollout-\(String(started.prefix(19)).replacingOccurrences(of: ":", with: "-"))-\(sessionID).jsonl"
        self.sessionID = sessionID
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        try record("session_meta", ["id": sessionID, "timestamp": started, "cwd": cwd, "originator": "codex_cli_rs", "cli_version": "0.46.0"], at: started)
        try message("user", "<environment_context>\n  <cwd>\(cwd)</cwd>\n</environment_context>", at: started)
    }

    /// A message (`user` prompts use `input_text`, the assistant's `output_text`).
    public func message(_ role: String, _ text: String, at time: String) throws {
        try record("response_item", ["type": "message", "role": role, "content": [["type": role == "user" ? "input_text" : "output_text", "text": text]]], at: time)
    }

    /// A reasoning summary, then `apply_patch` with `patch` and its success.
    public func applyPatch(_ patch: String, id: String, reasoning: String? = nil, at time: String) throws {
        if let reasoning { try record("response_item", ["type": "reasoning", "summary": [["type": "summary_text", "text": reasoning]]], at: time) }
        try record("response_item", ["type": "custom_tool_call", "status": "completed", "call_id": id, "name": "apply_patch", "input": patch], at: time)
        try record("response_item", ["type": "custom_tool_call_output", "call_id": id, "output": "{\"output\":\"Success.\",\"metadata\":{\"exit_code\":0}}"], at: time)
    }

    private func record(_ type: String, _ payload: [String: Any], at time: String) throws {
        var line = try JSONSerialization.data(withJSONObject: ["timestamp": time, "type": type, "payload": payload], options: [.sortedKeys])
        line.append(0x0A)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.close()
    }
}
