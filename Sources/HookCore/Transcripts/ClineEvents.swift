/// Cline's records as conversation events.
///
/// Record shapes (cline/cline): tasks' `api_conversation_history.json` holds `ClineStorageMessage`s (`{"role",
/// "content","ts","modelInfo","metrics"}`, Anthropic `MessageParam` blocks: `text`, `image`, `thinking`, `tool_use`,
/// `tool_result`; `apps/vscode/src/shared/messages/content.ts`). Before native tool calls, a tool call was XML in the
/// assistant's text (`<read_file><path>…</path></read_file>`) and its result a user text `[read_file for '…']
/// Result:`; the user's words come as `<task>`, `<feedback>` or `<answer>` beside an injected `<environment_details>`.
/// The token report of each API request is the `api_req_started` message of `ui_messages.json` (`ClineApiReqInfo`:
/// `tokensIn`, `tokensOut`, `cacheWrites`, `cacheReads`, `cost`). SDK sessions (`sdk/packages/core/fixtures/
/// messages/*.messages.json`): `{"id","role","content":[text|thinking|tool_use|tool_result|file],"ts","modelInfo":
/// {"id","provider"},"metrics":{"inputTokens","outputTokens","cacheReadTokens","cacheWriteTokens","cost"}}`.
extension ClineSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { ClineEventReader(stream: stream) }
}

struct ClineEventReader: TranscriptEventReader {
    let stream: String
    private var model: String?
    private var context = SessionContext()
    /// The last XML-era tool call, which the next `[tool for '…'] Result:` answers (Cline ran one tool per message).
    private var openCall: String?

    init(stream: String) { self.stream = stream }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        let bytes = Array(line)
        let revision = ClineSource().recordID(ofArchivedLine: bytes)
        var base = ConversationEvent(.notice(""), stream: stream, line: number, time: SourceTime.iso(record["ts"]))
        base.revision = revision
        base.recordID = revision
        if let id = record["session_id"]?.string {
            if let m = record["model"]?.string, !m.isEmpty { model = m }
            var next = context
            next.sessionID = id
            next.cwd = record["cwd"]?.string ?? record["workspace_root"]?.string
            guard next != context else { return }
            context = next
            base.kind = .context(next)
            base.time = record["started_at"]?.string
            events.append(base)
            return
        }
        if record["say"]?.isString("api_req_started") == true {
            let usage = TokenUsage(
                input: record["tokensIn"]?.int ?? 0, output: record["tokensOut"]?.int ?? 0, cacheRead: record["cacheReads"]?.int ?? 0,
                cacheWrite: record["cacheWrites"]?.int ?? 0, reportedCost: record["cost"]?.double)
            guard !usage.isZero else { return }
            base.kind = .usage(usage)
            base.model = model
            base.messageID = revision
            events.append(base)
            return
        }
        if let m = record["modelInfo", "modelId"]?.string ?? record["modelInfo", "id"]?.string, !m.isEmpty { model = m }
        base.model = model
        var calls = 0
        func emit(_ kind: ConversationEvent.Kind) {
            var event = base
            event.kind = kind
            switch kind {
            case .toolCall(var call) where call.id == nil:
                calls += 1
                call.id = "xml-\(number)-\(calls)"
                openCall = call.id
                event.kind = .toolCall(call)
            case .toolResult(var result) where result.callID == nil:
                result.callID = openCall
                openCall = nil
                event.kind = .toolResult(result)
            default:
                break
            }
            events.append(event)
        }
        let role = record["role"]?.string
        let content = record["content"]
        let blocks = content?.string.map { _ in [content!] } ?? content?.elements ?? []
        // An older tool result is a `[tool for '…'] Result:` block followed by the output in the next text blocks.
        var result: String?
        func flushResult() {
            guard let text = result else { return }
            emit(.toolResult(ToolResult(callID: nil, text: text, isError: text.hasPrefix("The tool execution failed"))))
            result = nil
        }
        for block in blocks {
            let text = block.string ?? (block["type"]?.isString("text") == true ? block["text"]?.string : nil)
            if let text {
                let trimmed = text.trimmingCharacters(in: " \t\r\n")
                if role != "user" {
                    for kind in ClineText.assistantEvents(text) { emit(kind) }
                } else if let output = ClineText.resultOutput(trimmed) {
                    flushResult()
                    result = output
                } else if result != nil, !trimmed.hasPrefix("<") {
                    result = (result!.isEmpty ? "" : result! + "\n") + text
                } else {
                    flushResult()
                    for kind in ClineText.userEvents(text, fromAgent: stream != "main") { emit(kind) }
                }
                continue
            }
            flushResult()
            switch block["type"]?.string {
            case "thinking":
                if let t = block["thinking"]?.string, !t.isEmpty { emit(.thinking(t)) }
            case "tool_use":
                var input = block["input"]
                var raw: String?
                if let text = input?.string {
                    raw = text
                    input = JSONDocument.parse(text)?.root
                }
                for kind in CommonTools.call(name: block["name"]?.string ?? "tool", id: block["id"]?.string, input: input, inputText: raw) { emit(kind) }
            case "tool_result":
                let value = block["content"]
                let text = value?.string ?? value?.elements.compactMap { $0["text"]?.string }.joined(separator: "\n") ?? ""
                emit(.toolResult(ToolResult(callID: block["tool_use_id"]?.string, text: text, isError: block["is_error"]?.isTrue == true)))
            case "image":
                if role == "user" {
                    emit(.prompt(Prompt(text: "", origin: .person, images: [ImageRef(mediaType: block["source", "media_type"]?.string ?? "image", bytes: nil, sha256: nil)])))
                }
            default:
                continue
            }
        }
        flushResult()
        if let metrics = record["metrics"], metrics.kind == .object {
            base.messageID = revision
            emit(
                .usage(
                    TokenUsage(
                        input: metrics["inputTokens"]?.int ?? 0, output: metrics["outputTokens"]?.int ?? 0,
                        cacheRead: metrics["cacheReadTokens"]?.int ?? 0, cacheWrite: metrics["cacheWriteTokens"]?.int ?? 0,
                        reportedCost: metrics["cost"]?.double)))
        }
    }
}

