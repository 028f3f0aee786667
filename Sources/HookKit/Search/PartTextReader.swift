import HookCore

/// Turns the lines of one part file into searchable documents, one per role present in a line
/// (Aider: one per run of lines of the same role). Any bytes are accepted: damaged JSON yields what
/// could be read before the damage, invalid UTF-8 decodes to U+FFFD, nothing traps.
public struct PartTextReader {
    public let format: PartFormat
    /// Longest text kept for one document; the rest of a giant tool output is not indexed.
    public static let maxDocumentBytes = 1 << 20

    private var aiderRun: SearchDocument?
    private var aiderTimestamp: String?

    public init(format: PartFormat) { self.format = format }

    /// The documents of line `number` (1-based). For Aider a run may be returned only when it ends
    /// (call `finish()` after the last line).
    public mutating func documents(line bytes: ArraySlice<UInt8>, number: Int) -> [SearchDocument] {
        switch format {
        case .claude: return PartTextReader.claude(bytes, number)
        case .codex: return PartTextReader.codex(bytes, number)
        case .aider: return aider(bytes, number)
        case .generic:
            let claude = PartTextReader.claude(bytes, number)
            if !claude.isEmpty { return claude }
            let codex = PartTextReader.codex(bytes, number)
            if !codex.isEmpty { return codex }
            return PartTextReader.generic(bytes, number)
        }
    }

    /// The pending Aider run, if any.
    public mutating func finish() -> [SearchDocument] {
        defer { aiderRun = nil }
        return aiderRun.map { [$0] } ?? []
    }

    // MARK: Claude Code

    static func claude(_ bytes: ArraySlice<UInt8>, _ number: Int) -> [SearchDocument] {
        let top = JSONLineFields.members(bytes, keys: ["type", "timestamp", "message", "summary"])
        guard let typeRange = top["type"], let type = JSONLineFields.string(bytes, typeRange) else { return [] }
        let timestamp = top["timestamp"].flatMap { JSONLineFields.string(bytes, $0) }
        var parts = Parts(line: number, timestamp: timestamp)
        switch type {
        case "user", "assistant":
            guard let message = top["message"] else { return [] }
            let content = JSONLineFields.members(bytes[message], keys: ["content"])["content"]
            guard let content else { return [] }
            let base: SearchRole = type == "user" ? .user : .assistant
            if let text = JSONLineFields.string(bytes, content) {
                parts.add(base, text)
                break
            }
            for block in JSONLineFields.elements(bytes, content) {
                let b = JSONLineFields.members(bytes[block], keys: ["type", "text", "thinking", "name", "input", "content"])
                switch b["type"].flatMap({ JSONLineFields.string(bytes, $0) }) {
                case "text": parts.add(base, b["text"].flatMap { JSONLineFields.string(bytes, $0) })
                case "thinking": parts.add(.thinking, b["thinking"].flatMap { JSONLineFields.string(bytes, $0) })
                case "tool_use":
                    let name = b["name"].flatMap { JSONLineFields.string(bytes, $0) } ?? "tool"
                    parts.add(.toolCall, name + ": " + (b["input"].map { stringLeaves(bytes, $0) } ?? ""))
                case "tool_result":
                    guard let c = b["content"] else { continue }
                    parts.add(.toolOutput, JSONLineFields.string(bytes, c) ?? stringLeaves(bytes, c, keys: ["text"]))
                default: continue
                }
            }
        case "summary":
            parts.add(.summary, top["summary"].flatMap { JSONLineFields.string(bytes, $0) })
        default:
            return []
        }
        return parts.documents
    }

    // MARK: Codex

    static func codex(_ bytes: ArraySlice<UInt8>, _ number: Int) -> [SearchDocument] {
        let top = JSONLineFields.members(bytes, keys: ["type", "timestamp", "payload"])
        let timestamp = top["timestamp"].flatMap { JSONLineFields.string(bytes, $0) }
        let item: Range<Int>
        if let payload = top["payload"] {
            guard top["type"].flatMap({ JSONLineFields.string(bytes, $0) }) == "response_item" else { return [] }
            item = payload
        } else {
            item = bytes.startIndex..<bytes.endIndex   // older rollouts: items at the top level
        }
        let m = JSONLineFields.members(bytes[item], keys: ["type", "role", "content", "summary", "name", "arguments", "input", "output", "action"])
        var parts = Parts(line: number, timestamp: timestamp)
        switch m["type"].flatMap({ JSONLineFields.string(bytes, $0) }) {
        case "message":
            let role: SearchRole
            switch m["role"].flatMap({ JSONLineFields.string(bytes, $0) }) {
            case "user": role = .user
            case "assistant": role = .assistant
            default: return []
            }
            guard let content = m["content"] else { return [] }
            parts.add(role, JSONLineFields.string(bytes, content) ?? stringLeaves(bytes, content, keys: ["text"]))
        case "reasoning":
            parts.add(.thinking, m["summary"].map { stringLeaves(bytes, $0, keys: ["text"]) })
            parts.add(.thinking, m["content"].map { stringLeaves(bytes, $0, keys: ["text"]) })
        case "function_call", "custom_tool_call":
            let name = m["name"].flatMap { JSONLineFields.string(bytes, $0) } ?? "tool"
            let args = (m["arguments"] ?? m["input"]).map { JSONLineFields.string(bytes, $0) ?? stringLeaves(bytes, $0) } ?? ""
            parts.add(.toolCall, name + ": " + args)
        case "local_shell_call":
            parts.add(.toolCall, "shell: " + (m["action"].map { stringLeaves(bytes, $0) } ?? ""))
        case "function_call_output", "custom_tool_call_output":
            guard let output = m["output"] else { return [] }
            parts.add(.toolOutput, JSONLineFields.string(bytes, output) ?? stringLeaves(bytes, output))
        default:
            return []
        }
        return parts.documents
    }

