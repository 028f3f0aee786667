/// What the redactor does beyond its built-in rules; read from git config by the caller.
public struct RedactionConfig: Sendable, Equatable {
    /// Extra secret patterns, POSIX extended regexes, from the multi-valued `convo.redact`.
    /// A match is replaced by `[REDACTED:custom-N]` (N is the pattern's 1-based position).
    public var extraPatterns: [String]
    /// Exceptions from the multi-valued `convo.allow`: a finding whose text contains one of
    /// these literally, or matches it as a POSIX extended regex, is kept.
    public var allowPatterns: [String]
    /// `convo.keepImages=true` keeps base64 payloads instead of replacing them by a placeholder.
    public var keepImages: Bool

    public init(extraPatterns: [String] = [], allowPatterns: [String] = [], keepImages: Bool = false) {
        self.extraPatterns = extraPatterns
        self.allowPatterns = allowPatterns
        self.keepImages = keepImages
    }

    /// Builds the configuration from git config values: `values(key)` returns every value of a
    /// multi-valued key (`convo.redact`, `convo.allow`, `convo.keepImages`), in order.
    public init(gitConfig values: (String) -> [String]) {
        self.init(
            extraPatterns: values("convo.redact").filter { !$0.isEmpty },
            allowPatterns: values("convo.allow").filter { !$0.isEmpty },
            keepImages: values("convo.keepImages").last.map(RedactionConfig.gitBool) ?? false
        )
    }

    /// git's boolean spelling: true/yes/on/1 (case-insensitive) are true; anything else is false.
    public static func gitBool(_ s: String) -> Bool {
        ["true", "yes", "on", "1"].contains(s.lowercased())
    }
}
