import HookCore

/// The markdown page of one exported session. Deterministic: the same archive gives the same bytes.
struct SessionMarkdown {
    var key: String
    var title: String
    var meta: ArchivedSessionFacts
    var folder: String
    var digest: SessionDigest
    var commits: [SessionCommits.Commit]
    /// The worktree root, to show paths inside it relative to it.
    var workdir: String

    static let markerPrefix = "<!-- convo-hook session: "
    static let maxPrompt = 4000
    static let maxCommand = 1000

    /// `<!-- convo-hook session: <key> -->`, the first line of every exported page.
    static func marker(_ key: String) -> String { markerPrefix + key + " -->" }

    /// The key in a page's first line, nil when the page is not one convo-hook exported.
    static func key(inFirstLine line: String) -> String? {
        guard line.hasPrefix(markerPrefix), line.hasSuffix(" -->") else { return nil }
        return String(line.dropFirst(markerPrefix.count).dropLast(4))
    }

    func render() -> String {
        var out: [String] = [SessionMarkdown.marker(key), "# " + title, ""]
        out.append("- Source: \(meta.source), session \(Markdown.code(meta.sessionID))")
        if let first = meta.firstTimestamp {
            out.append("- When: \(first)" + (meta.lastTimestamp.map { $0 == first ? "" : " → \($0)" } ?? ""))
        }
        if let branch = meta.branch, !branch.isEmpty { out.append("- Branch: \(Markdown.code(branch))") }
        out.append("- Archive: \(Markdown.code(folder)) (\(meta.lineCount) lines)")

        out += ["", "## Goal", ""]
        out += digest.prompts.first.map { Markdown.quote(ExportText.capped($0, limit: SessionMarkdown.maxPrompt)) } ?? ["None recorded."]

        out += ["", "## Prompts", ""]
        if digest.prompts.isEmpty { out.append("None.") }
        for (i, prompt) in digest.prompts.enumerated() {
            let lines = Markdown.quote(ExportText.capped(prompt, limit: SessionMarkdown.maxPrompt))
            out.append("\(i + 1). " + lines[0])
            out += lines.dropFirst().map { "   " + $0 }
        }

        let read = digest.filesRead.items.map(display)
        let changed = digest.filesChanged.items.map(display)
        section("Files read", uniq(read).map { "- " + Markdown.code($0) }, into: &out)
        section("Files changed", uniq(changed).map { "- " + Markdown.code($0) }, into: &out)

        out += ["", "## Commands run", ""]
        if digest.commands.items.isEmpty {
            out.append("None.")
        } else {
            let commands = digest.commands.items.map { ExportText.capped($0, limit: SessionMarkdown.maxCommand) }
            let fence = Markdown.fence(for: commands.joined(separator: "\n"))
            out.append(fence + "sh")
            out += commands
            out.append(fence)
        }

        section("Errors", digest.errors.map { "- " + Markdown.inline(ExportText.capped($0, limit: 300)) }, into: &out)
        section("Commits", commits.map { "- \(Markdown.code($0.shortHash)) \($0.date) \(Markdown.inline($0.subject))" }, into: &out)

        var specs: [(String, [String])] = []
        for path in uniq(read + changed) where path.hasPrefix("specs/") {
            specs.append((path, [read.contains(path) ? "read" : nil, changed.contains(path) ? "changed" : nil].compactMap { $0 }))
        }
        section("Specs", specs.map { "- \(Markdown.code($0.0)) (\($0.1.joined(separator: ", ")))" }, into: &out)
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ lines: [String], into out: inout [String]) {
        out += ["", "## " + title, ""]
        out += lines.isEmpty ? ["None."] : lines
    }

    private func uniq(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// A path from a tool call as the reader knows it: relative to the worktree (or the session's
    /// working directory) when inside it, `./` and `..` resolved.
    func display(_ path: String) -> String {
        let cwd = meta.cwd ?? workdir
        let absolute = Markdown.normalize(path.hasPrefix("/") ? path : cwd + "/" + path)
        for root in [workdir, cwd] where absolute.hasPrefix(root + "/") {
            return String(absolute.dropFirst(root.count + 1))
        }
        return absolute
    }
}

/// Small markdown escaping helpers.
enum Markdown {
    /// Inline code that survives backticks in `text`; line breaks become spaces.
    static func code(_ text: String) -> String {
        let flat = text.map { $0.isNewline ? " " : $0 }.map(String.init).joined()
        var longest = 0, run = 0
        for ch in flat { run = ch == "`" ? run + 1 : 0; longest = max(longest, run) }
        let ticks = String(repeating: "`", count: longest + 1)
        return longest == 0 ? "`\(flat)`" : "\(ticks) \(flat) \(ticks)"
    }

    /// One line of text, line breaks as spaces.
    static func inline(_ text: String) -> String {
        text.map { $0.isNewline ? " " : $0 }.map(String.init).joined()
    }

    /// `text` as blockquote lines (`> …`; empty lines as `>`).
    static func quote(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let l = line.hasSuffix("\r") ? line.dropLast() : line[...]
            return l.isEmpty ? ">" : "> " + l
        }
    }

    /// A code fence longer than any backtick run at the start of a line of `text`.
    static func fence(for text: String) -> String {
        var longest = 0
        for line in text.split(separator: "\n") {
            longest = max(longest, line.prefix { $0 == "`" }.count)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// An absolute path with `.`, `..` and repeated slashes resolved lexically.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
