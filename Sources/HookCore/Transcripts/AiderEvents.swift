/// Aider's markdown chat history as conversation events.
///
/// Shape (Aider's `io.py` writes it; real files quoted in its issues and users' repositories):
/// `# aider chat started at 2025-03-18 13:02:09` starts a session; `#### text` lines are what the person
/// typed (one line each, two trailing spaces); `> text` lines are Aider's own notes (`> Main model: … with
/// diff edit format`, `> Added F to the chat.`, `> Applied edit to F`, `> Running C`, `> Tokens: 8.8k sent,
/// 1.6k received. Cost: $0.0084 message, $0.0084 session.`); everything else is the model's reply, in
/// which fenced code may hold `>` or `####` lines of its own; reasoning sits between
/// `<thinking-content-…>` tags.
extension AiderSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { AiderEventReader(stream: stream) }
}

struct AiderEventReader: TranscriptEventReader {
    let stream: String
    private enum Block { case none, prompt, notes, reply, thinking }
    private var block = Block.none
    private var lines: [String] = []
    private var firstLine = 0
    /// The fence the reply is inside (its marker), nil outside code.
    private var fence: String?
    private var time: String?
    private var model: String?
    private var pending: [ConversationEvent] = []

    init(stream: String) { self.stream = stream }

    mutating func read(_ raw: ArraySlice<UInt8>, number: Int, into out: inout [ConversationEvent]) {
        var text = String(decoding: raw, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        defer {
            out += pending
            pending.removeAll()
        }
        if fence == nil, block != .thinking {
            if let label = AiderSource.headingLabel(raw) {
                flush()
                time = AiderSource.isoTimestamp(fromHeading: label) ?? label
                emit(.context(SessionContext()), line: number)
                return
            }
            if text.hasPrefix("####") {
                if block != .prompt { flush() }
                start(.prompt, number)
                lines.append(AiderEventReader.trailingBreak(String(text.dropFirst(4).drop { $0 == " " })))
                return
            }
            if text.hasPrefix(">") {
                if block != .notes { flush() }
                start(.notes, number)
                let noteText = AiderEventReader.trailingBreak(String(text.dropFirst().drop { $0 == " " }))
                lines.append(noteText)
                note(noteText, number)
                return
            }
            if text.hasPrefix("<thinking-content-") {
                flush()
                start(.thinking, number)
                return
            }
            if text.trimmingCharacters(in: " \t").isEmpty, block == .prompt || block == .notes {
                flush()
                return
            }
        }
        if block == .thinking {
            if text.hasPrefix("</thinking-content-") {
                flush()
            } else {
                lines.append(text)
            }
            return
        }
        if block != .reply {
            flush()
            if text.trimmingCharacters(in: " \t").isEmpty { return }
            start(.reply, number)
        }
        lines.append(text)
        trackFence(text)
    }

    mutating func finish(into out: inout [ConversationEvent]) {
        flush()
        out += pending
        pending.removeAll()
    }

    private mutating func start(_ kind: Block, _ number: Int) {
        if block != kind {
            block = kind
            firstLine = number
            lines = []
        }
    }

    /// Ends the current block and emits it.
    private mutating func flush() {
        defer {
            block = .none
            lines = []
            fence = nil
        }
        switch block {
        case .prompt:
            let text = lines.joined(separator: "\n").trimmingCharacters(in: " \t\r\n")
            guard !text.isEmpty else { return }
            emit(.prompt(Prompt(text: text, origin: text.hasPrefix("/") ? .command : .person)), line: firstLine)
        case .notes:
            let text = lines.joined(separator: "\n").trimmingCharacters(in: " \t\r\n")
            if !text.isEmpty { emit(.notice(text), line: firstLine) }
        case .reply:
            while let last = lines.last, last.trimmingCharacters(in: " \t").isEmpty { lines.removeLast() }
            guard !lines.isEmpty else { return }
            emit(.reply(lines.joined(separator: "\n")), line: firstLine)
            for call in AiderEventReader.searchReplaceEdits(lines) { emit(.toolCall(call), line: firstLine) }
        case .thinking:
            let text = lines.joined(separator: "\n").trimmingCharacters(in: " \t\r\n")
            if !text.isEmpty { emit(.thinking(text), line: firstLine) }
        case .none:
            return
        }
    }

    private mutating func emit(_ kind: ConversationEvent.Kind, line: Int) {
        pending.append(ConversationEvent(kind, stream: stream, line: line, time: time, model: model))
    }

    /// What one `>` note says beyond its text: the model, a file read or changed, a command, tokens.
    private mutating func note(_ text: String, _ number: Int) {
        for prefix in ["Main model: ", "Model: ", "Models: "] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            let name = rest.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            if !name.isEmpty { model = name.hasSuffix(",") ? String(name.dropLast()) : name }
            return
        }
        if text.hasPrefix("Aider v") {
            emit(.context(SessionContext(toolVersion: String(text.dropFirst("Aider ".count)))), line: number)
        } else if text.hasPrefix("Tokens: "), let usage = AiderEventReader.tokens(text) {
            emit(.usage(usage), line: number)
        } else if text.hasPrefix("Applied edit to "), let path = AiderEventReader.rest(text, after: "Applied edit to ") {
            emit(.toolCall(ToolCall(name: "edit", summary: path, writes: [path])), line: number)
        } else if text.hasPrefix("Added "), text.contains(" to the chat") {
            var path = String(text.dropFirst("Added ".count))
            if let end = path.firstRange(of: " to the chat") { path = String(path[..<end.lowerBound]) }
            emit(.toolCall(ToolCall(name: "add", summary: path, reads: [path])), line: number)
        } else if text.hasPrefix("Running "), let command = AiderEventReader.rest(text, after: "Running ") {
            emit(.toolCall(ToolCall(name: "run", summary: command, command: command)), line: number)
        }
    }

