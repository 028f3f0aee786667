import Foundation

/// Writes a Codex CLI rollout into a temporary `CODEX_HOME`, in the shape codex-rs writes them
/// (`sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`: a `session_meta` record naming the `cwd`, then
/// `response_item` records), as the other Codex fixtures of these tests do.
public struct CodexRollout: Sendable {
    public let path: String
    public let sessionID: String
    let cwd: String

    public init(
        codexHome: String, cwd: String, sessionID: String = UUID().uuidString.lowercased(), prompt: String,
        started: String = "2026-11-24T08:00:00.000Z"
    ) throws {
        let day = started.prefix(10).split(separator: "-").joined(separator: "/")
        let folder = codexHome + "/sessions/" + day
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = String(started.prefix(19)).replacingOccurrences(of: ":", with: "-")
        path = folder + "/rollout-\(stamp)-\(sessionID).jsonl"
        self.sessionID = sessionID
        self.cwd = cwd
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        try appendRecord(
            type: "session_meta",
            payload: [
                "id": sessionID, "timestamp": started, "cwd": cwd,
                "originator": "codex_cli_rs", "git": ["branch": "main"],
            ], at: started)
        try append(role: "user", text: prompt)
    }

    /// Appends one message of `role` (`user` or `assistant`).
    public func append(role: String, text: String, timestamp: String = "2026-11-24T08:00:01.000Z") throws {
        let kind = role == "user" ? "input_text" : "output_text"
        try appendRecord(type: "response_item", payload: ["type": "message", "role": role, "content": [["type": kind, "text": text]]], at: timestamp)
    }

    private func appendRecord(type: String, payload: [String: Any], at timestamp: String) throws {
        var line = try JSONSerialization.data(withJSONObject: ["timestamp": timestamp, "type": type, "payload": payload], options: [.sortedKeys])
        line.append(0x0A)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.close()
    }
}
