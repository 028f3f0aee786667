import Foundation

/// Writes realistic Claude Code transcripts into a temporary `CLAUDE_CONFIG_DIR`.
public struct ClaudeTranscript: Sendable {
    public let path: String
    public let sessionID: String
    let cwd: String

    /// Creates `<configDir>/projects/<encoded cwd>/<session>.jsonl` with one user prompt.
    public init(configDir: String, cwd: String, sessionID: String = UUID().uuidString.lowercased(), prompt: String = "Add a parser for the config file") throws {
        let encoded = String(cwd.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" })
        let folder = configDir + "/projects/" + encoded
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/" + sessionID + ".jsonl"
        self.sessionID = sessionID
        self.cwd = cwd
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        try append(role: "user", text: prompt)
    }

    /// Appends one complete record.
    public func append(role: String, text: String, timestamp: String = "2026-11-25T10:00:00.000Z") throws {
        let record: [String: Any] = [
            "type": role, "sessionId": sessionID, "cwd": cwd, "gitBranch": "main", "timestamp": timestamp,
            "uuid": UUID().uuidString, "message": ["role": role, "content": text],
        ]
        var line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        line.append(0x0A)
        try appendRaw(line)
    }

    /// Appends a record whose message content is an array of blocks (text, thinking, tool_use, tool_result).
    public func append(role: String, blocks: [[String: Any]], timestamp: String = "2026-11-25T10:01:00.000Z") throws {
        let record: [String: Any] = [
            "type": role, "sessionId": sessionID, "cwd": cwd, "timestamp": timestamp,
            "message": ["role": role, "content": blocks],
        ]
        var line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        line.append(0x0A)
        try appendRaw(line)
    }

    /// Appends raw bytes (e.g. a line without its newline yet).
    public func appendRaw(_ data: Data) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        try handle.close()
    }
}
