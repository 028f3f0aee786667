import HookCore

/// A session's outline as HTML, one chunk per top-level item: prompts as typed, replies, thinking folded,
/// each tool call with its input and its full result folded, errors and the person's rejection words in
/// full, subagent transcripts folded under the call that started them, todo lists, images (the image
/// itself when `convo.keepImages` kept it), and each message's time, model and tokens with an anchor.
/// Every piece of archived text goes through `HTMLWriter.text` or `ProseHTML`.
struct OutlineHTML {
    /// One top-level item, rendered.
    struct Chunk {
        var bytes: [UInt8]
        /// The item's first main-stream line (0 when it has none).
        var line: Int
        /// A prompt a person typed: where a page may start.
        var startsTurn: Bool
    }

    /// A message's anchor, for the table of contents and for links from commit pages.
    struct Target {
        var stream: String
        var line: Int
        var anchor: Anchor
        /// The chunk holding it.
        var chunk: Int
    }

    /// A prompt a person typed, for the table of contents.
    struct TurnEntry {
        /// Its index in `targets`.
        var target: Int
        var text: String
        var time: String?
    }

    let redaction: SiteRedaction
    private(set) var chunks: [Chunk] = []
    private(set) var targets: [Target] = []
    private(set) var turns: [TurnEntry] = []
    private var used = Set<Anchor>()
    /// The day of the last time shown, so times repeat their date only when it changes.
    private var day: String?

    init(redaction: SiteRedaction) { self.redaction = redaction }

    /// Renders every item of `outline` and the subagents no call points to.
    mutating func render(_ outline: ConversationOutline) {
        for item in outline.items {
            var w = HTMLWriter(redaction: redaction)
            let startsTurn: Bool
            if case .prompt(_, let p) = item, p.origin == .person { startsTurn = true } else { startsTurn = false }
            let line = OutlineHTML.firstLine(item)
            self.item(item, level: 3, into: &w)
            chunks.append(Chunk(bytes: w.bytes, line: line, startsTurn: startsTurn))
        }
        for (stream, sub) in outline.unlinkedSubagents where !sub.items.isEmpty {
            var w = HTMLWriter(redaction: redaction)
            w.markup("<section class=\"subagent-alone\"><h3>Subagent <code>")
            w.text(stream)
            w.markup("</code></h3>")
            for item in sub.items { self.item(item, level: 4, into: &w) }
            w.markup("</section>")
            chunks.append(Chunk(bytes: w.bytes, line: 0, startsTurn: true))
        }
    }

    static func firstLine(_ item: ConversationOutline.Item) -> Int {
        switch item {
        case .prompt(let e, _), .compaction(let e, _), .summary(let e, _), .notice(let e, _), .raw(let e, _): return e.line
        case .assistant(let m): return m.first.line
        case .sidechain(let o): return o.items.first.map(firstLine) ?? 0
        }
    }

    // MARK: items

    private mutating func item(_ item: ConversationOutline.Item, level: Int, into w: inout HTMLWriter) {
        switch item {
        case .prompt(let event, let prompt):
            self.prompt(event, prompt, level: level, into: &w)
        case .assistant(let message):
            assistant(message, level: level, into: &w)
        case .compaction(let event, let compaction):
            w.markup("<section class=\"compaction\"")
            w.id(anchor(event))
            w.markup(">")
            OutlineHTML.heading(level, into: &w) { w in
                w.markup("Conversation compacted")
                self.when(event, into: &w)
            }
            let detail = [compaction.trigger.map { "trigger: " + $0 }, compaction.tokensBefore.map { "\(Figures.grouped($0)) tokens before" }].compactMap { $0 }
            if !detail.isEmpty {
                w.markup("<p class=\"meta\">")
                w.text(detail.joined(separator: ", "))
                w.markup("</p>")
            }
            if let summary = compaction.summary {
                w.markup("<details><summary>Summary that replaced the earlier conversation</summary><div class=\"prose\">")
                ProseHTML.write(summary, into: &w)
                w.markup("</div></details>")
            }
            w.markup("</section>")
        case .summary(_, let summary):
            w.markup("<p class=\"note\"><strong>Summary record:</strong> ")
            w.text(summary.text)
            w.markup("</p>")
        case .notice(_, let text):
            notice(text, into: &w)
        case .raw(let event, let text):
            w.markup("<pre class=\"raw\"")
            w.id(anchor(event))
            w.markup(">")
            w.text(text)
            w.markup("</pre>")
        case .sidechain(let outline):
            w.markup("<details class=\"sidechain\"><summary>Side conversation (subagent records in the main transcript)</summary><div class=\"nested\">")
            for inner in outline.items { self.item(inner, level: min(level + 1, 6), into: &w) }
            w.markup("</div></details>")
        }
    }

