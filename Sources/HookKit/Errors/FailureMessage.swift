import FoundationEssentials
import HookCore

/// Turns any error into what a user reads: one line in words, without Swift type names or library
/// function names, and the exit status git would use for it.
public enum FailureMessage {
    /// One line describing `error`.
    public static func text(_ error: any Error) -> String {
        let text: String
        switch error {
        case let error as DecodingError: text = describe(error)
        case is EncodingError: text = "cannot write JSON"
        case let error as SQLiteError: text = "the search index failed: \(error.message)"
        case let error as CustomStringConvertible: text = error.description
        default: text = "unexpected failure"
        }
        return firstLine(text)
    }

    /// 128 where git itself would die with that status (no repository here), 1 otherwise.
    public static func exitStatus(_ error: any Error) -> Int32 {
        if let error = error as? GitError, error.isNotARepository { return 128 }
        return 1
    }

    /// What is wrong with a JSON document, by the path of the field that is wrong.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON"
        case .dataCorrupted(let context):
            return "field '\(path(context.codingPath))' has an invalid value"
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.codingPath.isEmpty ? "not the expected JSON object" : "field '\(path(context.codingPath))' has the wrong type"
        @unknown default:
            return "not the expected JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.isEmpty ? "unexpected failure" : line
    }
}
