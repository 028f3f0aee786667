import HookCore

/// Markdown building blocks that keep archived text from changing the page around it. Archived text is
/// anything people and models wrote: open code fences, `#` headings, lists numbered 10 and up, raw HTML,
/// stray `**`, link definitions. Each block here is closed by construction, so what one message holds
/// cannot change how the next one renders, in CommonMark and on GitHub.
enum MarkdownText {
    /// `text` as a block quote: markdown inside renders (emphasis, lists, code), but every block it opens
    /// ends with the quote. Raw HTML tags are shown as text (`<` as `&lt;` outside code) and link reference
    /// definitions, which CommonMark applies to the whole page, are escaped.
    ///
    /// Headings never reach the page's own levels: in what a person typed they stay text, as typed
    /// (`literal`); in what a model wrote (markdown by design) they become level 4 and below (`demoted`).
    static func quoted(_ text: String, headings: Headings = .literal) -> String {
        var out: [String] = []
        var fence: (char: Character, count: Int)?
        var previousIsText = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if indent < 4, let marker = body.first, marker == "`" || marker == "~" {
                let run = body.prefix { $0 == marker }.count
                if run >= 3 {
                    if let open = fence {
                        if marker == open.char, run >= open.count, body.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                    } else if marker == "~" || !body.dropFirst(run).contains("`") {
                        fence = (marker, run)
                    }
                    out.append(line.isEmpty ? ">" : "> " + line)
                    continue
                }
            }
            if fence == nil {
                line = escapeHTML(outsideCodeSpans: line)
                if indent < 4, body.hasPrefix("["), isLinkDefinition(body) {
                    line = String(line.prefix(indent)) + "\\" + line.dropFirst(indent)
                }
                if indent < 4, let level = atxLevel(body) {
                    switch headings {
                    case .literal: line = String(line.prefix(indent)) + "\\" + line.dropFirst(indent)
                    case .demoted: line = String(line.prefix(indent)) + String(repeating: "#", count: min(6, level + 3) - level) + line.dropFirst(indent)
                    }
                } else if indent < 4, previousIsText, !body.isEmpty, body.allSatisfy({ $0 == "=" || $0 == "-" || $0 == " " }),
                    let marker = body.first, body.filter({ $0 != " " }).allSatisfy({ $0 == marker })
                {
                    // A setext underline would make the line above a page-level heading.
                    line = String(line.prefix(indent)) + "\\" + line.dropFirst(indent)
                }
            }
            previousIsText = fence == nil && !line.trimmingCharacters(in: " \t").isEmpty
            out.append(line.isEmpty ? ">" : "> " + line)
        }
        while out.last == ">" { out.removeLast() }
        return out.isEmpty ? ">" : out.joined(separator: "\n")
    }

    enum Headings {
        case literal, demoted
    }

    /// The level of an ATX heading line (`#` to `######` followed by a space or the end), nil otherwise.
    private static func atxLevel(_ body: Substring) -> Int? {
        let hashes = body.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = body.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " || rest.first == "\t" ? hashes : nil
    }

    /// `text` verbatim in a fenced code block whose fence no line of `text` can close.
    static func verbatim(_ text: String, info: String = "text") -> String {
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var body = text
        while body.hasSuffix("\n") { body.removeLast() }
        return fence + info + "\n" + body + "\n" + fence
    }

    /// A folded block: `<details><summary>…</summary>`, the content (markdown blocks), `</details>`.
    /// The summary is HTML-escaped; the blank lines around the content keep it markdown.
    static func folded(_ summary: String, _ content: String, open: Bool = false) -> String {
        "<details\(open ? " open" : "")><summary>\(escapeHTML(oneLine(summary)))</summary>\n\n\(content)\n\n</details>"
    }

    /// One line of text that renders as itself after a prefix (a heading's `#`, a list marker, a bold label):
    /// line breaks become spaces and the characters that start inline markup (emphasis, code, links, HTML,
    /// entities, strikethrough) are backslash-escaped. Block markers (`#`, `-`, `10.`) cannot act after a prefix.
    static func inline(_ text: String) -> String {
        var out = ""
        for ch in oneLine(text) {
            if "\\`*_[]<>&~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Inline code that survives backticks in `text`; line breaks become spaces.
    static func code(_ text: String) -> String {
        let flat = oneLine(text)
        var longest = 0
        var run = 0
        for ch in flat {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        if longest == 0 { return "`\(flat)`" }
        let ticks = String(repeating: "`", count: longest + 1)
        return "\(ticks) \(flat) \(ticks)"
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// `&`, `<`, `>` and `"` as entities (for HTML contexts such as a `<summary>`).
    static func escapeHTML(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `<` as `&lt;` where it could start a tag (outside inline code spans, which show it as it is).
    private static func escapeHTML(outsideCodeSpans line: String) -> String {
        guard line.contains("<") else { return line }
        let chars = Array(line)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "`" {
                var run = 0
                while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                // The span ends at the next run of exactly the same length.
                var j = i + run
                var end: Int?
                while j < chars.count {
                    if chars[j] == "`" {
                        var r = 0
                        while j + r < chars.count, chars[j + r] == "`" { r += 1 }
                        if r == run {
                            end = j + r
                            break
                        }
                        j += r
                    } else {
                        j += 1
                    }
                }
                let stop = end ?? i + run
                out += String(chars[i..<stop])
                i = stop
                continue
            }
            if chars[i] == "<" {
                out += "&lt;"
            } else {
                out.append(chars[i])
            }
            i += 1
        }
        return out
    }

    /// `[label]: destination`: a link reference definition, which would apply to the whole page.
    private static func isLinkDefinition(_ body: Substring) -> Bool {
        guard let close = body.firstIndex(of: "]") else { return false }
        return body[body.index(after: close)...].hasPrefix(":")
    }
}
