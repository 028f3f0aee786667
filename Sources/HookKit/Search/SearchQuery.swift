import HookCore

/// A user's search query, checked and translated to an FTS5 MATCH expression.
///
/// Accepted: words (`parser`), phrases (`"config parser"`), prefixes (`pars*`, `"config pars"*`),
/// the operators `AND`, `OR`, `NOT` (upper case, binary as in FTS5: `a NOT b`), parentheses;
/// words side by side must all match. Every word or phrase is quoted in the FTS5 text, so
/// punctuation (`foo-bar`, `a.b`, `x:y`) is plain text to the tokenizer, never FTS5 syntax.
///
/// A question in plain words (`why did we pick teal`) drops its stop words, and when no session holds
/// every remaining word, the sessions holding most of them are ranked next (`plainTerms`).
public struct SearchQuery: Sendable, Equatable {
    /// The expression for `MATCH`.
    public let expression: String
    /// The words of a query made only of plain words (stop words dropped), for ranking partial matches;
    /// nil when the query uses phrases, prefixes, operators or parentheses.
    public let plainTerms: [String]?

    /// Words that carry no meaning in a question. `not` is kept: it does.
    static let stopWords: Set<String> = [
        "a", "about", "after", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
        "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
        "should", "so", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "us", "was", "we", "were",
        "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your",
    ]

    public init(_ text: String) throws(SearchQueryError) {
        var tokens = try SearchQuery.tokenize(text)
        var plain: [String]?
        if tokens.allSatisfy({ if case .term(_, false) = $0 { return true } else { return false } }) {
            let meaningful = tokens.filter { if case .term(let t, _) = $0 { return !SearchQuery.stopWords.contains(t.lowercased()) } else { return true } }
            if !meaningful.isEmpty { tokens = meaningful }
            plain = tokens.compactMap { if case .term(let t, _) = $0 { return t } else { return nil } }
        }
        plainTerms = plain
        guard tokens.contains(where: \.isOperand) else {
            throw SearchQueryError(text.allSatisfy(\.isWhitespace) ? "empty query" : "no searchable words in query '\(text)'")
        }
        try SearchQuery.validate(tokens)
        // FTS5 puts an implicit AND only between phrases, not next to parentheses: spell it out.
        var parts: [String] = []
        var previous: Token?
        for token in tokens {
            if let p = previous, p.isOperand || p == .close, token.isOperand || token == .open { parts.append("AND") }
            parts.append(token.fts)
            previous = token
        }
        expression = parts.joined(separator: " ")
    }

    enum Token: Equatable {
        case term(String, prefix: Bool)
        case phrase(String, prefix: Bool)
        case op(String)
        case open, close

        var isOperand: Bool {
            switch self {
            case .term, .phrase: return true
            default: return false
            }
        }

        var fts: String {
            switch self {
            case .term(let t, let p), .phrase(let t, let p):
                return "\"" + t.replacing("\"", with: "\"\"") + "\"" + (p ? "*" : "")
            case .op(let o): return o
            case .open: return "("
            case .close: return ")"
            }
        }
    }

    static func tokenize(_ text: String) throws(SearchQueryError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        func searchable(_ s: some StringProtocol) -> Bool { s.contains { $0.isLetter || $0.isNumber } }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            if c == "(" {
                tokens.append(.open)
                i += 1
                continue
            }
            if c == ")" {
                tokens.append(.close)
                i += 1
                continue
            }
            if c == "\"" {
                guard let end = chars[(i + 1)...].firstIndex(of: "\"") else {
                    throw SearchQueryError("unterminated phrase: a \" has no closing \"")
                }
                let body = String(chars[(i + 1)..<end])
                i = end + 1
                var prefix = false
                while i < chars.count, chars[i] == "*" {
                    prefix = true
                    i += 1
                }
                if searchable(body) { tokens.append(.phrase(body, prefix: prefix)) }
                continue
            }
            var j = i
            while j < chars.count, !chars[j].isWhitespace, chars[j] != "(", chars[j] != ")", chars[j] != "\"" { j += 1 }
            let word = String(chars[i..<j])
            i = j
            if word == "AND" || word == "OR" || word == "NOT" {
                tokens.append(.op(word))
                continue
            }
            if word.hasSuffix("*") {
                var stem = Substring(word)
                while stem.last == "*" { stem = stem.dropLast() }
                guard searchable(stem) else { throw SearchQueryError("'\(word)': a prefix query needs letters or digits before *") }
                tokens.append(.term(String(stem).replacing("*", with: " "), prefix: true))
            } else if searchable(word) {
                tokens.append(.term(word.replacing("*", with: " "), prefix: false))
            }
        }
        return tokens
    }

    /// Operators need an operand on each side, parentheses must balance and hold something.
    static func validate(_ tokens: [Token]) throws(SearchQueryError) {
        var depth = 0
        var previous: Token?
        for token in tokens {
            switch token {
            case .op(let o):
                guard let p = previous, p.isOperand || p == .close else {
                    throw SearchQueryError("\(o) needs a word or phrase on its left (e.g. 'parser \(o) lexer')")
                }
            case .open:
                if let p = previous, p == .close || p.isOperand { break }  // implicit AND before '('
            case .close:
                guard depth > 0 else { throw SearchQueryError("unbalanced ')' in query") }
                guard let p = previous, p.isOperand || p == .close else {
                    throw SearchQueryError(previous == .open ? "empty parentheses in query" : "an operator needs a word or phrase on its right")
                }
                depth -= 1
            case .term, .phrase:
                break
            }
            if token == .open { depth += 1 }
            previous = token
        }
        if case .op(let o)? = previous { throw SearchQueryError("\(o) needs a word or phrase on its right") }
        guard depth == 0 else { throw SearchQueryError("unbalanced '(' in query") }
    }
}

/// A query that cannot be run, with a one-line reason.
public struct SearchQueryError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
