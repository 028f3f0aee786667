import HookCore

extension SessionPrompts {
    /// The prompts as markdown; with `specs`, each prompt is followed by the specifications it referenced as
    /// they were when it was typed.
    public func markdown(specs: Bool, git: (String, String) -> String?) -> String {
        var out = ["# Prompts of \(MarkdownText.inline(session))", ""]
        var facts = ["\(prompts.count) prompt\(prompts.count == 1 ? "" : "s") typed"]
        if let title { facts.insert(MarkdownText.inline(title), at: 0) }
        if let base { facts.append("started from commit `\(base.prefix(12))`") }
        out.append(facts.joined(separator: " · "))
        for p in prompts {
            out.append("")
            out.append("## \(p.number)\(p.time.map { " · " + Figures.dateTime($0) } ?? "")\(p.isCommand ? " · command" : "")")
            out.append("")
            out.append(MarkdownText.quoted(p.text))
            guard !p.files.isEmpty else { continue }
            out.append("")
            out.append("Files: " + p.files.map { MarkdownText.code($0.path) + " (" + $0.how + ")" }.joined(separator: ", "))
            guard specs else { continue }
            for file in p.files where file.isSpec {
                out.append("")
                guard let revision = file.revision, let text = git(revision, file.path) else {
                    out.append("*\(MarkdownText.inline(file.path)) did not exist yet when this was typed.*")
                    continue
                }
                out.append("**\(MarkdownText.inline(file.path))** as of `\(revision.prefix(12))`:")
                out.append("")
                out.append(MarkdownText.verbatim(text, info: ""))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A POSIX sh script that replays the prompts headlessly with the session's own tool, one step after
    /// the other (`set -e`: a failed step stops it). With `specs`, each step first puts the specifications
    /// its prompt referenced back as they were (`git show REV:PATH`).
    public func script(specs: Bool) -> String {
        let tool = SessionPrompts.replay[source]
        var out = [
            "#!/bin/sh",
            "# Replays the prompts of \(session)\(title.map { " (" + SessionPrompts.comment($0) + ")" } ?? "") headlessly, in order; each step",
            "# starts when the one before has finished. Written by convo-hook prompts --format sh.",
            "# Run it at the repository's root, on a checkout of the code the session started from:",
            "#   git checkout \(base ?? "<the commit before the session>")",
        ]
        if let tool {
            out.append("# \(tool.variable) holds extra flags for \(tool.program) (default: \(tool.defaultFlags.isEmpty ? "none" : tool.defaultFlags)).")
            out.append("set -eu")
            out.append("\(tool.variable)=${\(tool.variable)-\"\(tool.defaultFlags)\"}")
        } else {
            out.append("# " + SessionPrompts.noReplay(source))
            out.append("set -eu")
        }
        var started = false
        for p in prompts {
            out.append("")
            out.append("# \(p.number)\(p.time.map { " · " + Figures.dateTime($0) } ?? "")")
            if specs {
                for file in p.files where file.isSpec {
                    guard let revision = file.revision else {
                        out.append("# \(SessionPrompts.comment(file.path)) did not exist yet")
                        continue
                    }
                    let path = SessionPrompts.shellQuoted(file.path)
                    if file.path.contains("/") { out.append("mkdir -p \"$(dirname \(path))\"") }
                    out.append("git show \(SessionPrompts.shellQuoted(revision + ":" + file.path)) > \(path)")
                }
            } else if !p.files.isEmpty {
                out.append("# files: " + p.files.map { SessionPrompts.comment($0.path) }.joined(separator: ", "))
            }
            if p.text.hasPrefix("! ") {
                out.append("# ran in the session (a shell command, not replayed):")
                out.append(contentsOf: CodeLine.lines(of: p.text).map { "#   " + $0 })
                continue
            }
            guard let tool else {
                out.append(contentsOf: CodeLine.lines(of: p.text).map { "#   " + $0 })
                continue
            }
            // A prompt starting with `-` must not read as a flag.
            let separator = tool.promptIsOptionValue ? "" : p.text.hasPrefix("-") ? " -- " : " "
            out.append((started ? tool.next : tool.first) + separator + SessionPrompts.shellQuoted(p.text))
            started = true
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// How each source's tool runs a prompt without its interface, first and then continuing the same
    /// conversation (Claude Code `-p`/`--continue`, Codex `exec`/`exec resume --last`, Gemini CLI
    /// `--prompt`/`--resume latest`, OpenCode `run`/`run --continue`, Aider `--message` with its chat history
    /// restored).
    struct Replay {
        var program: String
        var variable: String
        var defaultFlags: String
        var first: String
        var next: String
        /// `first`/`next` end in `--option=` and the prompt is its value (a prompt starting with `-` then
        /// needs no `--`, which these tools would take as the prompt).
        var promptIsOptionValue = false
    }

    static let replay: [String: Replay] = [
        "claude": Replay(
            program: "claude", variable: "CLAUDE_FLAGS", defaultFlags: "--permission-mode acceptEdits",
            first: "claude -p $CLAUDE_FLAGS", next: "claude -p --continue $CLAUDE_FLAGS"),
        "codex": Replay(
            program: "codex", variable: "CODEX_FLAGS", defaultFlags: "--sandbox workspace-write",
            first: "codex exec $CODEX_FLAGS", next: "codex exec $CODEX_FLAGS resume --last"),
        "gemini": Replay(
            program: "gemini", variable: "GEMINI_FLAGS", defaultFlags: "--approval-mode auto_edit",
            first: "gemini $GEMINI_FLAGS --prompt=", next: "gemini $GEMINI_FLAGS --resume latest --prompt=", promptIsOptionValue: true),
        "opencode": Replay(
            program: "opencode", variable: "OPENCODE_FLAGS", defaultFlags: "", first: "opencode run $OPENCODE_FLAGS",
            next: "opencode run --continue $OPENCODE_FLAGS"),
        "aider": Replay(
            program: "aider", variable: "AIDER_FLAGS", defaultFlags: "--yes-always",
            first: "aider $AIDER_FLAGS --message=", next: "aider $AIDER_FLAGS --restore-chat-history --message=", promptIsOptionValue: true),
    ]

    /// The script's statement that it replays nothing, for a source without an entry in `replay`.
    static func noReplay(_ source: String) -> String {
        let oneShot = ["copilot": "copilot -p", "cursor": "cursor-agent -p", "amp": "amp -x"]
        if let command = oneShot[source] {
            return "convo-hook writes no replay for \(source): it knows no headless way to continue one conversation prompt after prompt "
                + "(`\(command)` runs a single prompt). The prompts follow as comments."
        }
        return "convo-hook writes no replay for \(source): it knows no headless command line for it. The prompts follow as comments."
    }

    /// `'text'` for sh, a `'` inside written `'\''`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// One line fit for a `#` comment.
    static func comment(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// `convo-hook prompts`.
public enum PromptsCommand {
    public static func run(_ query: String, format: SessionPrompts.Format, specs: Bool, repository: Repository) throws -> String {
        let prompts = try SessionPrompts.of(query, repository: repository)
        switch format {
        case .sh:
            return prompts.script(specs: specs)
        case .md:
            let git = try GitText(repository: repository)
            return prompts.markdown(specs: specs) { revision, path in
                (try? git.run(["show", revision + ":" + path], what: "git show")).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    }
}
