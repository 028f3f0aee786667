/// Claude Code's transcript records as conversation events.
///
/// Record shapes (as Claude Code 1.x–2.x writes them; see also daaain/claude-code-log's test data):
/// `{"type":"user"|"assistant","uuid","parentUuid","isSidechain","isMeta","isCompactSummary","cwd",
/// "gitBranch","sessionId","version","timestamp","message":{"id","model","role","content":[…],"usage":{…}},
/// "toolUseResult":{…},"agentId"}`, `{"type":"summary","summary","leafUuid"}`,
/// `{"type":"system","subtype":"compact_boundary","compactMetadata":{"trigger","preTokens"}}`.
/// An assistant message is streamed over several records with one `message.id`, one content block
/// each; every one repeats `usage`, and only the last holds the final `output_tokens`.
extension ClaudeCodeSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { ClaudeEventReader(stream: stream) }
}

struct ClaudeEventReader: TranscriptEventReader {
    let stream: String
    private var context = SessionContext()

    init(stream: String) { self.stream = stream }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        var base = ConversationEvent(
            .notice(""), stream: stream, line: number, time: record["timestamp"]?.string,
            recordID: record["uuid"]?.string, isSidechain: record["isSidechain"]?.isTrue ?? false)
        func emit(_ kind: ConversationEvent.Kind) {
            var event = base
            event.kind = kind
            events.append(event)
        }
        noteContext(record, emit: emit)
        switch record["type"]?.string {
        case "summary":
            if let text = record["summary"]?.string, !text.isEmpty {
                emit(.summary(Summary(text: text, leafID: record["leafUuid"]?.string)))
            }
        case "user":
            readUser(record, emit: emit)
        case "assistant":
            let message = record["message"]
            base.messageID = message?["id"]?.string
            if let model = message?["model"]?.string, !model.hasPrefix("<") { base.model = model }
            readAssistant(record, emit: emit)
        case "system":
            readSystem(record, emit: emit)
        default:
            return  // file-history-snapshot, queue-operation, progress: bookkeeping, not conversation
        }
    }

    /// A `.context` event whenever cwd, branch, session id or version change.
    private mutating func noteContext(_ record: JSON, emit: (ConversationEvent.Kind) -> Void) {
        var next = context
        if let id = record["sessionId"]?.string, !id.isEmpty { next.sessionID = id }
        if let cwd = record["cwd"]?.string, !cwd.isEmpty { next.cwd = cwd }
        if let branch = record["gitBranch"]?.string, !branch.isEmpty { next.branch = branch }
        if let version = record["version"]?.string, !version.isEmpty { next.toolVersion = version }
        guard next != context else { return }
        context = next
        emit(.context(next))
    }

    // MARK: user records

    private func readUser(_ record: JSON, emit: (ConversationEvent.Kind) -> Void) {
        guard let content = record["message", "content"] else { return }
        if record["isCompactSummary"]?.isTrue == true {
            emit(.compaction(Compaction(summary: ClaudeEventReader.plainText(content))))
            return
        }
        let isMeta = record["isMeta"]?.isTrue == true
        let fromAgent = stream != "main" || record["isSidechain"]?.isTrue == true
        if let text = content.string {
            emitText(text, images: [], isMeta: isMeta, fromAgent: fromAgent, emit: emit)
            return
        }
        var texts: [String] = []
        var images: [ImageRef] = []
        let results = content.elements.filter { $0["type"]?.isString("tool_result") == true }
        for block in content.elements {
            switch block["type"]?.string {
            case "text":
                if let t = block["text"]?.string { texts.append(t) }
            case "image":
                images.append(ClaudeEventReader.image(block))
            case "tool_result":
                emit(.toolResult(toolResult(block, record: record, onlyResult: results.count == 1)))
            default:
                continue
            }
        }
        if !texts.isEmpty || !images.isEmpty {
            emitText(texts.joined(separator: "\n\n"), images: images, isMeta: isMeta, fromAgent: fromAgent, emit: emit)
        }
    }

    /// Classifies text on the user's side: typed, a command, or injected by Claude Code.
    private func emitText(_ text: String, images: [ImageRef], isMeta: Bool, fromAgent: Bool, emit: (ConversationEvent.Kind) -> Void) {
        let trimmed = text.trimmingCharacters(in: " \t\r\n")
        if trimmed.isEmpty && images.isEmpty { return }
        if trimmed.hasPrefix("[Request interrupted by user") {
            emit(.notice("Interrupted by the user"))
            return
        }
        if isMeta {
            emit(.prompt(Prompt(text: text, origin: .injected, images: images)))
            return
        }
        if trimmed.contains("<command-name>") {
            let name = ClaudeEventReader.between(trimmed, "<command-name>", "</command-name>") ?? ""
            let args = ClaudeEventReader.between(trimmed, "<command-args>", "</command-args>") ?? ""
            let command = (name.hasPrefix("/") ? name : "/" + name) + (args.isEmpty ? "" : " " + args)
            emit(.prompt(Prompt(text: command, origin: .command, images: images)))
            return
        }
        if let input = ClaudeEventReader.between(trimmed, "<bash-input>", "</bash-input>"), trimmed.hasPrefix("<bash-input>") {
            emit(.prompt(Prompt(text: "! " + input, origin: .command, images: images)))
            return
        }
        let injectedPrefixes = [
            "<local-command-stdout>", "<local-command-stderr>", "<bash-stdout>", "<bash-stderr>",
            "<system-reminder>", "<user-prompt-submit-hook>", "Caveat: The messages below were generated",
        ]
        if injectedPrefixes.contains(where: trimmed.hasPrefix) {
            emit(.prompt(Prompt(text: text, origin: .injected, images: images)))
            return
        }
        emit(.prompt(Prompt(text: text, origin: fromAgent ? .agent : .person, images: images)))
    }

    private func toolResult(_ block: JSON, record: JSON, onlyResult: Bool) -> ToolResult {
        var texts: [String] = []
        var images: [ImageRef] = []
        if let content = block["content"] {
            if let s = content.string {
                texts.append(s)
            } else {
                for item in content.elements {
                    if item["type"]?.isString("image") == true {
                        images.append(ClaudeEventReader.image(item))
                    } else if let t = item["text"]?.string {
                        texts.append(t)
                    }
                }
            }
        }
        let text = texts.joined(separator: "\n")
        let isError = block["is_error"]?.isTrue == true
        var result = ToolResult(callID: block["tool_use_id"]?.string, text: text, isError: isError, images: images)
        if isError { result.rejection = ClaudeEventReader.rejection(text) }
        // The subagent a Task/Agent result reports: `toolUseResult.agentId` (2.x), the record's `agentId`
        // outside a sidechain (1.x), or the `agentId: …` line of the result text.
        var agent: String?
        if onlyResult {
            agent = record["toolUseResult", "agentId"]?.string
            if agent == nil, record["isSidechain"]?.isTrue != true { agent = record["agentId"]?.string }
        }
        // The `agentId: …` line ends a Task result: only the tail is searched (results can be megabytes).
        let tail = String(decoding: text.utf8.suffix(400), as: UTF8.self)
        if agent == nil, let range = tail.firstRange(of: "agentId: ") {
            let id = tail[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !id.isEmpty { agent = String(id) }
        }
        if let agent, !agent.isEmpty { result.subagentStream = "subagents/agent-" + agent }
        return result
    }

    /// Claude Code's words when the person refuses a tool call; the person's own words follow
    /// "the user said:" when they gave any.
    static func rejection(_ text: String) -> Rejection? {
        guard
            text.hasPrefix("The user doesn't want to proceed with this tool use")
                || text.hasPrefix("The user doesn't want to take this action right now")
        else { return nil }
        guard let said = text.firstRange(of: "the user said:") else { return Rejection(userWords: nil) }
        let words = text[said.upperBound...].trimmingCharacters(in: " \t\r\n")
        return Rejection(userWords: words.isEmpty ? nil : String(words))
    }

    // MARK: assistant records

    private func readAssistant(_ record: JSON, emit: (ConversationEvent.Kind) -> Void) {
        guard let message = record["message"] else { return }
        let content = message["content"]
        if record["isApiErrorMessage"]?.isTrue == true {
            emit(.notice(content.map(ClaudeEventReader.plainText) ?? "API error"))
        } else if let text = content?.string {
            if !text.isEmpty { emit(.reply(text)) }
        } else {
            for block in content?.elements ?? [] {
                switch block["type"]?.string {
                case "text":
                    if let t = block["text"]?.string, !t.trimmingCharacters(in: " \t\r\n").isEmpty { emit(.reply(t)) }
                case "thinking":
                    if let t = block["thinking"]?.string, !t.isEmpty { emit(.thinking(t)) }
                case "tool_use", "server_tool_use":
                    let call = ClaudeTools.call(block)
                    emit(.toolCall(call))
                    if call.name == "TodoWrite", let todos = ClaudeTools.todos(block["input"]) { emit(.todos(todos)) }
                case "web_search_tool_result":
                    let text = block["content"].map { $0.stringLeaves(limit: 100_000).joined(separator: "\n") } ?? ""
                    emit(.toolResult(ToolResult(callID: block["tool_use_id"]?.string, text: text, isError: false)))
                default:
                    continue
                }
            }
        }
        if let usage = message["usage"], usage.kind == .object {
            emit(
                .usage(
                    TokenUsage(
                        input: usage["input_tokens"]?.int ?? 0, output: usage["output_tokens"]?.int ?? 0,
                        cacheRead: usage["cache_read_input_tokens"]?.int ?? 0,
                        cacheWrite: usage["cache_creation_input_tokens"]?.int ?? 0)))
        }
    }

    // MARK: system records

    private func readSystem(_ record: JSON, emit: (ConversationEvent.Kind) -> Void) {
        let subtype = record["subtype"]?.string
        if subtype == "compact_boundary" {
            let meta = record["compactMetadata"]
            emit(.compaction(Compaction(summary: nil, trigger: meta?["trigger"]?.string, tokensBefore: meta?["preTokens"]?.int)))
            return
        }
        guard let text = record["content"]?.string, !text.isEmpty else { return }
        if subtype == "local_command" {
            emitText(text, images: [], isMeta: false, fromAgent: false, emit: emit)
            return
        }
        let level = record["level"]?.string
        if level == "error" || level == "warning" { emit(.notice(text)) }
    }

    // MARK: helpers

    /// The text of a content value: a string, or its text blocks joined.
    static func plainText(_ content: JSON) -> String {
        if let s = content.string { return s }
        return content.elements.compactMap { $0["text"]?.string }.joined(separator: "\n\n")
    }

    /// An image block: `{"type":"image","source":{"type":"base64","media_type","data"}}`; `data` holds
    /// redaction's placeholder, or the payload when `convo.keepImages` kept it.
    static func image(_ block: JSON) -> ImageRef {
        let source = block["source"]
        let media = source?["media_type"]?.string ?? "image"
        guard let data = source?["data"] else {
            return ImageRef(mediaType: media, bytes: nil, sha256: nil)
        }
        if let placeholder = data.string(maxBytes: 200), placeholder.hasPrefix("[convo-hook:") {
            return ImagePlaceholder.parse(placeholder, mediaType: media)
        }
        return ImageRef(mediaType: media, bytes: data.encodedLength * 3 / 4, sha256: nil, base64: data.string)
    }

    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.firstRange(of: open), let end = text[start.upperBound...].firstRange(of: close) else { return nil }
        return String(text[start.upperBound..<end.lowerBound]).trimmingCharacters(in: " \t\r\n")
    }
}

/// Redaction's image placeholder, read back: `[convo-hook: image/png omitted, 52134 bytes, sha256=…]`.
enum ImagePlaceholder {
    static func parse(_ text: String, mediaType: String) -> ImageRef {
        var bytes: Int?
        var sha: String?
        for field in text.split(separator: ",") {
            let f = field.trimmingCharacters(in: " ]")
            if f.hasSuffix(" bytes") { bytes = Int(f.dropLast(" bytes".count)) }
            if f.hasPrefix("sha256=") { sha = String(f.dropFirst("sha256=".count)) }
        }
        return ImageRef(mediaType: mediaType, bytes: bytes, sha256: sha)
    }
}
