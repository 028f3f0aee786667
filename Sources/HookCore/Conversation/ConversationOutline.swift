/// A session's events arranged for reading: prompts, assistant messages holding their replies, thinking
/// and tool calls with each call's own result (parallel calls keep theirs), subagent transcripts under the
/// call that started them. What `show` renders as markdown, and what any other view (an HTML site) walks.
public struct ConversationOutline: Sendable {
    public var items: [Item]
    /// Subagent streams no call in the session points to, outlined on their own.
    public var unlinkedSubagents: [(stream: String, outline: ConversationOutline)]

    public enum Item: Sendable {
        case prompt(ConversationEvent, Prompt)
        case assistant(AssistantMessage)
        case compaction(ConversationEvent, Compaction)
        case summary(ConversationEvent, Summary)
        case notice(ConversationEvent, String)
        case raw(ConversationEvent, String)
        /// A run of records from a side conversation kept in the main stream (`isSidechain`).
        case sidechain(ConversationOutline)
    }

    /// What the assistant said and did between two prompts, as one API message or one turn.
    public struct AssistantMessage: Sendable {
        public var first: ConversationEvent
        public var messageID: String?
        public var model: String?
        public var parts: [Part]
        /// Tokens this message spent (the final report of its id), when recorded.
        public var usage: TokenUsage?
    }

    public enum Part: Sendable {
        case reply(ConversationEvent, String)
        case thinking(ConversationEvent, String)
        case tool(ToolExchange)
        case todos(ConversationEvent, [TodoItem])
        case notice(ConversationEvent, String)
    }

    /// A tool call with the result that answered it and, for a subagent call, the subagent's transcript.
    public struct ToolExchange: Sendable {
        public var call: ConversationEvent
        public var tool: ToolCall
        public var result: ToolResult?
        public var resultEvent: ConversationEvent?
        public var subagent: (stream: String, outline: ConversationOutline)?
        /// The todo list the call set, when it is a todo tool (the list says what its input says).
        public var todos: [TodoItem]?
    }

    /// Outlines `stream` of `transcript` (the main stream by default), nesting linked subagent streams.
    public init(_ transcript: SessionTranscript, stream: String = ArchivedStream.main, linked: inout Set<String>) {
        items = []
        unlinkedSubagents = []
        guard let events = transcript.stream(stream)?.events else { return }
        let usage = ConversationOutline.finalUsage(events)
        var builder = Builder(usage: usage)
        var sidechain: [ConversationEvent] = []
        func flushSidechain() {
            guard !sidechain.isEmpty else { return }
            var inner = Builder(usage: usage)
            for event in sidechain { inner.add(event) }
            builder.items.append(.sidechain(ConversationOutline(items: inner.finish(), unlinkedSubagents: [])))
            sidechain = []
        }
        for event in events {
            if event.isSidechain && stream == ArchivedStream.main {
                sidechain.append(event)
                continue
            }
            flushSidechain()
            builder.add(event)
        }
        flushSidechain()
        items = builder.finish()
        // Nest each subagent transcript under the call whose result names it.
        let available = Set(transcript.streams.map(\.name)).subtracting([stream])
        items = items.map { item in
            guard case .assistant(var message) = item else { return item }
            for (k, part) in message.parts.enumerated() {
                guard case .tool(var exchange) = part, let name = exchange.result?.subagentStream, available.contains(name), !linked.contains(name) else { continue }
                linked.insert(name)
                exchange.subagent = (name, ConversationOutline(transcript, stream: name, linked: &linked))
                message.parts[k] = .tool(exchange)
            }
            return .assistant(message)
        }
        if stream == ArchivedStream.main {
            for other in transcript.streams where other.name != stream && !linked.contains(other.name) {
                linked.insert(other.name)
                unlinkedSubagents.append((other.name, ConversationOutline(transcript, stream: other.name, linked: &linked)))
            }
        }
    }

    public init(_ transcript: SessionTranscript) {
        var linked = Set<String>()
        self.init(transcript, linked: &linked)
    }

    init(items: [Item], unlinkedSubagents: [(stream: String, outline: ConversationOutline)]) {
        self.items = items
        self.unlinkedSubagents = unlinkedSubagents
    }

