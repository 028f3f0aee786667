/// Cursor agent transcripts as conversation events.
///
/// Record shape (JSONL Cursor writes under `projects/<folder>/agent-transcripts/`, as documented by the tools that
/// read them, e.g. agentgrep's `cursor-cli.transcripts` and agent-sessions' Cursor guide): `{"role":"user"|
/// "assistant","message":{"content":[…]}}` with Claude-shaped blocks (`text`, `thinking`, `tool_use{id,name,input}`,
/// `tool_result{tool_use_id,content,is_error}`); the person's words in a user `text` block are wrapped in
/// `<user_query>`, beside context Cursor adds in other tags. No record has an id, a time or a model.
extension CursorSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { CursorEventReader(stream: stream) }
}

struct CursorEventReader: TranscriptEventReader {
    let stream: String

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        let role = record["role"]?.string ?? record["message", "role"]?.string
        guard let content = record["message", "content"] ?? record["content"] else { return }
        func emit(_ kind: ConversationEvent.Kind) { events.append(ConversationEvent(kind, stream: stream, line: number)) }
        let blocks = content.string.map { _ in [content] } ?? content.elements
        for block in blocks {
            let text = block.string ?? (block["type"]?.isString("text") == true ? block["text"]?.string : nil)
            if let text {
                if role == "user" {
                    emitPrompt(text, emit: emit)
                } else if !text.trimmingCharacters(in: " \t\r\n").isEmpty {
                    emit(.reply(text))
                }
                continue
            }
            switch block["type"]?.string {
            case "thinking":
                if let t = block["thinking"]?.string ?? block["text"]?.string, !t.isEmpty { emit(.thinking(t)) }
            case "tool_use":
                for kind in CommonTools.call(name: block["name"]?.string ?? "tool", id: block["id"]?.string, input: block["input"]) { emit(kind) }
            case "tool_result":
                let value = block["content"]
                let text = value?.string ?? value?.elements.compactMap { $0["text"]?.string }.joined(separator: "\n") ?? ""
                emit(.toolResult(ToolResult(callID: block["tool_use_id"]?.string, text: text, isError: block["is_error"]?.isTrue == true)))
            default:
                continue
            }
        }
    }

    private func emitPrompt(_ text: String, emit: (ConversationEvent.Kind) -> Void) {
        if let query = CursorSource.userQuery(text) {
            let origin: Prompt.Origin = stream != "main" ? .agent : query.hasPrefix("/") ? .command : .person
            emit(.prompt(Prompt(text: query, origin: origin)))
        } else if !text.trimmingCharacters(in: " \t\r\n").isEmpty {
            emit(.prompt(Prompt(text: text, origin: .injected)))
        }
    }
}
