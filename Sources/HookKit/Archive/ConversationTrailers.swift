/// The `Conversation: <source>/<session-id>` trailers that link a commit to the sessions it carries.
enum ConversationTrailers {
    static let key = "Conversation"

    /// prepare-commit-msg: appends one trailer per session with `git interpret-trailers`, which knows git's
    /// trailer block, comment lines and scissors; an identical trailer (e.g. on `--amend`) is not repeated.
    static func add(_ sessions: [String], toMessageFile path: String) throws {
        guard !sessions.isEmpty else { return }
        var arguments = ["git", "interpret-trailers", "--in-place", "--if-exists", "addIfDifferent", "--where", "end"]
        for session in sessions { arguments += ["--trailer", "\(key): \(session)"] }
        let result = try Subprocess.run(arguments + [path])
        guard result.status == 0 else { throw ArchiveError("git interpret-trailers failed (status \(result.status))") }
    }

    /// commit-msg: when the message holds nothing but these trailers (the user emptied it in the editor),
    /// removes them so git aborts the commit as it would without convo-hook.
    static func removeIfAlone(messageFile path: String, commentChar: UInt8 = UInt8(ascii: "#")) throws {
        guard let bytes = FileSystem.read(path) else { return }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let scissors = Array("------------------------ >8 ------------------------".utf8)
        var contentLines: [Int] = []
        for (i, line) in lines.enumerated() {
            if line.first == commentChar {
                if line.dropFirst(2).starts(with: scissors) { break }
                continue
            }
            if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) {
                contentLines.append(i)
            }
        }
        let prefix = Array("\(key): ".utf8)
        guard !contentLines.isEmpty, contentLines.allSatisfy({ lines[$0].starts(with: prefix) }) else { return }
        let kept = lines.enumerated().filter { !contentLines.contains($0.offset) }.map { Array($0.element) }
        try FileSystem.writeAtomically(Array(kept.joined(separator: [UInt8(ascii: "\n")])), to: path)
    }

    /// The sessions named by `Conversation:` trailers in a commit message.
    static func sessions(in message: String) -> [String] {
        message.split(separator: "\n").compactMap { line in
            line.hasPrefix("\(key): ") ? String(line.dropFirst(key.count + 2)).trimmingCharacters(in: " \t\r") : nil
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