    private mutating func prompt(_ event: ConversationEvent, _ prompt: Prompt, level: Int, into w: inout HTMLWriter) {
        let id = anchor(event)
        switch prompt.origin {
        case .injected:
            w.markup("<details class=\"injected\"")
            w.id(id)
            w.markup("><summary>Added by the tool")
            if let time = event.time {
                w.markup(" at ")
                w.text(Figures.timeOfDay(time))
            }
            w.markup(": ")
            w.text(SessionTitle.line(prompt.text, limit: 60) ?? "text")
            w.markup("</summary><pre>")
            w.text(prompt.text)
            w.markup("</pre></details>")
            return
        case .person:
            w.markup("<article class=\"msg you\"")
            turns.append(TurnEntry(target: targets.count - 1, text: SessionTitle.line(prompt.text, limit: 90) ?? "(empty prompt)", time: event.time))
        case .command:
            w.markup("<article class=\"msg you command\"")
            turns.append(TurnEntry(target: targets.count - 1, text: SessionTitle.line(prompt.text, limit: 90) ?? "(command)", time: event.time))
        case .agent:
            w.markup("<article class=\"msg agent\"")
        }
        w.id(id)
        w.markup(">")
        OutlineHTML.heading(level, into: &w) { w in
            switch prompt.origin {
            case .person: w.markup("You")
            case .command: w.markup("You ran a command")
            default: w.markup("Instructions from the main agent")
            }
            self.when(event, anchor: id, into: &w)
        }
        if prompt.origin == .command {
            w.markup("<p><code>")
            w.text(prompt.text)
            w.markup("</code></p>")
        } else {
            w.markup("<div class=\"typed\">")
            w.text(prompt.text)
            w.markup("</div>")
        }
        images(prompt.images, into: &w)
        w.markup("</article>")
    }

    private mutating func assistant(_ message: ConversationOutline.AssistantMessage, level: Int, into w: inout HTMLWriter) {
        let id = anchor(message.first)
        w.markup("<article class=\"msg assistant\"")
        w.id(id)
        w.markup(">")
        OutlineHTML.heading(level, into: &w) { w in
            w.markup("Assistant")
            self.when(message.first, anchor: id, into: &w)
            if let model = message.model {
                w.markup(" <span class=\"model\">")
                w.text(model)
                w.markup("</span>")
            }
            if let usage = message.usage, !usage.isZero {
                w.markup(" <span class=\"tokens\">")
                w.grouped(usage.output)
                w.markup(" tokens out, ")
                w.grouped(usage.input + usage.cacheRead + usage.cacheWrite)
                w.markup(" in</span>")
            }
        }
        for part in message.parts {
            switch part {
            case .reply(_, let text):
                w.markup("<div class=\"prose\">")
                ProseHTML.write(text, into: &w)
                w.markup("</div>")
            case .thinking(_, let text):
                w.markup("<details class=\"thinking\"><summary>Thinking</summary><div class=\"prose\">")
                ProseHTML.write(text, into: &w)
                w.markup("</div></details>")
            case .tool(let exchange):
                tool(exchange, level: level, into: &w)
            case .todos(_, let todos):
                todoList(todos, into: &w)
            case .notice(_, let text):
                notice(text, into: &w)
            }
        }
        w.markup("</article>")
    }

