/// The value checks a rule can name in the table (`gate = "password"` …): whether the value a rule
/// captured is a literal secret rather than a placeholder, a variable, an identifier or code.
package enum ValueGate {
    package static func accepts(_ gate: SecretRuleSpec.Gate, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        switch gate {
        case .none: return true
        case .password: return isLiteralPassword(value)
        case .secret:
            return isLiteralPassword(value) && !value.contains(UInt8(ascii: " ")) && !isIdentifier(value) && !isUUID(value)
                && !isConstantName(value)
        case .random: return looksRandom(value) && !isPlaceholder(value)
        case .alnum:
            var seen: UInt16 = 0
            for b in value { seen |= ByteClass.table[Int(b)] }
            let lettersAndDigits = seen & ByteClass.alpha != 0 && seen & ByteClass.digit != 0
            return (lettersAndDigits || looksRandom(value)) && !isPlaceholder(value)
        }
    }

    /// Both cases mixed, with digits or at length 16 or more, the way generated secrets are (a hex
    /// digest or a word is not).
    package static func looksRandom(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var seen: UInt16 = 0
        for b in value { seen |= ByteClass.table[Int(b)] }
        let bothCases = seen & ByteClass.lower != 0 && seen & ByteClass.upper != 0
        return bothCases && (seen & ByteClass.digit != 0 || value.count >= 16)
    }

    /// Only letters, `_`, `.` and `-`: a name (`accessToken`, `response.accessToken`), not a token.
    package static func isIdentifier(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var seen: UInt16 = 0
        for b in value { seen |= ByteClass.table[Int(b)] }
        return seen & ~(ByteClass.alpha | ByteClass.hexLower | ByteClass.hexUpper | ByteClass.underscore | ByteClass.dot | ByteClass.dash) == 0
    }

    /// `8-4-4-4-12` hexadecimal: an id (a credentials id, a user-secrets id), not a secret.
    package static func isUUID(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count == 36 else { return false }
        for (k, b) in value.enumerated() {
            if k == 8 || k == 13 || k == 18 || k == 23 {
                if b != UInt8(ascii: "-") { return false }
            } else if ByteView.hexValue(b) == nil {
                return false
            }
        }
        return true
    }

    /// An upper-case name made of words (`NEXUS-GPT4-API-KEY`, `DB_PASSWORD`): a reference to a secret.
    package static func isConstantName(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var separators = 0
        for b in value {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): continue
            case UInt8(ascii: "_"), UInt8(ascii: "-"): separators += 1
            default: return false
            }
        }
        return separators > 0
    }

    /// A file path (`/run/secrets/db`, `./token.txt`, `~/.pgpass`) or a URL.
    package static func isPath(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first else { return false }
        let second = value.count > 1 ? value[1] : 0
        if first == UInt8(ascii: "/") { return true }
        if (first == UInt8(ascii: ".") || first == UInt8(ascii: "~")) && (second == UInt8(ascii: "/") || second == UInt8(ascii: ".")) { return true }
        return SecretRuleSet.contains(Array(value), Array("://".utf8))
    }

    /// A password written as a literal: not a placeholder, not `$VAR` or `${…}`, not an identifier or
    /// an attribute chain (`password`, `self.password`, `required`), not a call or an index.
    package static func isLiteralPassword(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 3, !isPlaceholder(value), !isPath(value) else { return false }
        var seen: UInt16 = 0
        for b in value { seen |= ByteClass.table[Int(b)] }
        let identifierOnly = seen & ~(ByteClass.alpha | ByteClass.hexLower | ByteClass.hexUpper | ByteClass.underscore | ByteClass.dot | ByteClass.dash) == 0
        if identifierOnly && seen & ByteClass.upper == 0 { return false }  // words, snake_case, a.b.c
        if identifierOnly && value.count < 8 { return false }
        if let first = value.first, first == UInt8(ascii: "!") || first == UInt8(ascii: "&") || first == UInt8(ascii: "*") { return false }
        return true
    }

    static let placeholderWords: Set<String> = [
        "password", "passwd", "pass", "pwd", "secret", "token", "changeme", "changeit", "redacted", "null", "nil", "none",
        "true", "false", "undefined", "example", "sample", "dummy", "test", "testing", "placeholder", "hidden", "masked",
        "default", "required", "optional", "string", "str", "your_password", "yourpassword", "mypassword", "my_password",
        "password123", "secret123", "admin", "root", "user", "username", "empty", "todo", "tbd", "xxx", "***",
    ]

    /// `${VAR}`, `$VAR`, `<token>`, `{{ x }}`, `%s`, `%VAR%`, `****`, `xxxx`, `your-api-key-here`, `…EXAMPLE…`.
    package static func isPlaceholder(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first else { return true }
        switch first {
        case UInt8(ascii: "$"), UInt8(ascii: "<"), UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "["),
            UInt8(ascii: "("), UInt8(ascii: "@"):
            return true
        default: break
        }
        if let last = value.last, last == UInt8(ascii: ">") || last == UInt8(ascii: "}") || last == UInt8(ascii: "%") { return true }
        let lowered = String(decoding: value.map(ByteView.lower), as: UTF8.self)
        if placeholderWords.contains(lowered) || lowered.hasPrefix("[redacted") || lowered.hasPrefix("your") || lowered.hasPrefix("my-")
            || lowered.hasSuffix("-here") || lowered.hasSuffix("_here") || lowered.contains("example") || lowered.contains("placeholder")
            || lowered.contains("xxxx") || lowered.contains("****") || lowered.contains("....") || lowered.contains("<")
        {
            return true
        }
        // One character repeated, or nearly (`aaaaaaaa`, `00000000`).
        var counts = [Int](repeating: 0, count: 256)
        for b in value { counts[Int(b)] += 1 }
        return counts.max()! * 10 >= value.count * 8 && value.count >= 4
    }
}
