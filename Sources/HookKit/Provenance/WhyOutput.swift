import HookCore

/// `why`'s text and JSON.
enum WhyOutput {
    /// Consecutive lines with one story (verdict, call, commit) as one block, then each call once: the
    /// prompt before it, the assistant's words before it, its thinking (first line only, or none).
    static func text(_ report: WhyReport, thinking: Bool) -> String {
        var out: [String] = [summary(report)]
        var blocks: [[WhyReport.Line]] = []
        for line in report.lines {
            guard let last = blocks.last?.last, last.number + 1 == line.number else {
                blocks.append([line])
                continue
            }
            // A blank line stays with the block above it, whoever wrote it.
            if line.isBlank
                || (last.verdict == line.verdict && last.origin == line.origin && last.commit == line.commit && last.writtenIn == line.writtenIn
                    && line.written == nil && last.written == nil)
            {
                blocks[blocks.count - 1].append(line)
            } else {
                blocks.append([line])
            }
        }
        let width = String(report.lines.last?.number ?? 0).count
        for block in blocks {
            let first = block.first { !$0.isBlank } ?? block[0]
            let range = block.count == 1 ? "\(block[0].number)" : "\(block[0].number)-\(block[block.count - 1].number)"
            out.append("")
            out.append("\(report.file):\(range)  \(story(first, report))")
            for line in block {
                let number = String(line.number)
                out.append("  " + String(repeating: " ", count: width - number.count) + number + " │ " + line.text)
            }
            if let written = first.written { out.append("  written as: " + written) }
        }
        for (k, origin) in report.origins.enumerated() {
            out.append("")
            out.append(contentsOf: describe(origin, number: k + 1, thinking: thinking))
        }
        return out.joined(separator: "\n")
    }

    static func summary(_ report: WhyReport) -> String {
        var counts: [WhyReport.Verdict: Int] = [:]
        for line in report.lines where !line.isBlank { counts[line.verdict, default: 0] += 1 }
        let total = counts.values.reduce(0, +)
        var parts: [String] = []
        if let n = counts[.tool] { parts.append("\(n) written by tool calls") }
        if let n = counts[.edited] { parts.append("\(n) edited after a tool wrote them") }
        if let n = counts[.hand] { parts.append("\(n) by hand") }
        if let n = counts[.uncommitted] { parts.append("\(n) not committed yet") }
        return "\(report.file): \(total) line\(total == 1 ? "" : "s") with text" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    private static func story(_ line: WhyReport.Line, _ report: WhyReport) -> String {
        let commit = line.commit.map { "commit \($0.prefix(7)) " + SessionTitleLine.of(line.summary) } ?? ""
        let who = line.author.isEmpty ? "" : " (\(line.author), \(day(line.authorTime)))"
        let call = line.origin.map { "[\($0 + 1)] " + report.origins[$0].context.tool + " in " + report.origins[$0].session } ?? ""
        switch line.verdict {
        case .uncommitted: return "not committed yet"
        case .hand: return "by hand · " + commit + who
        case .tool: return "written by " + call + " · " + commit
        case .edited:
            if let earlier = line.writtenIn { return "written by \(call) (commit \(earlier.prefix(7))), changed since by " + commit + who }
            return "edited after " + call + " wrote it · " + commit
        }
    }

    private static func describe(_ origin: WhyReport.Origin, number: Int, thinking: Bool) -> [String] {
        let c = origin.context
        var out = ["[\(number)] \(c.tool)\(c.summary.isEmpty ? "" : " " + c.summary) · session \(origin.session) · \(c.callTime.map(Figures.dateTime) ?? "time not recorded")"]
        if let prompt = c.prompt {
            let label = c.promptIsAgentInstructions ? "    subagent's instructions" : "    prompt"
            out.append(label + (c.promptTime.map { " (\(Figures.dateTime($0)))" } ?? "") + ":")
            out.append(contentsOf: quoted(prompt, limit: 20))
        } else {
            out.append("    prompt: none recorded before the call")
        }
        if let reasoning = c.reasoning {
            out.append("    before the call:")
            out.append(contentsOf: quoted(reasoning, limit: 12))
        }
        if thinking, let text = c.thinking {
            let lines = CodeLine.lines(of: text).filter { !$0.allSatisfy(\.isWhitespace) }
            out.append("    thinking (\(lines.count) line\(lines.count == 1 ? "" : "s"), folded; --no-thinking leaves it out):")
            out.append(contentsOf: quoted(text, limit: 1))
        }
        return out
    }

    /// Text as `> ` lines, at most `limit` of them.
    static func quoted(_ text: String, limit: Int) -> [String] {
        let lines = CodeLine.lines(of: text.trimmingCharacters(in: "\n"))
        var out = lines.prefix(limit).map { "      > " + $0 }
        if lines.count > limit { out.append("      > … (\(lines.count - limit) more line\(lines.count - limit == 1 ? "" : "s"))") }
        return out
    }

    static func day(_ epoch: Int64) -> String { String(SearchTime.display(epoch: epoch).prefix(10)) }

    // MARK: JSON

    static func json(_ report: WhyReport, thinking: Bool) -> String {
        var counts: [WhyReport.Verdict: Int] = [:]
        for line in report.lines where !line.isBlank { counts[line.verdict, default: 0] += 1 }
        let lines = report.lines.map { l -> JSONOutput.Value in
            .object([
                ("author", .string(l.author.isEmpty ? nil : l.author)), ("blank", .bool(l.isBlank)), ("commit", .string(l.commit)), ("line", .int(l.number)),
                ("origin", .int(l.origin)), ("path", .string(l.path)), ("text", .string(l.text)), ("verdict", .string(l.verdict.rawValue)),
                ("written", .string(l.written)), ("writtenIn", .string(l.writtenIn)),
            ])
        }
        let origins = report.origins.map { o -> JSONOutput.Value in
            let c = o.context
            return .object([
                ("archiveLine", .int(o.archiveLine)), ("callTime", .string(c.callTime)), ("carrier", .string(o.carrier)), ("folder", .string(o.folder)),
                ("prompt", .string(c.prompt)), ("promptIsAgentInstructions", .bool(c.promptIsAgentInstructions)), ("promptTime", .string(c.promptTime)),
                ("reasoning", .string(c.reasoning)), ("session", .string(o.session)), ("stream", .string(o.stream)), ("summary", .string(c.summary)),
                ("thinking", .string(thinking ? c.thinking : nil)), ("tool", .string(c.tool)),
            ])
        }
        return JSONOutput.render(
            .object([
                (
                    "counts",
                    .object([
                        ("edited", .int(counts[.edited] ?? 0)), ("hand", .int(counts[.hand] ?? 0)), ("tool", .int(counts[.tool] ?? 0)),
                        ("uncommitted", .int(counts[.uncommitted] ?? 0)),
                    ])
                ),
                ("file", .string(report.file)), ("lines", .array(lines)), ("origins", .array(origins)),
            ]))
    }
}

/// A commit subject cut for one line of output.
enum SessionTitleLine {
    static func of(_ subject: String) -> String { SessionTitle.line(subject, limit: 60) ?? "" }
}