    private mutating func tool(_ exchange: ConversationOutline.ToolExchange, level: Int, into w: inout HTMLWriter) {
        let call = exchange.tool
        w.markup("<div class=\"tool\"><p class=\"call\"><span class=\"tool-name\">")
        w.text(call.name)
        w.markup("</span>")
        if !call.summary.isEmpty {
            w.markup(" <code>")
            w.text(call.summary)
            w.markup("</code>")
        }
        w.markup("</p>")
        if let todos = exchange.todos {
            todoList(todos, into: &w)
        } else if !call.edits.isEmpty {
            w.markup("<details class=\"input\"><summary>Changes</summary>")
            for edit in call.edits {
                w.markup("<p class=\"path\"><code>")
                w.text(edit.path)
                w.markup("</code></p><pre class=\"diff\">")
                if let old = edit.oldText {
                    w.markup("<del>")
                    w.text(OutlineHTML.prefixed(old, "- "))
                    w.markup("</del>")
                }
                w.markup("<ins>")
                w.text(OutlineHTML.prefixed(edit.newText, edit.oldText == nil ? "" : "+ "))
                w.markup("</ins></pre>")
            }
            w.markup("</details>")
        } else {
            let input = ConversationMarkdown.inputText(call)
            if !input.isEmpty, input != call.summary {
                w.markup("<details class=\"input\"><summary>Input</summary><pre>")
                w.text(input)
                w.markup("</pre></details>")
            }
        }
        if let result = exchange.result {
            if let rejection = result.rejection {
                w.markup("<div class=\"rejected\">")
                if let words = rejection.userWords {
                    w.markup("<p><strong>Rejected by you, saying:</strong></p><blockquote class=\"typed\">")
                    w.text(words)
                    w.markup("</blockquote>")
                } else {
                    w.markup("<p><strong>Rejected by you.</strong></p>")
                }
                w.markup("</div>")
            } else if result.isError {
                w.markup("<p class=\"error-label\"><strong>Error</strong>")
                if let code = result.exitCode {
                    w.markup(" (exit code ")
                    w.int(code)
                    w.markup(")")
                }
                w.markup(":</p><pre class=\"error\">")
                w.text(result.text.isEmpty ? "(no output)" : result.text)
                w.markup("</pre>")
                images(result.images, into: &w)
            } else if result.text.isEmpty && result.images.isEmpty {
                w.markup("<p class=\"meta\">No output.</p>")
            } else {
                let count = OutlineHTML.lineCount(result.text)
                w.markup("<details class=\"result\"><summary>Result: ")
                w.grouped(count)
                w.markup(count == 1 ? " line" : " lines")
                if !result.images.isEmpty {
                    w.markup(", ")
                    w.int(result.images.count)
                    w.markup(result.images.count == 1 ? " image" : " images")
                }
                w.markup("</summary>")
                if !result.text.isEmpty {
                    w.markup("<pre>")
                    w.text(result.text)
                    w.markup("</pre>")
                }
                images(result.images, into: &w)
                w.markup("</details>")
            }
        }
        if let (stream, outline) = exchange.subagent {
            w.markup("<details class=\"subagent\"><summary>Subagent transcript: ")
            w.text(call.subagent?.description ?? stream)
            w.markup(" <code>")
            w.text(stream)
            w.markup("</code></summary><div class=\"nested\">")
            for item in outline.items { self.item(item, level: min(level + 1, 6), into: &w) }
            w.markup("</div></details>")
        }
        w.markup("</div>")
    }

    private func todoList(_ todos: [TodoItem], into w: inout HTMLWriter) {
        w.markup("<div class=\"todos\"><p><strong>Todo list</strong></p><ul>")
        for todo in todos {
            switch todo.status {
            case .completed: w.markup("<li class=\"done\"><span class=\"state\">done:</span> ")
            case .inProgress: w.markup("<li class=\"doing\"><span class=\"state\">in progress:</span> ")
            case .pending: w.markup("<li class=\"pending\"><span class=\"state\">to do:</span> ")
            }
            w.text(todo.text)
            w.markup("</li>")
        }
        w.markup("</ul></div>")
    }

