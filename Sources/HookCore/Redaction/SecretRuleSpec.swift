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
        /// A password a person wrote in a sentence: `password`'s checks on the value without the
        /// sentence's closing punctuation, at least 6 characters, a letter and a digit or a symbol.
        case prose
    }

    package var id: String
    package var regex: String
    package var keywords: [String]
    package var secretGroup = 0
    package var entropy = 0.0
    package var anchoredAtKeyword = false
    /// The match starts where a keyword starts (the regex begins with `\b` and the keywords): it is
    /// tried there only, like `anchoredAtKeyword`, but needs no assignment operator after the keyword.
    package var startsAtKeyword = false
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
    /// Lower-case literals every match holds besides its keywords (computed from the regex): a window
    /// that lacks one (ASCII case ignored) is not searched.
    package var required: [String] = []
    package var allowlists: [SecretAllowlistSpec] = []
    /// Another rule whose allowlists apply too.
    package var allowlistsOf: String? = nil
    package var truePositive: String
    package var falsePositive: String
    package var falsePositiveDerived = false
    /// Further samples of the rule (`tp`/`fp` written as lists in the table), checked like the first.
    package var moreTruePositives: [String] = []
    package var moreFalsePositives: [String] = []

    /// Every true-positive sample.
    package var truePositives: [String] { [truePositive] + moreTruePositives }
    /// Every false-positive sample.
    package var falsePositives: [String] { [falsePositive] + moreFalsePositives }

    package init(
        id: String, regex: String, keywords: [String], secretGroup: Int = 0, entropy: Double = 0,
        anchoredAtKeyword: Bool = false, startsAtKeyword: Bool = false, fallback: Bool = false, keywordBoundary: Bool = false, keywordSpelling: [String]? = nil, gate: Gate = .none,
        window: Int,
        minimumSecret: Int = 1, required: [String] = [],
        allowlists: [SecretAllowlistSpec] = [], allowlistsOf: String? = nil, truePositive: String, falsePositive: String,
        falsePositiveDerived: Bool = false, moreTruePositives: [String] = [], moreFalsePositives: [String] = []
    ) {
        self.id = id
        self.regex = regex
        self.keywords = keywords
        self.secretGroup = secretGroup
        self.entropy = entropy
        self.anchoredAtKeyword = anchoredAtKeyword
        self.startsAtKeyword = startsAtKeyword
        self.fallback = fallback
        self.keywordBoundary = keywordBoundary
        self.keywordSpelling = keywordSpelling
        self.gate = gate
        self.window = window
        self.minimumSecret = minimumSecret
        self.required = required
        self.allowlists = allowlists
        self.allowlistsOf = allowlistsOf
        self.truePositive = truePositive
        self.falsePositive = falsePositive
        self.falsePositiveDerived = falsePositiveDerived
        self.moreTruePositives = moreTruePositives
        self.moreFalsePositives = moreFalsePositives
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
