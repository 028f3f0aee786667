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
        /// The allowlist's regexes as one alternation.
        package let regex: Pcre2Regex?
        /// The stopwords, found in one pass (ASCII case ignored).
        package let stopwords: KeywordAutomaton?
    }

    package let rules: [Rule]
    /// The fields the scan reads for every keyword occurrence, without copying a `Rule`.
    package let hot: [Hot]

    package struct Hot: Sendable {
        package var anchored: Bool
        package var boundary: Bool
        package var window: Int
        /// Bytes a value must have after `name =` for the rule to be tried (keyword-anchored rules).
        package var minimumValue: Int
    }
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
                let k =
                    keywordIndex[keyword]
                    ?? {
                        keywordIndex[keyword] = keywordRules.count
                        keywordRules.append([])
                        return keywordRules.count - 1
                    }()
                keywordRules[k].append((Int32(rules.count), spelling))
            }
            rules.append(Rule(spec: spec, regex: regex, allowlists: allowlists))
        }
        // Shared allowlists: the compiled regexes of the rule named (not its stopwords: gitleaks' generic
        // list holds words such as `django` that a punctuated secret like Django's SECRET_KEY contains).
        for (k, rule) in rules.enumerated() {
            guard let other = rule.spec.allowlistsOf, let source = rules.first(where: { $0.spec.id == other }) else { continue }
            let shared = source.allowlists.compactMap { a in
                a.regex.map { Allowlist(target: a.target, requireAll: false, regex: $0, stopwords: nil) }
            }
            rules[k] = Rule(spec: rule.spec, regex: rule.regex, allowlists: rule.allowlists + shared)
        }
        self.rules = rules
        hot = rules.map { r in
            Hot(
                anchored: r.spec.anchoredAtKeyword, boundary: r.spec.keywordBoundary, window: r.spec.window,
                minimumValue: min(r.spec.minimumSecret, 8))
        }
        self.keywordRules = keywordRules
        self.global = try SecretRuleSet.compile(global)
        automaton = KeywordAutomaton(keywordIndex.sorted { $0.value < $1.value }.map(\.key))
    }

    private static func compile(_ a: SecretAllowlistSpec) throws(PosixRegexError) -> Allowlist {
        let regex = a.regexes.isEmpty ? nil : try Pcre2Regex(a.regexes.map { "(?:" + $0 + ")" }.joined(separator: "|"))
        return Allowlist(
            target: a.target, requireAll: a.requireAll, regex: regex,
            stopwords: a.stopwords.isEmpty ? nil : KeywordAutomaton(a.stopwords))
    }
}

extension SecretRuleSet.Allowlist {
    /// Whether this allowlist keeps the finding out.
    func allows(
        secret: UnsafeBufferPointer<UInt8>, match: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>,
        data: Pcre2MatchData
    ) -> Bool {
        var regexHit: Bool?
        if let regex {
            let target: UnsafeBufferPointer<UInt8>
            switch self.target {
            case .secret: target = secret
            case .match: target = match
            case .line: target = line
            }
            regexHit = regex.matches(target, data: data)
        }
        var stopwordHit: Bool?
        if let stopwords, let base = secret.baseAddress {
            var hit = false
            stopwords.scan(base, from: 0, to: secret.count) { _, _ in hit = true }
            stopwordHit = hit
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
