/// The `Conversation: <source>/<session-id>` trailers that link a commit to the sessions it carries.
package enum ConversationTrailers {
    package static let key = "Conversation"

    /// The sessions named by `Conversation:` trailers in a commit message.
    package static func sessions(in message: String) -> [String] {
        message.split(separator: "\n").compactMap { line in
            line.hasPrefix("\(key): ") ? String(line.dropFirst(key.count + 2)).trimmingCharacters(in: " \t\r") : nil
        }
    }
}