    /// The usage of each message id from its last report.
    static func finalUsage(_ events: [ConversationEvent]) -> [String: TokenUsage] {
        var usage: [String: TokenUsage] = [:]
        for event in events {
            if case .usage(let u) = event.kind, let id = event.messageID { usage[id] = u }
        }
        return usage
    }

    /// Arranges events in order; tool results join their call wherever it is.
    struct Builder {
        let usage: [String: TokenUsage]
        var items: [Item] = []
        /// Where each call id's exchange is: item index and part index.
        var calls: [String: (item: Int, part: Int)] = [:]

        init(usage: [String: TokenUsage]) { self.usage = usage }

        mutating func add(_ event: ConversationEvent) {
            switch event.kind {
            case .prompt(let p):
                items.append(.prompt(event, p))
            case .reply(let text):
                append(.reply(event, text), for: event)
            case .thinking(let text):
                append(.thinking(event, text), for: event)
            case .toolCall(let call):
                append(.tool(ToolExchange(call: event, tool: call)), for: event)
                if let id = call.id, case .assistant(let m) = items[items.count - 1] { calls[id] = (items.count - 1, m.parts.count - 1) }
            case .toolResult(let result):
                if let id = result.callID, let at = calls[id], case .assistant(var m) = items[at.item], case .tool(var exchange) = m.parts[at.part],
                    exchange.result == nil
                {
                    exchange.result = result
                    exchange.resultEvent = event
                    m.parts[at.part] = .tool(exchange)
                    items[at.item] = .assistant(m)
                } else {
                    // A result whose call is not in these lines: shown on its own.
                    let call = ToolCall(id: result.callID, name: "tool", summary: "result of an earlier call")
                    append(.tool(ToolExchange(call: event, tool: call, result: result, resultEvent: event)), for: event, newMessage: true)
                }
            case .todos(let todos):
                // A todo tool's list belongs to its call, shown in place of the input.
                if case .assistant(var m)? = items.last, case .tool(var exchange)? = m.parts.last, exchange.call.line == event.line, exchange.todos == nil {
                    exchange.todos = todos
                    m.parts[m.parts.count - 1] = .tool(exchange)
                    items[items.count - 1] = .assistant(m)
                } else {
                    append(.todos(event, todos), for: event)
                }
            case .compaction(let c):
                // A boundary marker followed by the summary that replaced the context is one compaction.
                if case .compaction(let first, let boundary)? = items.last, boundary.summary == nil, c.summary != nil {
                    items[items.count - 1] = .compaction(
                        first,
                        Compaction(
                            summary: c.summary, trigger: boundary.trigger ?? c.trigger,
                            tokensBefore: boundary.tokensBefore ?? c.tokensBefore))
                } else {
                    items.append(.compaction(event, c))
                }
            case .summary(let s):
                items.append(.summary(event, s))
            case .notice(let text):
                if case .assistant(var m)? = items.last {
                    m.parts.append(.notice(event, text))
                    items[items.count - 1] = .assistant(m)
                } else {
                    items.append(.notice(event, text))
                }
            case .raw(let text):
                items.append(.raw(event, text))
            case .usage(let u):
                // Turns without message ids (Codex, Aider) take the usage reported inside them.
                if event.messageID == nil, case .assistant(var m)? = items.last {
                    m.usage = (m.usage ?? .zero) + u
                    items[items.count - 1] = .assistant(m)
                }
            case .context:
                return
            }
        }

        /// Adds a part to the current assistant message, or starts one (after a prompt, or when the API message changes).
        private mutating func append(_ part: Part, for event: ConversationEvent, newMessage: Bool = false) {
            if !newMessage, case .assistant(var m)? = items.last, m.messageID == event.messageID || event.messageID == nil || m.messageID == nil {
                if m.messageID == nil { m.messageID = event.messageID }
                if m.model == nil { m.model = event.model }
                if m.usage == nil, let id = event.messageID { m.usage = usage[id] }
                m.parts.append(part)
                items[items.count - 1] = .assistant(m)
                return
            }
            let id = event.messageID
            items.append(
                .assistant(
                    AssistantMessage(
                        first: event, messageID: id, model: event.model, parts: [part],
                        usage: id.flatMap { usage[$0] })))
        }

        func finish() -> [Item] { items }
    }
}