/// Cline's text conventions: the tags around the person's words and the XML tool calls of its older versions.
enum ClineText {
    /// The tools Cline called with XML in its text, before native tool calls.
    static let xmlTools = [
        "execute_command", "read_file", "write_to_file", "replace_in_file", "search_files", "list_files", "list_code_definition_names",
        "browser_action", "use_mcp_tool", "access_mcp_resource", "ask_followup_question", "attempt_completion", "new_task",
        "plan_mode_respond", "web_fetch", "load_mcp_documentation",
    ]
    static let personTags = ["task", "feedback", "answer", "user_message"]

    /// What the person wrote in a user text block, nil for what Cline injected.
    static func userWords(_ text: String) -> String? {
        for tag in personTags {
            if let inner = between(text, "<\(tag)>", "</\(tag)>"), !inner.isEmpty { return inner }
        }
        let t = text.trimmingCharacters(in: " \t\r\n")
        return t.isEmpty || t.hasPrefix("<") || t.hasPrefix("[") ? nil : t
    }

    /// The output after `[tool for '…'] Result:` (possibly empty: it then follows in the next blocks).
    static func resultOutput(_ text: String) -> String? {
        guard text.hasPrefix("["), let marker = text.firstRange(of: "] Result:"), !text[..<marker.lowerBound].contains("\n") else { return nil }
        return String(text[marker.upperBound...]).trimmingCharacters(in: " \t\r\n")
    }

    static func userEvents(_ text: String, fromAgent: Bool) -> [ConversationEvent.Kind] {
        let t = text.trimmingCharacters(in: " \t\r\n")
        if let words = userWords(text) { return [.prompt(Prompt(text: words, origin: fromAgent ? .agent : .person))] }
        return t.isEmpty ? [] : [.prompt(Prompt(text: text, origin: .injected))]
    }

    /// A reply, with each XML tool call in it as a call (and `attempt_completion`'s result as reply text).
    static func assistantEvents(_ text: String) -> [ConversationEvent.Kind] {
        var out: [ConversationEvent.Kind] = []
        var rest = Substring(text)
        var prose = ""
        while let (tool, open) = (xmlTools + ["thinking"]).compactMap({ name in rest.firstRange(of: "<\(name)>").map { (name, $0) } }).min(by: { $0.1.lowerBound < $1.1.lowerBound }
        ) {
            prose += rest[..<open.lowerBound]
            let close = rest[open.upperBound...].firstRange(of: "</\(tool)>")
            let body = close.map { rest[open.upperBound..<$0.lowerBound] } ?? rest[open.upperBound...]
            rest = close.map { rest[$0.upperBound...] } ?? ""
            if tool == "thinking" {
                flush(&prose, into: &out)
                let thought = body.trimmingCharacters(in: " \t\r\n")
                if !thought.isEmpty { out.append(.thinking(String(thought))) }
                continue
            }
            var parameters: [(String, String)] = []
            var scan = body
            while let start = scan.firstRange(of: "<"), let end = scan[start.upperBound...].firstIndex(of: ">") {
                let name = String(scan[start.upperBound..<end])
                guard !name.hasPrefix("/"), let closing = scan[scan.index(after: end)...].firstRange(of: "</\(name)>") else { break }
                parameters.append((name, String(scan[scan.index(after: end)..<closing.lowerBound]).trimmingCharacters(in: "\n")))
                scan = scan[closing.upperBound...]
            }
            if tool == "attempt_completion" || tool == "plan_mode_respond" || tool == "ask_followup_question" {
                let said = parameters.first { ["result", "response", "question"].contains($0.0) }?.1 ?? ""
                if !said.isEmpty { prose += (prose.isEmpty ? "" : "\n\n") + said }
                continue
            }
            flush(&prose, into: &out)
            let json = "{" + parameters.map { JSONText.quoted($0.0) + ":" + JSONText.quoted($0.1) }.joined(separator: ",") + "}"
            out += CommonTools.call(name: tool, id: nil, input: JSONDocument.parse(json)?.root)
        }
        prose += rest
        flush(&prose, into: &out)
        return out
    }

    private static func flush(_ prose: inout String, into out: inout [ConversationEvent.Kind]) {
        let trimmed = prose.trimmingCharacters(in: " \t\r\n")
        if !trimmed.isEmpty { out.append(.reply(trimmed)) }
        prose = ""
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.firstRange(of: open) else { return nil }
        let end = text[start.upperBound...].firstRange(of: close)?.lowerBound ?? text.endIndex
        return String(text[start.upperBound..<end]).trimmingCharacters(in: " \t\r\n")
    }
}
