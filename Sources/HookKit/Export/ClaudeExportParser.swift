import HookCore

/// Claude Code records: `user` prompts (string or text blocks), `assistant` tool calls
/// (`Read`, `Edit`, `MultiEdit`, `Write`, `NotebookEdit`, `Bash`), failed `tool_result` blocks
/// (`is_error: true`) and `summary` records.
struct ClaudeExportParser: ExportRecordParser {
    /// Tool calls by id, to name the tool whose result failed.
    private var calls: [String: String] = [:]

    mutating func absorb(_ line: [UInt8], isMainStream: Bool, into digest: inout SessionDigest) {
        guard let record = JSONValue.record(line), let type = record["type"]?.stringValue else { return }
        switch type {
        case "summary":
            if let summary = record["summary"]?.stringValue, !summary.isEmpty { digest.summary = summary }
        case "user":
            let content = record["message"]?["content"]
            for block in content?.arrayValue ?? [] where block["type"]?.stringValue == "tool_result" {
                absorbResult(block, into: &digest)
            }
            guard isMainStream, !(record["isMeta"]?.boolValue ?? false), !(record["isSidechain"]?.boolValue ?? false),
                  let content, let prompt = ClaudeExportParser.prompt(content) else { return }
            digest.addPrompt(prompt)
        case "assistant":
            for block in record["message"]?["content"]?.arrayValue ?? [] where block["type"]?.stringValue == "tool_use" {
                absorbToolUse(block, into: &digest)
            }
        default:
            return
        }
    }

    /// The user's words in a `user` record: plain text, or a slash command as `/name args`;
    /// nil for tool results, command output and interruptions.
    static func prompt(_ content: JSONValue) -> String? {
        let text: String
        if let s = content.stringValue {
            text = s
        } else {
            let blocks = content.arrayValue.filter { $0["type"]?.stringValue == "text" }
            guard !blocks.isEmpty else { return nil }
            text = blocks.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        }
        if text.contains("<command-name>") {
            let name = between(text, "<command-name>", "</command-name>") ?? ""
            let args = between(text, "<command-args>", "</command-args>") ?? ""
            let command = (name.hasPrefix("/") ? name : "/" + name) + (args.isEmpty ? "" : " " + args)
            return command == "/" ? nil : command
        }
        for noise in ["<local-command-stdout>", "<local-command-stderr>", "[Request interrupted", "Caveat: The messages below"] where text.hasPrefix(noise) {
            return nil
        }
        return text
    }

    private static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.firstRange(of: open), let end = text[start.upperBound...].firstRange(of: close) else { return nil }
        return String(text[start.upperBound..<end.lowerBound]).trimmedWhitespace()
    }

    private mutating func absorbToolUse(_ block: JSONValue, into digest: inout SessionDigest) {
        guard let name = block["name"]?.stringValue else { return }
        let input = block["input"]
        if let id = block["id"]?.stringValue { calls[id] = name }
        switch name {
        case "Read":
            if let path = input?["file_path"]?.stringValue { digest.filesRead.insert(path) }
        case "Edit", "MultiEdit", "Write":
            if let path = input?["file_path"]?.stringValue { digest.filesChanged.insert(path) }
        case "NotebookEdit":
            if let path = (input?["notebook_path"] ?? input?["file_path"])?.stringValue { digest.filesChanged.insert(path) }
        case "Bash":
            if let command = input?["command"]?.stringValue { digest.commands.insert(command) }
        default:
            return
        }
    }

    private func absorbResult(_ block: JSONValue, into digest: inout SessionDigest) {
        guard block["is_error"]?.boolValue == true else { return }
        let text = ExportText.firstLine(ExportText.strippingTags(block["content"]?.contentText ?? ""))
        let tool = block["tool_use_id"]?.stringValue.flatMap { calls[$0] } ?? "tool"
        digest.addError("\(tool): \(text.isEmpty ? "failed" : text)")
    }
}
