/// Codex CLI rollout records as conversation events.
///
/// Record shapes (openai/codex `codex-rs/protocol`: `RolloutItem`, `ResponseItem`, `EventMsg`; and the
/// rollouts in daaain/claude-code-log's test data): `{"timestamp","type":"session_meta","payload":{"id","cwd",
/// "cli_version","git":{"branch"}}}`, `{"type":"turn_context","payload":{"cwd","model"}}`,
/// `{"type":"response_item","payload":{"type":"message"|"reasoning"|"function_call"|"function_call_output"|
/// "custom_tool_call"|"custom_tool_call_output"|"local_shell_call"|"web_search_call",…}}`,
/// `{"type":"compacted","payload":{"message"}}`, `{"type":"event_msg","payload":{"type":"token_count","info":
/// {"total_token_usage":{"input_tokens","cached_input_tokens","output_tokens","reasoning_output_tokens"}}}}`.
/// Older rollouts put the response items at the top level. `event_msg` user and agent messages repeat
/// the response items and are skipped; token counts are cumulative, so each one counts what it added.
extension CodexSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { CodexEventReader(stream: stream) }
}

struct CodexEventReader: TranscriptEventReader {
    let stream: String
    private var context = SessionContext()
    private var model: String?
    /// The last cumulative usage seen, to count each `token_count` once.
    private var total = TokenUsage.zero

