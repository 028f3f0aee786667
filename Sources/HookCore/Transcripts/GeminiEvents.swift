/// Gemini CLI's session records as conversation events.
///
/// Record shapes (google-gemini/gemini-cli `packages/core/src/services/chatRecordingTypes.ts` and
/// `chatRecordingService.ts`): a metadata line `{"sessionId","projectHash","startTime","lastUpdated","kind",
/// "directories"}`; messages `{"id","timestamp","type":"user"|"gemini"|"info"|"warning"|"error","content",
/// "displayContent","toolCalls":[{"id","name","args","result","status","resultDisplay"}],"thoughts":[{"subject",
/// "description","timestamp"}],"tokens":{"input","output","cached","thoughts","tool","total"},"model"}` where
/// `content` is a string or a list of parts (`{"text"}`, `{"inlineData":{"mimeType"}}`, `{"functionResponse":…}`);
/// `{"$set":{…}}` (a new summary, or `messages` rebuilt after `/compress`) and `{"$rewindTo":"<id>"}`. A message
/// changed later is appended again with its id: each event's `revision` is the message id, so readers show its
/// last version. The old JSON document is archived as the same records (`$meta`, then the messages).
extension GeminiSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { GeminiEventReader(stream: stream) }
}

struct GeminiEventReader: TranscriptEventReader {
    let stream: String
    private var context = SessionContext()

    init(stream: String) { self.stream = stream }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        if record["$rewindTo"]?.string != nil {
            events.append(ConversationEvent(.notice("Rewound: the conversation went back to an earlier message"), stream: stream, line: number))
            return
        }
        if let set = record["$set"] {
            if let text = set["summary"]?.string, !text.isEmpty { events.append(summary(text, number)) }
            for message in set["messages"]?.elements ?? [] { read(message: message, number: number, into: &events) }
            return
        }
        if record["id"] == nil, let id = record["sessionId"]?.string {
            var next = context
            next.sessionID = id
            if next != context {
                context = next
                events.append(ConversationEvent(.context(next), stream: stream, line: number, time: record["startTime"]?.string))
            }
            if let text = record["summary"]?.string, !text.isEmpty { events.append(summary(text, number)) }
            return
        }
        read(message: record, number: number, into: &events)
    }

    /// Gemini CLI's summary of this very session: it names the session it is recorded in as its own.
    private func summary(_ text: String, _ number: Int) -> ConversationEvent {
        let own = context.sessionID ?? "session"
        return ConversationEvent(.summary(Summary(text: text, leafID: own)), stream: stream, line: number, recordID: own)
    }

    private func read(message m: JSON, number: Int, into events: inout [ConversationEvent]) {
        let id = m["id"]?.string
        let model = m["model"]?.string
        var base = ConversationEvent(.notice(""), stream: stream, line: number, time: m["timestamp"]?.string, model: model, messageID: id, recordID: id)
        base.revision = id
        func emit(_ kind: ConversationEvent.Kind) {
            var event = base
            event.kind = kind
            events.append(event)
        }
        switch m["type"]?.string {
        case "user":
            let shown = m["displayContent"] ?? m["content"]
            let text = GeminiEventReader.text(shown)
            let images = GeminiEventReader.images(m["content"])
            let trimmed = text.trimmingCharacters(in: " \t\r\n")
            guard !trimmed.isEmpty || !images.isEmpty else { return }
            let origin: Prompt.Origin =
                trimmed.hasPrefix("/") || trimmed.hasPrefix("?") ? .command : GeminiSource.isInjected(trimmed) ? .injected : stream == "main" ? .person : .agent
            emit(.prompt(Prompt(text: text, origin: origin, images: images)))
        case "gemini":
            for thought in m["thoughts"]?.elements ?? [] {
                let subject = thought["subject"]?.string ?? ""
                let description = thought["description"]?.string ?? ""
                let text = subject.isEmpty ? description : description.isEmpty ? "**\(subject)**" : "**\(subject)** \(description)"
                if !text.isEmpty { emit(.thinking(text)) }
            }
            let reply = GeminiEventReader.text(m["content"])
            if !reply.trimmingCharacters(in: " \t\r\n").isEmpty { emit(.reply(reply)) }
            for call in m["toolCalls"]?.elements ?? [] {
                let callID = call["id"]?.string
                for kind in CommonTools.call(name: call["name"]?.string ?? "tool", id: callID, input: call["args"]) { emit(kind) }
                guard let status = call["status"]?.string, status == "success" || status == "error" || status == "cancelled" else { continue }
                var text = GeminiEventReader.resultText(call["result"])
                if text.isEmpty, let display = call["resultDisplay"]?.string { text = display }
                var result = ToolResult(callID: callID, text: text, isError: status != "success", images: GeminiEventReader.images(call["result"]))
                if status == "cancelled" { result.rejection = Rejection(userWords: nil) }
                emit(.toolResult(result))
            }
            if let tokens = m["tokens"], tokens.kind == .object {
                // Gemini counts cached tokens inside the prompt and reports thinking apart from the answer.
                let cached = tokens["cached"]?.int ?? 0
                let input = (tokens["input"]?.int ?? 0) + (tokens["tool"]?.int ?? 0)
                emit(.usage(TokenUsage(input: max(0, input - cached), output: (tokens["output"]?.int ?? 0) + (tokens["thoughts"]?.int ?? 0), cacheRead: cached)))
            }
        case "info", "warning", "error":
            let text = GeminiEventReader.text(m["content"])
            if !text.isEmpty { emit(.notice(text)) }
        default:
            return
        }
    }

    /// The text of a `PartListUnion`: a string, a part, or a list of parts (their `text`s joined).
    static func text(_ content: JSON?) -> String {
        guard let content else { return "" }
        if let s = content.string { return s }
        if content.kind == .object { return content["text"]?.string ?? "" }
        return content.elements.compactMap { $0.string ?? ($0["thought"]?.isTrue == true ? nil : $0["text"]?.string) }.joined()
    }

    /// What a tool call returned: text parts, or each `functionResponse.response` (`output`, else `error`, else its strings).
    static func resultText(_ result: JSON?) -> String {
        guard let result else { return "" }
        if let s = result.string { return s }
        let parts = result.kind == .array ? result.elements : [result]
        return parts.compactMap { part -> String? in
            if let text = part["text"]?.string { return text }
            guard let response = part["functionResponse", "response"] else { return nil }
            if let output = response["output"]?.string { return output }
            if let error = response["error"]?.string { return error }
            return response.stringLeaves(limit: 1 << 20).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Images among the parts (`inlineData`), as placeholders.
    static func images(_ content: JSON?) -> [ImageRef] {
        (content?.elements ?? []).compactMap { part in
            guard let inline = part["inlineData"] else { return nil }
            let media = inline["mimeType"]?.string ?? "image"
            if let data = inline["data"]?.string(maxBytes: 200), data.hasPrefix("[convo-hook:") { return ImagePlaceholder.parse(data, mediaType: media) }
            return ImageRef(mediaType: media, bytes: (inline["data"]?.encodedLength ?? 0) * 3 / 4, sha256: nil)
        }
    }
}
