/// A secret found in one line, without changing anything (for `convo-hook scan`).
public struct SecretFinding: Sendable, Equatable {
    /// The rule's id (`aws-access-token`, `generic-api-key`, `custom-1`, ...).
    public var ruleID: String
    /// Byte range of the secret in the line, as written (JSON escapes included).
    public var range: Range<Int>
    /// The matched text, as written in the line.
    public var text: String

    public init(ruleID: String, range: Range<Int>, text: String) {
        self.ruleID = ruleID
        self.range = range
        self.text = text
    }

    /// The secret masked for display: its first 4 characters then `…`.
    public var masked: String { SecretFinding.mask(text) }

    /// First 4 characters of `text` then `…`.
    public static func mask(_ text: String) -> String {
        String(text.prefix(4)) + "…"
    }
}

/// Errors raised while building a `Redactor`.
public enum RedactionError: Error, CustomStringConvertible, Equatable {
    /// A `convo.redact` pattern is not a valid POSIX extended regex.
    case invalidPattern(pattern: String, message: String)

    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let message):
            return "invalid convo.redact pattern '\(pattern)': \(message)"
        }
    }
}