    private mutating func trackFence(_ text: String) {
        let trimmed = text.drop { $0 == " " }
        let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
        guard marker.count >= 3, Set(marker).count == 1 else { return }
        if let open = fence {
            if marker.count >= open.count, marker.first == open.first, trimmed.dropFirst(marker.count).allSatisfy({ $0 == " " }) { fence = nil }
        } else {
            fence = String(marker)
        }
    }

    /// `Tokens: 8.8k sent, 1.2k cache write, 3.4k cache hit, 1.6k received. Cost: $0.0084 message, …`.
    static func tokens(_ text: String) -> TokenUsage? {
        var usage = TokenUsage()
        var found = false
        let body = text.dropFirst("Tokens: ".count)
        let counts = body.split(separator: ".", maxSplits: 1).first.map { _ in body } ?? body
        for part in counts.split(separator: ",") {
            let words = part.trimmingCharacters(in: " .").split(separator: " ")
            guard words.count >= 2, let n = number(String(words[0])) else { continue }
            let what = words.dropFirst().joined(separator: " ")
            if what.hasPrefix("sent") {
                usage.input = n
                found = true
            } else if what.hasPrefix("received") {
                usage.output = n
                found = true
            } else if what.hasPrefix("cache write") {
                usage.cacheWrite = n
            } else if what.hasPrefix("cache hit") {
                usage.cacheRead = n
            }
        }
        if let cost = text.firstRange(of: "Cost: $") {
            let digits = text[cost.upperBound...].prefix { $0.isNumber || $0 == "." }
            usage.reportedCost = Double(digits)
        }
        return found ? usage : nil
    }

    /// `2.5k` → 2500, `1,250` → 1250, `410` → 410.
    static func number(_ word: String) -> Int? {
        var w = word.replacing(",", with: "")
        var scale = 1.0
        if w.hasSuffix("k") {
            scale = 1_000
            w.removeLast()
        } else if w.hasSuffix("M") {
            scale = 1_000_000
            w.removeLast()
        }
        guard let value = Double(w) else { return nil }
        return Int((value * scale).rounded())
    }

    static func rest(_ text: String, after prefix: String) -> String? {
        let value = String(text.dropFirst(prefix.count)).trimmingCharacters(in: " \t")
        return value.isEmpty ? nil : value
    }

    /// A markdown hard break (two trailing spaces) is how Aider ends its lines; not part of the text.
    static func trailingBreak(_ line: String) -> String {
        line.hasSuffix("  ") ? String(line.dropLast(2)) : line
    }

    /// The edits of SEARCH/REPLACE blocks in a reply: a file name line, a fence, `<<<<<<< SEARCH`, old text,
    /// `=======`, new text, `>>>>>>> REPLACE`.
    static func searchReplaceEdits(_ lines: [String]) -> [ToolCall] {
        var calls: [ToolCall] = []
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("<<<<<<< SEARCH") else {
                i += 1
                continue
            }
            // The path is the last non-fence line before the block.
            var p = i - 1
            while p >= 0, lines[p].hasPrefix("```") || lines[p].trimmingCharacters(in: " ").isEmpty { p -= 1 }
            let path = p >= 0 ? lines[p].trimmingCharacters(in: " \t") : ""
            var old: [String] = []
            var new: [String] = []
            var j = i + 1
            while j < lines.count, !lines[j].hasPrefix("=======") {
                old.append(lines[j])
                j += 1
            }
            j += 1
            while j < lines.count, !lines[j].hasPrefix(">>>>>>> REPLACE") {
                new.append(lines[j])
                j += 1
            }
            if !path.isEmpty, j < lines.count {
                let edit = FileEdit(path: path, oldText: old.isEmpty ? nil : old.joined(separator: "\n"), newText: new.joined(separator: "\n"))
                if let k = calls.firstIndex(where: { $0.writes == [path] }) {
                    calls[k].edits.append(edit)
                } else {
                    calls.append(ToolCall(name: "search_replace", summary: path, writes: [path], edits: [edit]))
                }
            }
            i = j + 1
        }
        return calls
    }
}
