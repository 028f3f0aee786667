/// The `Conversation: <source>/<session-id>` trailers that link a commit to the sessions it carries.
enum ConversationTrailers {
    static let key = "Conversation"

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
