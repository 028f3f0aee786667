/// The SEARCH/REPLACE blocks of Cline's `replace_in_file` (`diff` parameter), as edits. Cline writes
/// `------- SEARCH`, the old text, `=======`, the new text, `+++++++ REPLACE`; its older versions (and Aider's
/// style) use `<<<<<<< SEARCH` and `>>>>>>> REPLACE`. Each marker is three or more of its character on a line
/// of its own (format from Cline's `src/core/assistant-message/diff.ts`).
enum SearchReplaceBlocks {
    /// The blocks' edits, in order; nil when the text holds no complete block.
    static func edits(_ diff: String, path: String) -> [FileEdit]? {
        enum State { case outside, search, replace }
        var state = State.outside
        var old: [Substring] = []
        var new: [Substring] = []
        var edits: [FileEdit] = []
        for line in CodeLine.lines(of: diff) {
            switch state {
            case .outside:
                if isMarker(line, "-", "SEARCH") || isMarker(line, "<", "SEARCH") {
                    old = []
                    new = []
                    state = .search
                }
            case .search:
                if isMarker(line, "=", nil) { state = .replace } else { old.append(line) }
            case .replace:
                if isMarker(line, "+", "REPLACE") || isMarker(line, ">", "REPLACE") {
                    edits.append(FileEdit(path: path, oldText: old.joined(separator: "\n"), newText: new.joined(separator: "\n")))
                    state = .outside
                } else {
                    new.append(line)
                }
            }
        }
        return edits.isEmpty ? nil : edits
    }

    /// `ccc WORD` (three or more `c`, a space, the word, an optional `>`), or `ccc` alone when `word` is nil.
    private static func isMarker(_ line: Substring, _ c: Character, _ word: String?) -> Bool {
        let t = line.trimmingCharacters(in: " \t\r")
        let run = t.prefix { $0 == c }
        guard run.count >= 3 else { return false }
        let rest = t.dropFirst(run.count)
        guard let word else { return rest.isEmpty }
        return rest == " " + word || rest == " " + word + ">"
    }
}
