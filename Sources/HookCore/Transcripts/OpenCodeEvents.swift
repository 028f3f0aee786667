/// OpenCode's records as conversation events.
///
/// Record shapes (anomalyco/opencode `packages/opencode/src/session/message-v2.ts` and `session.sql.ts`): the session
/// (`directory`, `title`, `version`, `time.created`); messages `{"role":"user"|"assistant","time":{"created",
/// "completed"},"modelID","providerID","agent","tokens":{"input","output","reasoning","cache":{"read","write"}},
/// "cost","error"}`; parts `text{text,synthetic,ignored}`, `reasoning{text}`, `tool{callID,tool,state:{status,input,
/// output,error,title}}`, `file{mime,filename,url}`, `step-finish{tokens,cost}`, `compaction{auto}`, `subtask`,
/// `retry{error}`. OpenCode overwrites a message's `tokens` with each step's and records every step in a
/// `step-finish` part, so the steps are counted; a message without steps (older versions) counts its own tokens.
/// Each event's `revision` is the record's id: a part or message archived again shows in its last version.
extension OpenCodeSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { OpenCodeEventReader(stream: stream) }
}

struct OpenCodeEventReader: TranscriptEventReader {
    let stream: String
    private var context = SessionContext()
    private struct Message {
        var role: String?
        var model: String?
        var time: String?
        var usage: TokenUsage?
        var line: Int
    }
    private var messages: [String: Message] = [:]
    private var order: [String] = []
    private var stepped = Set<String>()

    init(stream: String) { self.stream = stream }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        guard let document = PlainTextEventReader.jsonObject(line, stream: stream, number: number, into: &events) else { return }
        let record = document.root
        let id = record["id"]?.string
        var base = ConversationEvent(.notice(""), stream: stream, line: number, recordID: id)
        base.revision = id
        switch record["type"]?.string {
        case "session":
            guard let info = record["info"] else { return }
            var next = context
            next.sessionID = id
            if let directory = info["directory"]?.string, !directory.isEmpty { next.cwd = directory }
            if let version = info["version"]?.string, !version.isEmpty { next.toolVersion = version }
            base.time = SourceTime.iso(info["time", "created"])
            if next != context {
                context = next
                base.kind = .context(next)
                events.append(base)
            }
            if let title = info["title"]?.string, !title.isEmpty, !title.hasPrefix("New session"), !title.hasPrefix("Child session") {
                base.kind = .summary(Summary(text: title, leafID: id))  // the session's own title
                events.append(base)
            }
        case "message":
            guard let id, let info = record["info"] else { return }
            let role = info["role"]?.string
            let model = info["modelID"]?.string
            var usage: TokenUsage?
            if let tokens = info["tokens"], tokens.kind == .object {
                let u = TokenUsage(
                    input: tokens["input"]?.int ?? 0, output: (tokens["output"]?.int ?? 0) + (tokens["reasoning"]?.int ?? 0),
                    cacheRead: tokens["cache", "read"]?.int ?? 0, cacheWrite: tokens["cache", "write"]?.int ?? 0, reportedCost: info["cost"]?.double)
                if !u.isZero { usage = u }
            }
            if messages[id] == nil { order.append(id) }
            let time = SourceTime.iso(info["time", "created"])
            messages[id] = Message(role: role, model: model, time: time, usage: usage, line: number)
            if let error = info["error"], error.kind == .object {
                let text = error["data", "message"]?.string ?? error["name"]?.string ?? "error"
                base.kind = .notice(error["name"]?.isString("MessageAbortedError") == true ? "Interrupted by the user" : text)
                base.time = time
                base.model = model
                events.append(base)
            }
        case "part":
            guard let part = record["part"] else { return }
            let messageID = record["messageID"]?.string ?? ""
            let message = messages[messageID]
            base.time = message?.time
            base.model = message?.model
            base.messageID = messageID
            func emit(_ kind: ConversationEvent.Kind) {
                var event = base
                event.kind = kind
                events.append(event)
            }
            switch part["type"]?.string {
            case "text":
                guard part["ignored"]?.isTrue != true, let text = part["text"]?.string, !text.trimmingCharacters(in: " \t\r\n").isEmpty else { return }
                if message?.role == "user" {
                    let origin: Prompt.Origin = part["synthetic"]?.isTrue == true ? .injected : stream == "main" ? .person : .agent
                    emit(.prompt(Prompt(text: text, origin: origin)))
                } else {
                    emit(.reply(text))
                }
            case "reasoning":
                if let text = part["text"]?.string, !text.isEmpty { emit(.thinking(text)) }
            case "tool":
                let state = part["state"]
                let callID = part["callID"]?.string
                for kind in CommonTools.call(name: part["tool"]?.string ?? "tool", id: callID, input: state?["input"]) { emit(kind) }
                switch state?["status"]?.string {
                case "completed": emit(.toolResult(ToolResult(callID: callID, text: state?["output"]?.string ?? "", isError: false)))
                case "error": emit(.toolResult(ToolResult(callID: callID, text: state?["error"]?.string ?? "", isError: true)))
                default: break
                }
            case "file":
                let media = part["mime"]?.string ?? ""
                if message?.role == "user", media.hasPrefix("image/") {
                    emit(.prompt(Prompt(text: "", origin: .person, images: [ImageRef(mediaType: media, bytes: nil, sha256: nil)])))
                }
            case "step-finish":
                guard let tokens = part["tokens"] else { return }
                stepped.insert(messageID)
                base.messageID = id
                emit(
                    .usage(
                        TokenUsage(
                            input: tokens["input"]?.int ?? 0, output: (tokens["output"]?.int ?? 0) + (tokens["reasoning"]?.int ?? 0),
                            cacheRead: tokens["cache", "read"]?.int ?? 0, cacheWrite: tokens["cache", "write"]?.int ?? 0,
                            reportedCost: part["cost"]?.double)))
            case "compaction":
                emit(.compaction(Compaction(summary: nil, trigger: part["auto"]?.isTrue == true ? "auto" : "manual")))
            case "retry":
                if let text = part["error", "data", "message"]?.string { emit(.notice("Retried after: " + text)) }
            default:
                return
            }
        default:
            return
        }
    }

    /// Tokens of the messages no `step-finish` part reported, placed at the message's last version.
    mutating func finish(into events: inout [ConversationEvent]) {
        for id in order where !stepped.contains(id) {
            guard let message = messages[id], let usage = message.usage else { continue }
            var event = ConversationEvent(.usage(usage), stream: stream, line: message.line, time: message.time, model: message.model, messageID: id, recordID: id)
            event.revision = id
            events.append(event)
        }
    }
}
