import FoundationEssentials
import HookCore

/// Renders archived records for a human: prompts and answers in full, tool calls as one-line summaries,
/// thinking folded. Lines that are not JSON (Aider's markdown) pass through as they are.
enum TranscriptRenderer {
    static func markdown(_ lines: [ArraySlice<UInt8>]) -> String {
        var out: [String] = []
        let decoder = JSONDecoder()
        for line in lines {
            guard line.first == UInt8(ascii: "{"), let record = try? decoder.decode(JSONValue.self, from: Data(line)) else {
                out.append(String(decoding: line, as: UTF8.self))
                continue
            }
            if let rendered = render(record) { out.append(rendered) }
        }
        return out.joined(separator: "\n")
    }

    private static func render(_ record: JSONValue) -> String? {
        switch record["type"] {
        case .string("summary"):
            return record["summary"].flatMap(text).map { "_Summary: \($0)_\n" }
        case .string("user"), .string("assistant"):
            return renderMessage(role: record["type"] == .string("user") ? "user" : "assistant", content: record["message"]?["content"])
        case .string("response_item"):
            return renderCodex(record["payload"] ?? .null)
        default:
            return nil
        }
    }

    private static func renderMessage(role: String, content: JSONValue?) -> String? {
        var parts: [String] = []
        var prose: [String] = []
        switch content {
        case .string(let s): prose.append(s)
        case .array(let blocks):
            for block in blocks {
                switch block["type"] {
                case .string("text"): if let t = block["text"].flatMap(text) { prose.append(t) }
                case .string("thinking"): if let t = block["thinking"].flatMap(text) { parts.append(folded("thinking", t)) }
                case .string("tool_use"): parts.append("- tool `\(block["name"].flatMap(text) ?? "?")`: \(summary(block["input"]))")
                case .string("tool_result"):
                    let failed = block["is_error"] == .bool(true)
                    parts.append("  - \(failed ? "error" : "result"): \(oneLine(contentText(block["content"])))")
                case .string("image"): parts.append("- [image]")
                default: break
                }
            }
        default: break
        }
        let heading = role == "user" ? "### Prompt" : "**Assistant:**"
        let body = prose.joined(separator: "\n\n")
        if body.isEmpty && parts.isEmpty { return nil }
        if body.isEmpty { return parts.joined(separator: "\n") }
        return ([role == "user" ? "\(heading)\n\n\(body)\n" : "\(heading) \(body)\n"] + parts).joined(separator: "\n")
    }

    private static func renderCodex(_ payload: JSONValue) -> String? {
        switch payload["type"] {
        case .string("message"):
            let role = payload["role"] == .string("user") ? "user" : "assistant"
            return renderMessage(role: role, content: .string(contentText(payload["content"])))
        case .string("function_call"), .string("custom_tool_call"):
            return "- tool `\(payload["name"].flatMap(text) ?? "?")`: \(oneLine(payload["arguments"].flatMap(text) ?? payload["input"].flatMap(text) ?? ""))"
        case .string("function_call_output"), .string("custom_tool_call_output"):
            return "  - result: \(oneLine(contentText(payload["output"])))"
        case .string("reasoning"):
            let summary = contentText(payload["summary"])
            return summary.isEmpty ? nil : folded("reasoning", summary)
        default: return nil
        }
    }

    /// The text of a string, or of every `text` field in an array of blocks.
    static func contentText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s): return s
        case .array(let items): return items.compactMap { $0["text"].flatMap(text) ?? text($0) }.joined(separator: "\n")
        case .object: return value?["output"].flatMap(text) ?? value?["content"].map(contentText) ?? ""
        default: return ""
        }
    }

    private static func summary(_ input: JSONValue?) -> String {
        for key in ["file_path", "path", "command", "pattern", "url", "description", "prompt"] {
            if let value = input?[key].flatMap(text) { return oneLine(value) }
        }
        return ""
    }

    private static func folded(_ label: String, _ body: String) -> String {
        "<details><summary>\(label)</summary>\n\n\(body)\n\n</details>\n"
    }

    private static func oneLine(_ s: String, limit: Int = 120) -> String {
        let first = s.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return first.count > limit ? String(first.prefix(limit)) + "…" : first
    }

    private static func text(_ value: JSONValue) -> String? {
        if case .string(let s) = value { return s }
        return nil
    }
}
