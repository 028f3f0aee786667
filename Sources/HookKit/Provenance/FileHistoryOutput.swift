import HookCore

extension FileHistory {
    /// Sessions newest first, each with its account, commits and prompts; then the commits that changed the
    /// file without a session touching it.
    public var text: String {
        let others = names.dropFirst()
        var out = [path + (others.isEmpty ? "" : " (was " + others.joined(separator: ", ") + ")")]
        out.append(
            "\(sessions.count) session\(sessions.count == 1 ? "" : "s") read or changed it; \(commits.count) commit\(commits.count == 1 ? "" : "s") changed it")
        for s in sessions {
            out.append("")
            let when = s.lastTouch.map(Figures.dateTime) ?? "time not recorded"
            out.append("\(when)  \(s.session)" + (s.title.map { "  " + (SessionTitle.line($0, limit: 70) ?? "") } ?? ""))
            out.append("  " + s.account)
            if !s.commits.isEmpty { out.append("  commits: " + s.commits.map { c in shortCommit(c) }.joined(separator: " · ")) }
            for p in s.prompts.prefix(5) {
                out.append("  > " + (SessionTitle.line(p.text, limit: 100) ?? ""))
            }
            if s.prompts.count > 5 { out.append("  > … \(s.prompts.count - 5) more prompt\(s.prompts.count - 5 == 1 ? "" : "s") (--json lists them all)") }
        }
        let alone = commits.filter(\.sessions.isEmpty)
        if !alone.isEmpty {
            out.append("")
            out.append("changed without a session touching it:")
            for c in alone { out.append("  \(c.commit.prefix(7)) \(WhyOutput.day(c.time)) \(SessionTitleLine.of(c.subject))" + (c.path == path ? "" : "  (as \(c.path))")) }
        }
        return out.joined(separator: "\n")
    }

    private func shortCommit(_ id: String) -> String {
        guard let c = commits.first(where: { $0.commit == id }) else { return String(id.prefix(7)) }
        return String(id.prefix(7)) + " " + SessionTitleLine.of(c.subject)
    }

    public var json: String {
        JSONOutput.render(
            .object([
                (
                    "commits",
                    .array(
                        commits.map { c in
                            .object([
                                ("commit", .string(c.commit)), ("path", .string(c.path)), ("sessions", .strings(c.sessions)), ("subject", .string(c.subject)),
                                ("time", .int(Int(c.time))),
                            ])
                        })
                ),
                ("names", .strings(names)), ("path", .string(path)),
                (
                    "sessions",
                    .array(
                        sessions.map { s in
                            .object([
                                ("account", .string(s.account)), ("added", .int(s.added)), ("commands", .int(s.commands)), ("commits", .strings(s.commits)),
                                ("firstTouch", .string(s.firstTouch)), ("folder", .string(s.folder)), ("lastTouch", .string(s.lastTouch)),
                                ("prompts", .array(s.prompts.map { .object([("text", .string($0.text)), ("time", .string($0.time))]) })),
                                ("reads", .int(s.reads)), ("removed", .int(s.removed)), ("session", .string(s.session)), ("title", .string(s.title)),
                                ("writes", .int(s.writes)),
                            ])
                        })
                ),
            ]))
    }
}