    /// Placeholders, or the image when its payload was kept and is a plain raster image in base64.
    private func images(_ images: [ImageRef], into w: inout HTMLWriter) {
        for image in images {
            if let data = image.base64, let media = OutlineHTML.inlineMediaType(image.mediaType), OutlineHTML.isBase64(data) {
                w.markup("<p class=\"image\"><img")
                w.attribute("alt", image.placeholder)
                w.markup(" src=\"data:")
                w.plain(media)
                w.markup(";base64,")
                w.plain(data)
                w.markup("\"></p>")
            } else {
                w.markup("<p class=\"image\">")
                w.plain(image.placeholder)
                w.markup("</p>")
            }
        }
    }

    /// Raster types a page shows inline (SVG can carry script, so it stays a placeholder).
    static func inlineMediaType(_ media: String) -> String? {
        ["image/png", "image/jpeg", "image/gif", "image/webp"].first { $0 == media.lowercased() }
    }

    static func isBase64(_ s: String) -> Bool {
        !s.isEmpty
            && s.utf8.allSatisfy { b in
                (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2F || b == 0x3D
            }
    }

    private func notice(_ text: String, into w: inout HTMLWriter) {
        if !text.contains("\n"), text.count <= 200 {
            w.markup("<p class=\"notice\">")
            w.text(text)
            w.markup("</p>")
            return
        }
        w.markup("<details class=\"notice\"><summary>Notes: ")
        w.text(SessionTitle.line(text, limit: 60) ?? "")
        w.markup("</summary><pre>")
        w.text(text)
        w.markup("</pre></details>")
    }

    // MARK: pieces

    /// `<hN>…</hN>` with N between 3 and 6.
    private static func heading(_ level: Int, into w: inout HTMLWriter, _ body: (inout HTMLWriter) -> Void) {
        switch level {
        case ...3: w.markup("<h3>")
        case 4: w.markup("<h4>")
        case 5: w.markup("<h5>")
        default: w.markup("<h6>")
        }
        body(&w)
        switch level {
        case ...3: w.markup("</h3>")
        case 4: w.markup("</h4>")
        case 5: w.markup("</h5>")
        default: w.markup("</h6>")
        }
    }

    /// ` · 10:00:05` as a link to the message's anchor (the date too when the day changed).
    private mutating func when(_ event: ConversationEvent, anchor: Anchor? = nil, into w: inout HTMLWriter) {
        guard let iso = event.time, !iso.isEmpty else { return }
        let today = Figures.day(iso)
        let shown = today != day ? Figures.dateTime(iso) : Figures.timeOfDay(iso)
        day = today
        w.markup(" <span class=\"when\">")
        if let anchor {
            w.markup("<a")
            w.href(SiteLink(anchor: anchor))
            w.markup(">")
        }
        w.markup("<time")
        w.attribute("datetime", iso)
        w.markup(">")
        w.text(shown)
        w.markup("</time>")
        if anchor != nil { w.markup("</a>") }
        w.markup("</span>")
    }

    /// A unique anchor for the event's line, recorded as a link target.
    private mutating func anchor(_ event: ConversationEvent) -> Anchor {
        var anchor = SiteNames.message(stream: event.stream, line: event.line)
        var n = 2
        while used.contains(anchor) {
            anchor = Anchor(SiteNames.message(stream: event.stream, line: event.line).name + "-\(n)")
            n += 1
        }
        used.insert(anchor)
        targets.append(Target(stream: event.stream, line: event.line, anchor: anchor, chunk: chunks.count))
        return anchor
    }

    /// Lines of `text` (0 when empty).
    static func lineCount(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        var text = text
        return text.withUTF8 { buffer in
            var n = 1
            for b in buffer where b == 0x0A { n += 1 }
            return n
        }
    }

    /// Every line of `text` with `prefix` before it.
    static func prefixed(_ text: String, _ prefix: String) -> String {
        guard !prefix.isEmpty else { return text.hasSuffix("\n") ? text : text + "\n" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n") + "\n"
    }
}
