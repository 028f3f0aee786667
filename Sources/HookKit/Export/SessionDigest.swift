import HookCore

/// What export keeps of a session: the facts a reader needs, not the whole conversation. Built from the
/// session's events, subagent streams included (a file a subagent wrote is a file the session changed).
struct SessionDigest {
    /// Every prompt a person typed or command they ran, in order (main stream).
    var prompts: [String] = []
    /// The first prompt a person typed (not a command): the session's goal.
    var goal: String?
    /// Files read and changed, commands run: first-seen order, each once (paths as written in the calls).
    var filesRead = OrderedSet()
    var filesChanged = OrderedSet()
    var commands = OrderedSet()
    /// Failed tool results and refused calls.
    var errors: [Problem] = []

    struct Problem: Equatable {
        var tool: String
        /// The first line of the error output; nil for a refusal.
        var error: String?
        var exitCode: Int?
        /// For a refusal, what the person said instead (in full); nil when they said nothing.
        var userWords: String?
        var rejected: Bool
    }

    /// Strings in insertion order without duplicates.
    struct OrderedSet {
        private(set) var items: [String] = []
        private var seen: Set<String> = []

        mutating func insert(_ item: String) {
            let trimmed = item.trimmedWhitespace()
            guard !trimmed.isEmpty, seen.insert(trimmed).inserted else { return }
            items.append(trimmed)
        }
    }

    init(_ transcript: SessionTranscript) {
        for stream in transcript.streams {
            var tools: [String: String] = [:]
            var pendingWrites: [String: [String]] = [:]
            var callOrder: [String] = []
            defer {
                // Calls whose result is not archived (yet): what they wrote counts, in call order.
                for id in callOrder { for path in pendingWrites[id] ?? [] { filesChanged.insert(path) } }
            }
            for event in stream.events {
                switch event.kind {
                case .prompt(let p) where p.isPerson && stream.name == ArchivedStream.main && !event.isSidechain:
                    let text = p.text.trimmedWhitespace()
                    if !text.isEmpty { prompts.append(text) }
                    if goal == nil, p.origin == .person, !text.isEmpty { goal = text }
                case .toolCall(let call):
                    for path in call.reads { filesRead.insert(path) }
                    if let command = call.command { commands.insert(command) }
                    if let id = call.id {
                        tools[id] = call.command.map { ToolInputSummary.oneLine($0, limit: 80) } ?? call.name
                        pendingWrites[id] = call.writes
                        callOrder.append(id)
                    } else {
                        for path in call.writes { filesChanged.insert(path) }
                    }
                case .toolResult(let result):
                    // A refused or failed call changed nothing; the others wrote what they said.
                    if let id = result.callID, let writes = pendingWrites.removeValue(forKey: id), !result.isError {
                        for path in writes { filesChanged.insert(path) }
                    }
                    guard result.isError else { continue }
                    let tool = result.callID.flatMap { tools[$0] } ?? "tool"
                    if let rejection = result.rejection {
                        errors.append(Problem(tool: tool, error: nil, exitCode: nil, userWords: rejection.userWords, rejected: true))
                    } else {
                        let line = result.text.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace() }.first { !$0.isEmpty }
                        errors.append(Problem(tool: tool, error: line ?? "no output", exitCode: result.exitCode, userWords: nil, rejected: false))
                    }
                default:
                    continue
                }
            }
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmedWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" || first.isNewline { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" || last.isNewline { s = s.dropLast() }
        return String(s)
    }
}
