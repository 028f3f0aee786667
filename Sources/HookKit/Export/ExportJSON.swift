import FoundationEssentials
import HookCore

/// Decoding archived JSONL records for export: whole records, tolerant of anything malformed.
extension JSONValue {
    /// The record on one line; nil for a line that is not a JSON object.
    static func record(_ line: [UInt8]) -> JSONValue? {
        guard line.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{"),
              let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line)),
              case .object = value else { return nil }
        return value
    }

    var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    var arrayValue: [JSONValue] { if case .array(let a) = self { return a } else { return [] } }
    var boolValue: Bool { if case .bool(let b) = self { return b } else { return false } }
    var intValue: Int? { if case .number(let n) = self, n.isFinite, abs(n) < 1e15 { return Int(n) } else { return nil } }

    /// The text of a message `content`: the string itself, or its `text`/`input_text` blocks joined.
    var contentText: String {
        if let s = stringValue { return s }
        return arrayValue.compactMap { block -> String? in
            if let s = block.stringValue { return s }
            guard let type = block["type"]?.stringValue, ["text", "input_text", "output_text"].contains(type) else { return nil }
            return block["text"]?.stringValue
        }.joined(separator: "\n")
    }
}

/// Short one-line renderings for lists in the exported markdown.
enum ExportText {
    /// The first non-empty line of `text`, at most `limit` characters (with `…` when cut).
    static func firstLine(_ text: String, limit: Int = 200) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace() }.first { !$0.isEmpty } ?? ""
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// `text` cut to `limit` characters (with `…` when cut).
    static func capped(_ text: String, limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// `text` without the XML-like tags assistants wrap tool errors in (`<tool_use_error>`).
    static func strippingTags(_ text: String) -> String {
        var out = ""
        var inTag = false
        for ch in text {
            if ch == "<" { inTag = true; continue }
            if inTag { if ch == ">" { inTag = false }; continue }
            out.append(ch)
        }
        return inTag ? text : out
    }
}
