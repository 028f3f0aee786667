import FoundationEssentials

/// Notes on `refs/notes/convo`: for each commit, the sessions, line ranges and part files it carries.
/// Each note line is one compact JSON object, so notes that git concatenates on `--amend`/`rebase`
/// (`notes.rewriteRef`) stay readable.
package enum ConversationNotes {
    package static let ref = "refs/notes/convo"

    /// The note for a commit carrying `change`: one compact JSON line, keys sorted so the same
    /// sessions always give the same bytes (notes merged on two clones then agree).
    package static func text(for change: ArchiveChange) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(NoteBody(sessions: change.sessions, attribution: change.attribution))).map { String(decoding: $0, as: UTF8.self) }
        return (body ?? "{\"sessions\":[]}") + "\n"
    }

    /// The sessions of a note's text, every line merged; lines that are not convo-hook's are skipped.
    package static func change(fromNote text: String) -> ArchiveChange {
        var change = ArchiveChange()
        for line in text.split(separator: "\n") where line.hasPrefix("{") {
            if let body = try? JSONDecoder().decode(NoteBody.self, from: Data(line.utf8)) {
                var noted = ArchiveChange(paths: [], sessions: body.sessions)
                noted.attribution = body.attribution
                change.merge(noted)
            }
        }
        return change
    }

    /// Whether a line of a note is one of convo-hook's (other tools and people may add lines to a note).
    package static func isNoteLine(_ line: Substring) -> Bool {
        line.hasPrefix("{") && (try? JSONDecoder().decode(NoteBody.self, from: Data(line.utf8))) != nil
    }

    private struct NoteBody: Codable {
        var sessions: [SessionChange]
        /// Absent in notes written before attribution was counted.
        var attribution: CommitAttribution?
    }
}

extension ConversationNotes {
    /// Writes the note of `commit` with `git notes`: the sessions and line ranges it carries.
    package static func write(_ change: ArchiveChange, on commit: String, git: GitCommand) throws {
        let result = try git.run(["notes", "--ref=" + ref, "add", "-f", "-F", "-", commit], input: Array(text(for: change).utf8))
        guard result.status == 0 else { throw ArchiveError("could not write the note on \(ref): \(result.lastErrorLine)") }
    }
}
