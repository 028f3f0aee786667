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
