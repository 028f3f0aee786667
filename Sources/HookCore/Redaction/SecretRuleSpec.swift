/// One row of the rule table (`Rules/secret-rules.toml`, turned into Swift by `Scripts/generate-secret-rules.py`).
package struct SecretRuleSpec: Sendable {
    package enum Gate: Sendable {
        case none
        /// Not a placeholder, a variable, an identifier or code: a literal password.
        case password
        /// Like `password`, and no spaces (a token, not a sentence).
        case secret
        /// Both cases, and digits or 16+ characters; not a placeholder.
        case random
        /// Letters and digits (or `random`), not a placeholder.
        case alnum
    }

    package var id: String
    package var regex: String
    package var keywords: [String]
    package var secretGroup = 0
    package var entropy = 0.0
    package var anchoredAtKeyword = false
    /// A broad rule (an assignment, a header): a specific rule's overlapping finding names the secret.
    package var fallback = false
    /// The keyword must start a word (the regex begins with `\b` and the keyword).
    package var keywordBoundary = false
    /// For a case-sensitive regex: each keyword as the regex spells it (`SK`, `AKIA`); the prefilter
    /// itself ignores case.
    package var keywordSpelling: [String]? = nil
    package var gate = Gate.none
    /// Bytes searched on each side of a keyword (the longest match, or the shortest plus 256 when unbounded).
    package var window = 0
    /// The shortest secret the regex can capture.
    package var minimumSecret = 1
    package var allowlists: [SecretAllowlistSpec] = []
    /// Another rule whose allowlists apply too.
    package var allowlistsOf: String? = nil
    package var truePositive: String
    package var falsePositive: String
    package var falsePositiveDerived = false

    package init(
        id: String, regex: String, keywords: [String], secretGroup: Int = 0, entropy: Double = 0,
        anchoredAtKeyword: Bool = false, fallback: Bool = false, keywordBoundary: Bool = false, keywordSpelling: [String]? = nil, gate: Gate = .none, window: Int,
        minimumSecret: Int = 1,
        allowlists: [SecretAllowlistSpec] = [], allowlistsOf: String? = nil, truePositive: String, falsePositive: String,
        falsePositiveDerived: Bool = false
    ) {
        self.id = id
        self.regex = regex
        self.keywords = keywords
        self.secretGroup = secretGroup
        self.entropy = entropy
        self.anchoredAtKeyword = anchoredAtKeyword
        self.fallback = fallback
        self.keywordBoundary = keywordBoundary
        self.keywordSpelling = keywordSpelling
        self.gate = gate
        self.window = window
        self.minimumSecret = minimumSecret
        self.allowlists = allowlists
        self.allowlistsOf = allowlistsOf
        self.truePositive = truePositive
        self.falsePositive = falsePositive
        self.falsePositiveDerived = falsePositiveDerived
    }
}

/// gitleaks' allowlist: a finding is kept out when one of `regexes` matches its target or its
/// secret holds one of `stopwords` (with `requireAll`, both must hold).
package struct SecretAllowlistSpec: Sendable {
    package enum Target: Sendable {
        case secret, match, line
    }

    package var target = Target.secret
    package var requireAll = false
    package var regexes: [String] = []
    package var stopwords: [String] = []

    package init(target: Target = .secret, requireAll: Bool = false, regexes: [String] = [], stopwords: [String] = []) {
        self.target = target
        self.requireAll = requireAll
        self.regexes = regexes
        self.stopwords = stopwords
    }
}

/// The built-in rules; the table itself is generated (`SecretRules+Table.swift`).
package enum SecretRuleTable {}
