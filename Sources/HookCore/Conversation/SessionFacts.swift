/// What every listing shows of a session, derived from its lines (round-2 archives keep no `meta.json`):
/// id, title, where and when it ran, models, and tokens counted once per API message.
public struct SessionFacts: Codable, Sendable, Equatable {
    /// The session id as the assistant wrote it (the folder holds a sanitized one).
    public var sessionID: String?
    public var title: String?
    /// The first working directory recorded.
    public var cwd: String?
    /// The last git branch recorded.
    public var branch: String?
    public var firstTime: String?
    public var lastTime: String?
    /// Lines archived, all streams together.
    public var lines: Int
    /// Models in the order they first answered.
    public var models: [String]
    /// Prompts a person typed (commands included), tool calls made.
    public var prompts: Int
    public var toolCalls: Int
    /// Tokens per API message, each counted once from the last line that reported it. Empty in facts read
    /// for listing only (`SessionFactsCache.summary`); `byModel` always holds the totals.
    public var messages: [MessageUsage]
    /// Tokens and message counts per model (nil: no model recorded), in first-seen order.
    public var byModel: [ModelUsage]

    public init(
        sessionID: String? = nil, title: String? = nil, cwd: String? = nil, branch: String? = nil, firstTime: String? = nil,
        lastTime: String? = nil, lines: Int = 0, models: [String] = [], prompts: Int = 0, toolCalls: Int = 0,
        messages: [MessageUsage] = [], byModel: [ModelUsage]? = nil
    ) {
        self.sessionID = sessionID
        self.title = title
        self.cwd = cwd
        self.branch = branch
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.lines = lines
        self.models = models
        self.prompts = prompts
        self.toolCalls = toolCalls
        self.messages = messages
        self.byModel = byModel ?? ModelUsage.totals(messages)
    }

    /// All tokens of the session.
    public var usage: TokenUsage { byModel.reduce(TokenUsage.zero) { $0 + $1.usage } }

    /// API messages that reported tokens.
    public var messageCount: Int { byModel.reduce(0) { $0 + $1.messages } }

    /// Seconds from the first to the last record; nil without two times.
    public var durationSeconds: Int? {
        guard let first = firstTime.flatMap(ArchiveLayout.epoch(iso8601:)), let last = lastTime.flatMap(ArchiveLayout.epoch(iso8601:)) else { return nil }
        return Int(max(0, last - first))
    }
}

/// The tokens of the messages of one model.
public struct ModelUsage: Codable, Sendable, Equatable {
    public var model: String?
    public var usage: TokenUsage
    public var messages: Int

    public init(model: String?, usage: TokenUsage, messages: Int) {
        self.model = model
        self.usage = usage
        self.messages = messages
    }

    /// Per-model totals of `messages`, models in first-seen order.
    public static func totals(_ messages: [MessageUsage]) -> [ModelUsage] {
        var out: [ModelUsage] = []
        for m in messages {
            if let i = out.firstIndex(where: { $0.model == m.model }) {
                out[i].usage += m.usage
                out[i].messages += 1
            } else {
                out.append(ModelUsage(model: m.model, usage: m.usage, messages: 1))
            }
        }
        return out
    }
}

/// The tokens of one API message and where its last report is: the line a commit must carry to be
/// charged for it.
public struct MessageUsage: Codable, Sendable, Equatable {
    public var stream: String
    public var line: Int
    public var time: String?
    public var model: String?
    public var branch: String?
    public var usage: TokenUsage

    public init(stream: String, line: Int, time: String?, model: String?, branch: String?, usage: TokenUsage) {
        self.stream = stream
        self.line = line
        self.time = time
        self.model = model
        self.branch = branch
        self.usage = usage
    }
}

extension SessionFacts {
    /// Derives the facts from a session's events.
    public init(_ transcript: SessionTranscript) {
        self.init()
        lines = transcript.lineCount
        title = SessionTitle.of(transcript)
        var byMessage: [String: Int] = [:]  // message key → index in `messages`
        for stream in transcript.streams {
            var branch: String?
            for event in stream.events {
                if let time = event.time, !time.isEmpty {
                    if firstTime == nil || time < firstTime! { firstTime = time }
                    if lastTime == nil || time > lastTime! { lastTime = time }
                }
                if let model = event.model, !models.contains(model) { models.append(model) }
                switch event.kind {
                case .context(let c):
                    if stream.name == ArchivedStream.main {
                        if sessionID == nil { sessionID = c.sessionID }
                        if cwd == nil { cwd = c.cwd }
                        if let b = c.branch { self.branch = b }
                    }
                    if let b = c.branch { branch = b }
                case .prompt(let p) where p.isPerson && stream.name == ArchivedStream.main && !event.isSidechain:
                    prompts += 1
                case .toolCall:
                    toolCalls += 1
                case .usage(let u):
                    let key = event.messageID ?? "\(stream.name):\(event.line)"
                    let record = MessageUsage(stream: stream.name, line: event.line, time: event.time, model: event.model, branch: branch, usage: u)
                    if let i = byMessage[key] {
                        messages[i] = record  // a later line of the same message: its count is the final one
                    } else {
                        byMessage[key] = messages.count
                        messages.append(record)
                    }
                default:
                    continue
                }
            }
        }
        byModel = ModelUsage.totals(messages)
    }
}
