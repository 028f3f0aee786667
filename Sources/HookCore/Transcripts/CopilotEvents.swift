/// GitHub Copilot CLI's session events as conversation events.
///
/// Record shapes (github/copilot-sdk `nodejs/src/generated/session-events.ts`, generated from the CLI's event
/// schema): `{"type","data","id","timestamp","parentId","agentId"}` with `session.start` / `session.resume`
/// `data:{sessionId,copilotVersion,selectedModel,context:{cwd,gitRoot,branch,headCommit}}`,
/// `session.model_change{newModel}`, `user.message{content,source,isAutopilotContinuation,attachments}`,
/// `assistant.message{messageId,content,model,reasoningText,toolRequests:[{toolCallId,name,arguments}]}`,
/// `assistant.reasoning{content}`, `tool.execution_complete{toolCallId,success,result:{content,detailedContent},
/// error:{message}}`, `session.compaction_complete{summaryContent,preCompactionTokens}`, `session.error`,
/// `session.warning`, `session.info` `{message}`, `abort`, and `session.shutdown{modelMetrics:{<model>:{usage:
/// {inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens}}}}`. Per-call token events are ephemeral (never
/// written), so tokens come from `session.shutdown`, which holds the session's totals so far (a resumed session
/// reports them again): each shutdown counts what it added per model. Events with an `agentId` come from a
/// subagent and are marked as its side conversation.
extension CopilotSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { CopilotEventReader(stream: stream) }
}

struct CopilotEventReader: TranscriptEventReader {
    let stream: String
    private var context = SessionContext()
    private var model: String?
    /// Totals per model at the last shutdown, to count each shutdown's report once.
    private var totals: [String: TokenUsage] = [:]

    init(stream: String) { self.stream = stream }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        let data = record["data"]
        let time = record["timestamp"]?.string
        let sidechain = record["agentId"]?.string != nil
        var out: [ConversationEvent.Kind] = []
        var messageID: String?
        switch record["type"]?.string {
        case "session.start", "session.resume", "session.context_changed":
            var next = context
            if let id = data?["sessionId"]?.string { next.sessionID = id }
            let where_ = data?["context"] ?? data
            if let cwd = where_?["cwd"]?.string, !cwd.isEmpty { next.cwd = cwd }
            if let branch = where_?["branch"]?.string, !branch.isEmpty { next.branch = branch }
            if let version = data?["copilotVersion"]?.string { next.toolVersion = version }
            if let selected = data?["selectedModel"]?.string, !selected.isEmpty, selected != "auto" { model = selected }
            if next != context {
                context = next
                out = [.context(next)]
            }
        case "session.model_change":
            if let m = data?["newModel"]?.string, !m.isEmpty, m != "auto" { model = m }
        case "user.message":
            let text = data?["content"]?.string ?? ""
            guard !text.trimmingCharacters(in: " \t\r\n").isEmpty else { return }
            let source = data?["source"]?.string
            let origin: Prompt.Origin
            if sidechain || source?.hasPrefix("agent-") == true {
                origin = .agent
            } else if source != nil || data?["isAutopilotContinuation"]?.isTrue == true {
                origin = .injected
            } else {
                origin = text.hasPrefix("/") ? .command : .person
            }
            out = [.prompt(Prompt(text: text, origin: origin, images: CopilotEventReader.images(data?["attachments"])))]
        case "assistant.message":
            messageID = data?["messageId"]?.string
            if let m = data?["model"]?.string, !m.isEmpty { model = m }
            if let thinking = data?["reasoningText"]?.string, !thinking.isEmpty { out.append(.thinking(thinking)) }
            if let text = data?["content"]?.string, !text.trimmingCharacters(in: " \t\r\n").isEmpty { out.append(.reply(text)) }
            for request in data?["toolRequests"]?.elements ?? [] {
                var arguments = request["arguments"]
                var raw: String?
                if let text = arguments?.string {
                    raw = text
                    arguments = JSONDocument.parse(text)?.root
                }
                out += CommonTools.call(name: request["name"]?.string ?? "tool", id: request["toolCallId"]?.string, input: arguments, inputText: raw)
            }
        case "assistant.reasoning":
            if let text = data?["content"]?.string, !text.isEmpty { out = [.thinking(text)] }
        case "tool.execution_complete":
            let success = data?["success"]?.bool ?? true
            let result = data?["result"]
            let text = result?["detailedContent"]?.string ?? result?["content"]?.string ?? data?["error", "message"]?.string ?? ""
            out = [.toolResult(ToolResult(callID: data?["toolCallId"]?.string, text: text, isError: !success))]
        case "session.compaction_complete":
            guard data?["success"]?.bool != false else { return }
            out = [.compaction(Compaction(summary: data?["summaryContent"]?.string, tokensBefore: data?["preCompactionTokens"]?.int))]
        case "session.error", "session.warning", "session.info":
            if let message = data?["message"]?.string, !message.isEmpty { out = [.notice(message)] }
        case "abort":
            out = [.notice("Interrupted by the user")]
        case "session.shutdown":
            for (name, metric) in data?["modelMetrics"]?.members ?? [] {
                guard let usage = metric["usage"] else { continue }
                let now = TokenUsage(
                    input: usage["inputTokens"]?.int ?? 0, output: usage["outputTokens"]?.int ?? 0,
                    cacheRead: usage["cacheReadTokens"]?.int ?? 0, cacheWrite: usage["cacheWriteTokens"]?.int ?? 0)
                let before = totals[name] ?? .zero
                // A total that went down started again from zero (an older CLI reported each run alone).
                let base = now.input >= before.input && now.output >= before.output && now.cacheRead >= before.cacheRead ? before : .zero
                totals[name] = now
                let added = TokenUsage(
                    input: now.input - base.input, output: now.output - base.output, cacheRead: now.cacheRead - base.cacheRead,
                    cacheWrite: max(0, now.cacheWrite - base.cacheWrite))
                guard !added.isZero else { continue }
                var event = ConversationEvent(.usage(added), stream: stream, line: number, time: time, model: name, messageID: "shutdown-\(number)-\(name)")
                event.isSidechain = sidechain
                events.append(event)
            }
            return
        default:
            return
        }
        for kind in out {
            events.append(
                ConversationEvent(kind, stream: stream, line: number, time: time, model: model, messageID: messageID, recordID: record["id"]?.string, isSidechain: sidechain))
        }
    }

    /// Image attachments (`{"type":"file"|"blob","mimeType":"image/…"}`), as placeholders.
    static func images(_ attachments: JSON?) -> [ImageRef] {
        (attachments?.elements ?? []).compactMap { item in
            guard let media = item["mimeType"]?.string, media.hasPrefix("image/") else { return nil }
            return ImageRef(mediaType: media, bytes: item["byteLength"]?.int, sha256: nil)
        }
    }
}
