import HookCore

/// `show`'s markdown: a session header (when, where, models, tokens, cost), then every prompt as typed,
/// replies, thinking folded, each tool call with its input and its full result folded, errors and the
/// person's rejection words in full, subagent transcripts under the call that started them, todo lists
/// as checklists, and each message's time, model and tokens. Every piece of archived text goes through
/// `MarkdownText`, so no message can change how the next one renders.
struct ConversationMarkdown {
    let transcript: SessionTranscript
    let facts: SessionFacts
    let prices: PriceTable
    /// Shown lines per stream when only part of the session is rendered (`show COMMIT`); nil for all.
    var ranges: [String: [ClosedRange<Int>]]?

    /// The day of the last time printed, so times repeat their date only when it changes.
    private final class Clock {
        var day: String?
    }

    func render() -> String {
        var blocks: [String] = []
        blocks.append("# " + MarkdownText.inline(facts.title ?? transcript.session.key))
        blocks.append(header())
        var shown = transcript
        if let ranges {
            for i in shown.streams.indices {
                let r = ranges[shown.streams[i].name] ?? []
                shown.streams[i].events = shown.streams[i].events.filter { e in r.contains { $0.contains(e.line) } }
            }
        }
        let outline = ConversationOutline(shown)
        let clock = Clock()
        blocks += render(outline.items, clock: clock)
        for (stream, sub) in outline.unlinkedSubagents where !sub.items.isEmpty {
            blocks.append("## Subagent " + MarkdownText.code(stream))
            blocks += render(sub.items, clock: clock)
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    // MARK: header

    private func header() -> String {
        var lines: [String] = []
        let session = transcript.session
        lines.append(
            "- Session: \(MarkdownText.code(session.key)) (\(MarkdownText.code(session.path)))"
                + (facts.sessionID.map { $0 == session.id ? "" : ", id \(MarkdownText.code($0))" } ?? ""))
        if let first = facts.firstTime {
            var when = Figures.dateTime(first)
            if let last = facts.lastTime, last != first {
                when += " → " + (Figures.day(last) == Figures.day(first) ? Figures.timeOfDay(last) : Figures.dateTime(last))
            }
            if let seconds = facts.durationSeconds, seconds > 0 { when += " (\(Figures.duration(seconds)))" }
            lines.append("- When: " + when)
        }
        if facts.cwd != nil || facts.branch != nil {
            lines.append(
                "- Where: "
                    + [facts.cwd.map(MarkdownText.code), facts.branch.map { "branch " + MarkdownText.code($0) }]
                    .compactMap { $0 }.joined(separator: ", "))
        }
        if !facts.models.isEmpty { lines.append("- Models: " + facts.models.map(MarkdownText.code).joined(separator: ", ")) }
        let messages = ranges == nil ? facts.messages : facts.messages.filter { m in ranges?[m.stream]?.contains { $0.contains(m.line) } ?? false }
        let usage = messages.reduce(TokenUsage.zero) { $0 + $1.usage }
        if !usage.isZero {
            lines.append("- Tokens: " + ConversationMarkdown.tokens(usage))
            lines.append("- Cost: " + CostSummary(messages, prices: prices).text + (prices.checked.isEmpty ? "" : " (prices checked \(prices.checked))"))
        }
        let counts = transcript.streams.map { "\($0.name) \(Figures.grouped($0.lineCount))" }
        lines.append("- Lines: \(Figures.grouped(transcript.lineCount))" + (transcript.streams.count > 1 ? " (" + counts.joined(separator: ", ") + ")" : ""))
        if let ranges {
            let shown = ranges.keys.sorted().flatMap { stream in ranges[stream]!.map { "\(stream) \($0.lowerBound)–\($0.upperBound)" } }
            lines.append("- Shown: lines " + shown.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func tokens(_ u: TokenUsage) -> String {
        var parts = ["\(Figures.grouped(u.input)) input", "\(Figures.grouped(u.output)) output"]
        if u.cacheRead > 0 { parts.append("\(Figures.grouped(u.cacheRead)) cache read") }
        if u.cacheWrite > 0 { parts.append("\(Figures.grouped(u.cacheWrite)) cache write") }
        return parts.joined(separator: " · ")
    }

    // MARK: items

    private func render(_ items: [ConversationOutline.Item], clock: Clock) -> [String] {
        var blocks: [String] = []
        for item in items {
            switch item {
            case .prompt(let event, let prompt):
                blocks += self.prompt(event, prompt, clock: clock)
            case .assistant(let message):
                blocks += assistant(message, clock: clock)
            case .compaction(let event, let compaction):
                var text = "### Conversation compacted" + time(event, clock)
                let detail = [compaction.trigger.map { "trigger: " + $0 }, compaction.tokensBefore.map { "\(Figures.grouped($0)) tokens before" }]
                    .compactMap { $0 }
                if !detail.isEmpty { text += "\n\n" + MarkdownText.inline(detail.joined(separator: ", ")) }
                blocks.append(text)
                if let summary = compaction.summary {
                    blocks.append(MarkdownText.folded("Summary that replaced the earlier conversation", MarkdownText.quoted(summary)))
                }
            case .summary(_, let summary):
                blocks.append("**Summary record:** " + MarkdownText.inline(summary.text))
            case .notice(_, let text):
                blocks.append(notice(text))
            case .raw(_, let text):
                blocks.append(MarkdownText.verbatim(text, info: text.hasPrefix("{") ? "json" : "text"))
            case .sidechain(let outline):
                let inner = render(outline.items, clock: clock)
                blocks.append(MarkdownText.folded("Side conversation (subagent records in the main transcript)", inner.joined(separator: "\n\n")))
            }
        }
        return blocks
    }

    private func prompt(_ event: ConversationEvent, _ prompt: Prompt, clock: Clock) -> [String] {
        let images = prompt.images.map { MarkdownText.inline($0.placeholder) }
        switch prompt.origin {
        case .person:
            return ["### You" + time(event, clock), MarkdownText.quoted(prompt.text) + (images.isEmpty ? "" : "\n>\n> " + images.joined(separator: "<br>"))]
        case .command:
            return ["### You ran a command" + time(event, clock), MarkdownText.code(prompt.text)]
        case .agent:
            return ["### Instructions from the main agent" + time(event, clock), MarkdownText.quoted(prompt.text)]
        case .injected:
            let first = SessionTitle.line(prompt.text, limit: 60) ?? "text"
            return [MarkdownText.folded("Added by the tool" + plainTime(event) + ": " + first, MarkdownText.verbatim(prompt.text))]
        }
    }

    private func assistant(_ message: ConversationOutline.AssistantMessage, clock: Clock) -> [String] {
        var heading = "### Assistant" + time(message.first, clock)
        if let model = message.model { heading += " · " + MarkdownText.code(model) }
        if let usage = message.usage, !usage.isZero {
            heading += " · \(Figures.grouped(usage.output)) tokens out, \(Figures.grouped(usage.input + usage.cacheRead + usage.cacheWrite)) in"
        }
        var blocks = [heading]
        for part in message.parts {
            switch part {
            case .reply(_, let text):
                blocks.append(MarkdownText.quoted(text, headings: .demoted))
            case .thinking(_, let text):
                blocks.append(MarkdownText.folded("Thinking", MarkdownText.quoted(text, headings: .demoted)))
            case .tool(let exchange):
                blocks += tool(exchange, clock: clock)
            case .todos(_, let todos):
                blocks.append(ConversationMarkdown.checklist(todos))
            case .notice(_, let text):
                blocks.append(notice(text))
            }
        }
        return blocks
    }

    private func tool(_ exchange: ConversationOutline.ToolExchange, clock: Clock) -> [String] {
        let call = exchange.tool
        var line = "**Tool: " + MarkdownText.inline(call.name) + "**"
        if !call.summary.isEmpty { line += " " + MarkdownText.code(call.summary) }
        var blocks = [line]
        let input = ConversationMarkdown.inputText(call)
        if let todos = exchange.todos {
            blocks.append(ConversationMarkdown.checklist(todos))
        } else if !input.isEmpty, input != call.summary {
            blocks.append(MarkdownText.folded("Input", MarkdownText.verbatim(input)))
        }
        if let result = exchange.result {
            let images = result.images.map(\.placeholder).joined(separator: "\n")
            let body = [result.text, images].filter { !$0.isEmpty }.joined(separator: "\n")
            if let rejection = result.rejection {
                if let words = rejection.userWords {
                    blocks.append("**Rejected by you, saying:**")
                    blocks.append(MarkdownText.quoted(words))
                } else {
                    blocks.append("**Rejected by you.**")
                }
            } else if result.isError {
                blocks.append("**Error**" + (result.exitCode.map { " (exit code \($0))" } ?? "") + ":")
                blocks.append(MarkdownText.verbatim(body.isEmpty ? "(no output)" : body))
            } else if body.isEmpty {
                blocks.append("*No output.*")
            } else {
                let count = body.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                let label =
                    "Result: \(Figures.grouped(count)) line\(count == 1 ? "" : "s")"
                    + (images.isEmpty ? "" : ", \(result.images.count) image\(result.images.count == 1 ? "" : "s")")
                blocks.append(MarkdownText.folded(label, MarkdownText.verbatim(body)))
            }
        }
        if let (stream, outline) = exchange.subagent {
            let inner = render(outline.items, clock: clock)
            let title = call.subagent?.description ?? stream
            blocks.append(MarkdownText.folded("Subagent transcript: " + title + " (" + stream + ")", inner.joined(separator: "\n\n")))
        }
        return blocks
    }

    /// A todo list as a task list: done items checked, the one in progress marked.
    static func checklist(_ todos: [TodoItem]) -> String {
        "**Todo list**\n\n"
            + todos.map { todo in
                let box = todo.status == .completed ? "[x]" : "[ ]"
                let state = todo.status == .inProgress ? " *(in progress)*" : ""
                return "- \(box) " + MarkdownText.inline(todo.text) + state
            }.joined(separator: "\n")
    }

    /// A tool call's input for people: the raw text input, or each member of a JSON input on its own lines.
    static func inputText(_ call: ToolCall) -> String {
        if let text = call.inputText { return text }
        guard let input = call.input else { return "" }
        if let s = input.string { return s }
        guard input.kind == .object else { return input.rawText }
        let members = input.members
        if members.count == 1, let s = members[0].value.string { return s }
        return members.map { key, value in
            if let s = value.string { return s.contains("\n") ? key + ":\n" + s : key + ": " + s }
            return key + ": " + value.rawText
        }.joined(separator: "\n")
    }

    private func notice(_ text: String) -> String {
        if !text.contains("\n"), text.count <= 200 { return "*" + MarkdownText.inline(text) + "*" }
        return MarkdownText.folded("Notes: " + (SessionTitle.line(text, limit: 60) ?? ""), MarkdownText.verbatim(text))
    }

    /// ` · 10:00:05` (with the date when the day changes); empty without a time.
    private func time(_ event: ConversationEvent, _ clock: Clock) -> String {
        guard let iso = event.time, !iso.isEmpty else { return "" }
        let day = Figures.day(iso)
        defer { clock.day = day }
        let text = day != clock.day ? Figures.dateTime(iso) : Figures.timeOfDay(iso)
        // Times are digits, dashes, colons and a space; anything else an archive holds is escaped.
        return " · " + (text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ":" || $0 == " ") } ? text : MarkdownText.inline(text))
    }

    private func plainTime(_ event: ConversationEvent) -> String {
        event.time.map { " at " + Figures.timeOfDay($0) } ?? ""
    }
}