    init(stream: String) { self.stream = stream }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        let type = record["type"]?.string
        let payload = record["payload"]
        if payload == nil, type == nil, let id = record["id"]?.string {
            // Pre-envelope rollouts start with `{"id","timestamp","instructions"}`.
            setContext(SessionContext(sessionID: id), line: number, time: record["timestamp"]?.string, into: &events)
            return
        }
        let base = ConversationEvent(.notice(""), stream: stream, line: number, time: record["timestamp"]?.string, model: model)
        var out: [ConversationEvent.Kind] = []
        switch type {
        case "session_meta":
            guard let p = payload else { return }
            var next = context
            if let id = p["id"]?.string { next.sessionID = id }
            if let cwd = p["cwd"]?.string, !cwd.isEmpty { next.cwd = cwd }
            if let branch = p["git", "branch"]?.string, !branch.isEmpty { next.branch = branch }
            if let version = p["cli_version"]?.string { next.toolVersion = version }
            setContext(next, line: number, time: record["timestamp"]?.string, into: &events)
        case "turn_context":
            if let m = payload?["model"]?.string, !m.isEmpty { model = m }
            if let cwd = payload?["cwd"]?.string, !cwd.isEmpty, cwd != context.cwd {
                var next = context
                next.cwd = cwd
                setContext(next, line: number, time: record["timestamp"]?.string, into: &events)
            }
        case "response_item":
            if let p = payload { out = CodexEventReader.item(p) }
        case "compacted":
            out = [.compaction(Compaction(summary: payload?["message"]?.string))]
        case "event_msg":
            guard let p = payload else { return }
            switch p["type"]?.string {
            case "token_count":
                if let usage = p["info", "total_token_usage"] { out = [countTokens(usage)].compactMap { $0 } }
            case "turn_aborted":
                out = [.notice("Interrupted by the user")]
            default:
                return
            }
        case nil where payload == nil:
            out = CodexEventReader.item(record)  // pre-envelope item
        default:
            return
        }
        for kind in out {
            var event = base
            event.kind = kind
            event.model = model
            events.append(event)
        }
    }

    private mutating func setContext(_ next: SessionContext, line: Int, time: String?, into events: inout [ConversationEvent]) {
        guard next != context else { return }
        context = next
        events.append(ConversationEvent(.context(next), stream: stream, line: line, time: time))
    }

    /// The tokens a cumulative report adds to the previous one. Codex counts cached input inside `input_tokens`
    /// and reasoning inside `output_tokens`.
    private mutating func countTokens(_ usage: JSON) -> ConversationEvent.Kind? {
        let cached = usage["cached_input_tokens"]?.int ?? 0
        let now = TokenUsage(
            input: max(0, (usage["input_tokens"]?.int ?? 0) - cached), output: usage["output_tokens"]?.int ?? 0,
            cacheRead: cached)
        // A counter that went down was reset (a new process resumed the rollout): count from zero.
        let base = now.input >= total.input && now.output >= total.output && now.cacheRead >= total.cacheRead ? total : .zero
        total = now
        let added = TokenUsage(input: now.input - base.input, output: now.output - base.output, cacheRead: now.cacheRead - base.cacheRead)
        return added.isZero ? nil : .usage(added)
    }

    // MARK: response items

    static func item(_ p: JSON) -> [ConversationEvent.Kind] {
        switch p["type"]?.string {
        case "message":
            let text = messageText(p["content"])
            let images = (p["content"]?.elements ?? []).filter { $0["type"]?.isString("input_image") == true }.map(image)
            switch p["role"]?.string {
            case "user":
                guard let prompt = userPrompt(text, images: images) else { return [] }
                return [.prompt(prompt)]
            case "assistant":
                return text.trimmingCharacters(in: " \t\r\n").isEmpty ? [] : [.reply(text)]
            default:
                return text.isEmpty ? [] : [.prompt(Prompt(text: text, origin: .injected))]  // developer, system
            }
        case "reasoning":
            let parts = (p["summary"]?.elements ?? []) + (p["content"]?.elements ?? [])
            let text = parts.compactMap { $0["text"]?.string }.joined(separator: "\n\n")
            return text.isEmpty ? [] : [.thinking(text)]
        case "function_call":
            let name = p["name"]?.string ?? "tool"
            let arguments = p["arguments"]?.string.flatMap { JSONDocument.parse($0)?.root }
            return CodexTools.call(name: name, id: p["call_id"]?.string, arguments: arguments, rawArguments: p["arguments"]?.string)
        case "custom_tool_call":
            return CodexTools.call(name: p["name"]?.string ?? "tool", id: p["call_id"]?.string, arguments: nil, rawArguments: p["input"]?.string)
        case "local_shell_call":
            let command = CodexTools.script(p["action", "command"])
            var call = ToolCall(id: p["call_id"]?.string, name: "shell", input: p["action"], summary: ToolInputSummary.oneLine(command, limit: 160))
            call.command = command
            call.reads = ShellReads.files(in: command)
            return [.toolCall(call)]
        case "web_search_call":
            let query = p["action", "query"]?.string ?? ""
            return [.toolCall(ToolCall(id: p["id"]?.string, name: "web_search", input: p["action"], summary: query))]
        case "function_call_output", "custom_tool_call_output":
            return [.toolResult(CodexTools.result(p))]
        default:
            return []
        }
    }

    /// The text of a message's content items (`input_text`, `output_text`, `text`), or a plain string.
    static func messageText(_ content: JSON?) -> String {
        guard let content else { return "" }
        if let s = content.string { return s }
        return content.elements.compactMap { $0["text"]?.string }.joined(separator: "\n\n")
    }

    /// A user message: the person's words, or context Codex adds (environment, instructions, AGENTS.md).
    static func userPrompt(_ text: String, images: [ImageRef]) -> Prompt? {
        let trimmed = text.trimmingCharacters(in: " \t\r\n")
        if trimmed.isEmpty && images.isEmpty { return nil }
        let injected = [
            "<environment_context>", "<user_instructions>", "# AGENTS.md instructions", "<INSTRUCTIONS>",
            "<user_shell_command>", "<turn_aborted>",
        ]
        if injected.contains(where: trimmed.hasPrefix) { return Prompt(text: text, origin: .injected, images: images) }
        // The IDE extension puts context first and the request after this heading.
        if let request = trimmed.firstRange(of: "## My request for Codex:") {
            let words = String(trimmed[request.upperBound...]).trimmingCharacters(in: " \t\r\n")
            return Prompt(text: words, origin: .person, images: images)
        }
        return Prompt(text: text, origin: .person, images: images)
    }

    /// `{"type":"input_image","image_url":"data:image/png;base64,…"}` (the payload redacted to a placeholder).
    static func image(_ item: JSON) -> ImageRef {
        let url = item["image_url"]?.string(maxBytes: 300) ?? ""
        var media = "image"
        if url.hasPrefix("data:"), let semicolon = url.firstIndex(of: ";") {
            media = String(url[url.index(url.startIndex, offsetBy: 5)..<semicolon])
        }
        if let start = url.firstRange(of: "[convo-hook:") {
            return ImagePlaceholder.parse(String(url[start.lowerBound...]), mediaType: media)
        }
        let payload = item["image_url"]?.string.flatMap { url in url.firstRange(of: ";base64,").map { String(url[$0.upperBound...]) } }
        return ImageRef(mediaType: media, bytes: (item["image_url"]?.encodedLength ?? 0) * 3 / 4, sha256: nil, base64: payload)
    }
}
