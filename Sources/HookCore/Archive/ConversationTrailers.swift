/// The `Conversation: <source>/<session-id>` trailers that link a commit to the sessions it carries.
package enum ConversationTrailers {
    package static let key = "Conversation"

    /// The sessions named by `Conversation:` trailers in a commit message.
    package static func sessions(in message: String) -> [String] {
        message.split(separator: "\n").compactMap { line in
            line.hasPrefix("\(key): ") ? String(line.dropFirst(key.count + 2)).trimmingCharacters(in: " \t\r") : nil
        }
    }

    /// The message with one trailer block at its end naming every session it already named (in order) and
    /// then `adding`: `Conversation:` lines elsewhere (a squash joins two messages, each with its block)
    /// move there. Comment lines and everything after git's scissors line stay where they are; git itself
    /// (`interpret-trailers`) places the block, so it lands where git would put any trailer.
    package static func normalized(_ message: [UInt8], adding: [String], commentChar: String, git: GitCommand) throws -> [UInt8] {
        let text = String(decoding: message, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let scissors = lines.firstIndex { $0.hasPrefix(commentChar + " ") && $0.contains(" >8 ") } ?? lines.count
        var named: [String] = []
        var kept: [String] = []
        for (i, line) in lines[..<scissors].enumerated() {
            if line.hasPrefix(key + ": ") {
                let value = String(line.dropFirst(key.count + 2)).trimmingCharacters(in: " \t\r")
                if !value.isEmpty, !named.contains(value) { named.append(value) }
                continue
            }
            // A blank line left doubled by a removed block is dropped.
            if line.trimmingCharacters(in: " \t\r").isEmpty, let previous = kept.last, previous.trimmingCharacters(in: " \t\r").isEmpty,
                i > 0, lines[i - 1].hasPrefix(key + ": ")
            {
                continue
            }
            kept.append(line)
        }
        for session in adding where !named.contains(session) { named.append(session) }
        guard !named.isEmpty else { return message }
        lines = kept + lines[scissors...]
        let stripped = Array(lines.joined(separator: "\n").utf8)
        if let placed = appendedBlock(to: stripped, trailers: named.map { key + ": " + $0 }, commentChar: commentChar) { return placed }
        let arguments =
            ["-c", "core.commentChar=" + commentChar, "interpret-trailers", "--no-divider", "--if-exists", "addIfDifferent", "--where", "end"]
            + named.flatMap { ["--trailer", key + ": " + $0] }
        let result = try git.run(arguments, input: stripped)
        guard result.status == 0 else { throw ArchiveError("git interpret-trailers failed: \(result.lastErrorLine)") }
        return result.stdout
    }

    /// Where git (`interpret-trailers --where end`) would put a new trailer block, for the messages whose
    /// shape leaves no doubt, without starting git (~7 ms): text that ends with a newline, content before any
    /// comment lines, and a last paragraph that cannot be a trailer block (the title, or lines without a
    /// colon that do not continue one). The block follows the last content line after a blank line; the
    /// blank and comment lines after it stay after it. nil: ask git.
    static func appendedBlock(to message: [UInt8], trailers: [String], commentChar: String) -> [UInt8]? {
        guard message.last == UInt8(ascii: "\n") else { return nil }
        let lines = String(decoding: message.dropLast(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let isComment = { (line: Substring) in line.hasPrefix(commentChar) }
        let isBlank = { (line: Substring) in line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        let cut = lines.firstIndex { isComment($0) && $0.contains(" >8 ") } ?? lines.count
        guard let last = lines[..<cut].lastIndex(where: { !isBlank($0) && !isComment($0) }) else { return nil }
        let content = lines[...last]
        guard !content.contains(where: isComment) else { return nil }
        if let blank = content.lastIndex(where: isBlank) {
            // Not the title: git reads the paragraph as trailers if enough of its lines look like them.
            let paragraph = content[(blank + 1)...]
            guard !paragraph.contains(where: { $0.contains(":") || $0.hasPrefix(" ") || $0.hasPrefix("\t") || $0.hasPrefix("(cherry picked from") })
            else { return nil }
        }
        var out = content.joined(separator: "\n") + "\n\n" + trailers.map { $0 + "\n" }.joined()
        if last + 1 < lines.count { out += lines[(last + 1)...].joined(separator: "\n") + "\n" }
        return Array(out.utf8)
    }
}
