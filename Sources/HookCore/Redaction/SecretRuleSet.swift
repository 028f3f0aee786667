/// The rule table compiled once per process: every regex compiled (PCRE2, no JIT yet), every keyword
/// in one automaton, and for each keyword the rules it triggers.
package final class SecretRuleSet: Sendable {
    package struct Rule: Sendable {
        package let spec: SecretRuleSpec
        package let regex: Pcre2Regex
        package let allowlists: [Allowlist]
    }

    package struct Allowlist: Sendable {
        package let target: SecretAllowlistSpec.Target
        package let requireAll: Bool
        package let regexes: [Pcre2Regex]
        package let stopwords: [[UInt8]]
    }

    package let rules: [Rule]
    package let global: Allowlist
    package let automaton: KeywordAutomaton
    /// Keyword index → the rules it triggers, each with the exact spelling it needs (nil: any case).
    package let keywordRules: [[(rule: Int32, spelling: [UInt8]?)]]

    /// The built-in table.
    package static let builtin: SecretRuleSet = {
        do throws(PosixRegexError) {
            return try SecretRuleSet(SecretRuleTable.specs, global: SecretRuleTable.globalAllowlist)
        } catch {
            fatalError("convo-hook: built-in secret rule does not compile: \(error.message)")
        }
    }()

    /// gitleaks' identifier prefix: tried at each keyword occurrence instead, it only widens the match.
    private static let identifierPrefixes = [#"(?i)[\w.-]{0,50}?"#: "(?i)", #"[\w.-]{0,50}?"#: ""]

    package init(_ specs: [SecretRuleSpec], global: SecretAllowlistSpec) throws(PosixRegexError) {
        var rules: [Rule] = []
        var keywordIndex: [String: Int] = [:]
        var keywordRules: [[(rule: Int32, spelling: [UInt8]?)]] = []
        for spec in specs {
            var pattern = spec.regex
            if spec.anchoredAtKeyword {
                for (prefix, replacement) in SecretRuleSet.identifierPrefixes where pattern.hasPrefix(prefix) {
                    pattern = replacement + pattern.dropFirst(prefix.count)
                    break
                }
            }
            let regex: Pcre2Regex
            do {
                regex = try Pcre2Regex(pattern)
            } catch {
                throw PosixRegexError(message: "\(spec.id): \(error.message)")
            }
            let allowlists = try spec.allowlists.map { a throws(PosixRegexError) in try SecretRuleSet.compile(a) }
            // A `/` is written `\/` by some JSON encoders (Foundation, PHP), once per level of escaping.
            var variants: [String: [UInt8]?] = [:]
            for (n, k) in spec.keywords.enumerated() {
                variants[k] = .some(spec.keywordSpelling.map { Array($0[n].utf8) })
                if k.contains("/") {
                    for count in [1, 3, 7] { variants[k.replacingOccurrences("/", with: String(repeating: "\\", count: count) + "/")] = .some(nil) }
                }
            }
            for (keyword, spelling) in variants {
                let k = keywordIndex[keyword] ?? {
                    keywordIndex[keyword] = keywordRules.count
                    keywordRules.append([])
                    return keywordRules.count - 1
                }()
                keywordRules[k].append((Int32(rules.count), spelling))
            }
            rules.append(Rule(spec: spec, regex: regex, allowlists: allowlists))
        }
        self.rules = rules
        self.keywordRules = keywordRules
        self.global = try SecretRuleSet.compile(global)
        automaton = KeywordAutomaton(keywordIndex.sorted { $0.value < $1.value }.map(\.key))
    }

    private static func compile(_ a: SecretAllowlistSpec) throws(PosixRegexError) -> Allowlist {
        var regexes: [Pcre2Regex] = []
        for pattern in a.regexes { regexes.append(try Pcre2Regex(pattern)) }
        return Allowlist(target: a.target, requireAll: a.requireAll, regexes: regexes,
                         stopwords: a.stopwords.map { Array($0.utf8) })
    }
}

extension SecretRuleSet.Allowlist {
    /// Whether this allowlist keeps the finding out.
    func allows(secret: UnsafeBufferPointer<UInt8>, match: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>,
                data: Pcre2MatchData) -> Bool {
        var regexHit: Bool?
        if !regexes.isEmpty {
            let target: UnsafeBufferPointer<UInt8>
            switch self.target {
            case .secret: target = secret
            case .match: target = match
            case .line: target = line
            }
            regexHit = regexes.contains { $0.matches(target, data: data) }
        }
        var stopwordHit: Bool?
        if !stopwords.isEmpty {
            let lowered = secret.map(ByteView.lower)
            stopwordHit = stopwords.contains { word in SecretRuleSet.contains(lowered, word) }
        }
        let hits = [regexHit, stopwordHit].compactMap { $0 }
        return requireAll ? !hits.isEmpty && hits.allSatisfy { $0 } : hits.contains(true)
    }
}

extension SecretRuleSet {
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        var k = 0
        let last = hay.count - needle.count
        while k <= last {
            if hay[k] == first && hay[k..<(k + needle.count)].elementsEqual(needle) { return true }
            k += 1
        }
        return false
    }
}

extension String {
    /// `self` with every `target` replaced (FoundationEssentials-free).
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
