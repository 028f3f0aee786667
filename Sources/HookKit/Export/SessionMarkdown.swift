import HookCore

/// The markdown page of one exported session. Deterministic: the same archive gives the same bytes.
/// Archived text goes through `MarkdownText`, so a prompt cannot break the page's lists or sections.
struct SessionMarkdown {
    var key: String
    var title: String
    var session: ArchivedSession
    var facts: SessionFacts
    var digest: SessionDigest
    var commits: [SessionCommits.Commit]
    var prices: PriceTable
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
        var out: [String] = [SessionMarkdown.marker(key), "# " + MarkdownText.inline(title), ""]
        out.append("- Source: \(MarkdownText.inline(session.source)), session \(MarkdownText.code(facts.sessionID ?? session.id))")
        if let first = facts.firstTime {
            var when = "- When: \(first)" + (facts.lastTime.map { $0 == first ? "" : " → \($0)" } ?? "")
            if let d = facts.durationSeconds { when += " (\(Figures.duration(d)))" }
            out.append(when)
        }
        if let branch = facts.branch, !branch.isEmpty { out.append("- Branch: \(MarkdownText.code(branch))") }
        if !facts.models.isEmpty { out.append("- Models: " + facts.models.map(MarkdownText.code).joined(separator: ", ")) }
        let usage = facts.usage
        if !usage.isZero {
            out.append("- Tokens: " + ConversationMarkdown.tokens(usage))
            out.append("- Cost: " + CostSummary(facts.messages, prices: prices).text)
        }
        out.append("- Archive: \(MarkdownText.code(session.folder)) (\(facts.lines) lines)")

        out += ["", "## Goal", ""]
        out.append((digest.goal ?? digest.prompts.first).map { MarkdownText.quoted(capped($0, SessionMarkdown.maxPrompt)) } ?? "None recorded.")

        out += ["", "## Prompts", ""]
        if digest.prompts.isEmpty { out.append("None.") }
        for (i, prompt) in digest.prompts.enumerated() {
            // Continuation lines are indented by the marker's own width, so `10. ` items stay in the list.
            let marker = "\(i + 1). "
            let indent = String(repeating: " ", count: marker.count)
            let lines = MarkdownText.quoted(capped(prompt, SessionMarkdown.maxPrompt)).split(separator: "\n", omittingEmptySubsequences: false)
            out.append(marker + lines[0])
            out += lines.dropFirst().map { indent + $0 }
        }

        let read = digest.filesRead.items.map(display)
        let changed = digest.filesChanged.items.map(display)
        section("Files read", uniq(read).map { "- " + MarkdownText.code($0) }, into: &out)
        section("Files changed", uniq(changed).map { "- " + MarkdownText.code($0) }, into: &out)

        out += ["", "## Commands run", ""]
        if digest.commands.items.isEmpty {
            out.append("None.")
        } else {
            out.append(MarkdownText.verbatim(digest.commands.items.map { capped($0, SessionMarkdown.maxCommand) }.joined(separator: "\n"), info: "sh"))
        }

        var problems: [String] = []
        for p in digest.errors {
            if p.rejected {
                guard let words = p.userWords else {
                    problems.append("- \(MarkdownText.code(p.tool)) was refused.")
                    continue
                }
                problems.append("- \(MarkdownText.code(p.tool)) was refused; you said:")
                problems.append(MarkdownText.quoted(words).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            } else {
                problems.append(
                    "- \(MarkdownText.code(p.tool)) failed" + (p.exitCode.map { " (exit code \($0))" } ?? "") + ": "
                        + MarkdownText.inline(capped(p.error ?? "", 300)))
            }
        }
        section("Errors and refusals", problems, into: &out)
        section("Commits", commits.map { "- \(MarkdownText.code($0.shortHash)) \($0.date) \(MarkdownText.inline($0.subject))" }, into: &out)

        var specs: [(String, [String])] = []
        for path in uniq(read + changed) where path.hasPrefix("specs/") {
            specs.append((path, [read.contains(path) ? "read" : nil, changed.contains(path) ? "changed" : nil].compactMap { $0 }))
        }
        section("Specs", specs.map { "- \(MarkdownText.code($0.0)) (\($0.1.joined(separator: ", ")))" }, into: &out)
        return out.joined(separator: "\n") + "\n"
    }

    private func capped(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
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
        let cwd = facts.cwd ?? workdir
        let absolute = Markdown.normalize(path.hasPrefix("/") ? path : cwd + "/" + path)
        for root in [workdir, cwd] where absolute.hasPrefix(root + "/") {
            return String(absolute.dropFirst(root.count + 1))
        }
        return absolute
    }
}

/// Path helpers shared with `sync`.
enum Markdown {
    /// An absolute path with `.`, `..` and repeated slashes resolved lexically.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