    // MARK: Aider and other sources

    private mutating func aider(_ bytes: ArraySlice<UInt8>, _ number: Int) -> [SearchDocument] {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("# aider chat started at ") {
            aiderTimestamp = String(text.dropFirst("# aider chat started at ".count).trimmingCharacters(in: " \r"))
            return finish()
        }
        let role: SearchRole
        var body = Substring(text)
        if body.hasPrefix("#### ") { role = .user; body = body.dropFirst(5) }
        else if body.hasPrefix(">") { role = .toolOutput; body = body.dropFirst().drop { $0 == " " } }
        else { role = .assistant }
        if body.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return [] }
        if var run = aiderRun, run.role == role, run.text.utf8.count < PartTextReader.maxDocumentBytes {
            run.text += "\n" + body
            aiderRun = run
            return []
        }
        let done = finish()
        aiderRun = SearchDocument(line: number, role: role, timestamp: aiderTimestamp, text: String(body))
        return done
    }

    static func generic(_ bytes: ArraySlice<UInt8>, _ number: Int) -> [SearchDocument] {
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 }
        let text = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
            ? stringLeaves(bytes, bytes.startIndex..<bytes.endIndex)
            : String(decoding: bytes, as: UTF8.self)
        var parts = Parts(line: number, timestamp: nil)
        parts.add(.text, text)
        return parts.documents
    }

    // MARK: helpers

    /// The documents of one line, one per role, in the order roles first appear.
    private struct Parts {
        let line: Int
        let timestamp: String?
        var documents: [SearchDocument] = []

        mutating func add(_ role: SearchRole, _ text: String?) {
            guard let text, text.contains(where: { !$0.isWhitespace }) else { return }
            if let i = documents.firstIndex(where: { $0.role == role }) {
                guard documents[i].text.utf8.count < PartTextReader.maxDocumentBytes else { return }
                documents[i].text += "\n" + text
            } else {
                documents.append(SearchDocument(line: line, role: role, timestamp: timestamp, text: PartTextReader.capped(text)))
            }
        }
    }

    static func capped(_ text: String) -> String {
        guard text.utf8.count > maxDocumentBytes else { return text }
        return String(decoding: text.utf8.prefix(maxDocumentBytes), as: UTF8.self)
    }

    /// The string values (not keys) inside the JSON value at `range`, joined by spaces; with `keys`,
    /// only the values of members with those names (at any depth).
    static func stringLeaves(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>, keys: Set<String>? = nil) -> String {
        guard range.lowerBound >= bytes.startIndex, range.upperBound <= bytes.endIndex else { return "" }
        let wanted = keys.map { Set($0.map { Array($0.utf8) }) }
        var out: [UInt8] = []
        bytes[range].withUnsafeBufferPointer { buf in
            var s = JSONLineFields.Scanner(buf)
            var lastKey: Range<Int>?
            while let c = s.peek, out.count < maxDocumentBytes {
                guard c == UInt8(ascii: "\"") else { s.i += 1; continue }
                let start = s.i
                guard s.skipString() else { return }
                let end = s.i
                var j = s.i
                while j < buf.count, JSONLineFields.Scanner.isWhitespace(buf[j]) { j += 1 }
                if j < buf.count, buf[j] == UInt8(ascii: ":") {
                    lastKey = (start + 1)..<(end - 1)
                    continue
                }
                if let wanted {
                    guard let key = lastKey, wanted.contains(Array(buf[key])) else { continue }
                }
                let body = UnsafeBufferPointer(rebasing: buf[(start + 1)..<(end - 1)])
                if !out.isEmpty { out.append(0x20) }
                if body.contains(UInt8(ascii: "\\")) {
                    out += JSONLineFields.unescape(ArraySlice(body))
                } else {
                    out += body
                }
            }
        }
        return String(decoding: out.prefix(maxDocumentBytes), as: UTF8.self)
    }
}
