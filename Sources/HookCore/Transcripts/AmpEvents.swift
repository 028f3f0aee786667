/// Amp thread records as conversation events.
///
/// Record shapes (Amp's plugin API, ampcode.com/manual/plugin-api: `ThreadUserMessage` with `(text | tool_result)`
/// blocks, `ThreadAssistantMessage` with `(text | thinking | tool_use)` blocks, `ThreadInfoMessage`; and the thread
/// files `~/.local/share/amp/threads/T-*.json` as readers of them document them): the thread `{"id":"T-…","created"
/// (ms),"title","env":{"initial":{"trees":[{"uri"}]}}}`; messages `{"role","messageId","content":[…],"state",
/// "usage":{"model","inputTokens","outputTokens","cacheCreationInputTokens","cacheReadInputTokens"},"meta":{"sentAt"}}`
/// with `tool_use{id,name,input}` and `tool_result{toolUseID,run:{status,result,error}}`. Each event's `revision` is
/// the record's id (`m<messageId>`): a message Amp changed shows in its last version.
extension AmpSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { AmpEventReader(stream: stream) }
}

struct AmpEventReader: TranscriptEventReader {
    let stream: String

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        if let id = record["id"]?.string, id.hasPrefix("T-") {
            var base = ConversationEvent(.notice(""), stream: stream, line: number, time: SourceTime.iso(record["created"]), recordID: "$thread")
            base.revision = "$thread"
            let bytes = Array(line)
            let trees = AmpSource.workspaceTrees(bytes, env: JSONLineFields.members(bytes, keys: ["env"])["env"])
            base.kind = .context(SessionContext(sessionID: id, cwd: trees.first))
            events.append(base)
            if let title = record["title"]?.string, !title.isEmpty {
                base.kind = .summary(Summary(text: title, leafID: "$thread"))  // the thread's own title
                events.append(base)
            }
            return
        }
        let messageID = record["messageId"].map { $0.string ?? $0.rawText }.map { "m" + $0 }
        let usage = record["usage"]
        var base = ConversationEvent(
            .notice(""), stream: stream, line: number, time: SourceTime.iso(record["meta", "sentAt"]), model: usage?["model"]?.string,
            messageID: messageID, recordID: messageID)
        base.revision = messageID
        func emit(_ kind: ConversationEvent.Kind) {
            var event = base
            event.kind = kind
            events.append(event)
        }
        let role = record["role"]?.string
        for block in record["content"]?.elements ?? [] {
            switch block["type"]?.string {
            case "text":
                guard let text = block["text"]?.string, !text.trimmingCharacters(in: " \t\r\n").isEmpty else { continue }
                switch role {
                case "user": emit(.prompt(Prompt(text: text, origin: text.hasPrefix("/") ? .command : stream == "main" ? .person : .agent)))
                case "assistant": emit(.reply(text))
                default: emit(.notice(text))
                }
            case "thinking":
                if let text = block["thinking"]?.string, !text.isEmpty { emit(.thinking(text)) }
            case "tool_use":
                for kind in CommonTools.call(name: block["name"]?.string ?? "tool", id: block["id"]?.string, input: block["input"]) { emit(kind) }
            case "tool_result":
                let run = block["run"]
                let status = run?["status"]?.string
                guard status != "in-progress", status != "queued" else { continue }
                let value = run?["result"] ?? run?["error"]
                let text = value?.string ?? value?["output"]?.string ?? value.map { $0.stringLeaves(limit: 1 << 20).joined(separator: "\n") } ?? ""
                var result = ToolResult(callID: block["toolUseID"]?.string, text: text, isError: status != "done")
                if status == "rejected-by-user" || status == "cancelled" { result.rejection = Rejection(userWords: nil) }
                emit(.toolResult(result))
            default:
                continue
            }
        }
        if role == "assistant", let usage, usage.kind == .object {
            emit(
                .usage(
                    TokenUsage(
                        input: usage["inputTokens"]?.int ?? 0, output: usage["outputTokens"]?.int ?? 0,
                        cacheRead: usage["cacheReadInputTokens"]?.int ?? 0, cacheWrite: usage["cacheCreationInputTokens"]?.int ?? 0)))
        }
    }
}
