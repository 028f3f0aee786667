/// Keyword-anchored rules: `IDENT <sep> value` where IDENT contains a secret-ish keyword
/// (`password`, `secret`, `token`, `api_key`, ...). Anchored on the separator (`=` or `:`),
/// looking back for the identifier, so prose words alone never trigger anything.
extension LineScanner {
    package enum Keyword {
        case password, secret, token, apiKey, authorization, heroku
    }

    /// Handles a `:` or `=` at `sep`. Returns where scanning resumes.
    package mutating func handleKeyword(separator sep: Int) -> Int {
        let p = v.p
        // `:=`, `==`, `!=`, `<=`, `>=`: the first byte of the operator was or is handled elsewhere.
        if p[sep] == UInt8(ascii: "=") && sep > 0 {
            switch p[sep - 1] {
            case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                return sep + 1
            default: break
            }
        }
        var j = sep - 1
        var spaces = 0
        while j >= 0 && (p[j] == UInt8(ascii: " ") || p[j] == UInt8(ascii: "\t")) && spaces < 3 {
            j -= 1
            spaces += 1
        }
        if j >= 0 && (p[j] == UInt8(ascii: "\"") || p[j] == UInt8(ascii: "'")) {
            j -= 1
            if j >= 0 && p[j] == UInt8(ascii: "\\") { j -= 1 }
        }
        let identEnd = j + 1
        var letters: UInt32 = 0
        while j >= 0 && v.cls[Int(p[j])] & ByteClass.ident != 0 && identEnd - j <= 65 {
            let b = p[j] | 0x20
            if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") { letters |= 1 << UInt32(b - UInt8(ascii: "a")) }
            j -= 1
        }
        let identStart = j + 1
        let identLength = identEnd - identStart
        guard identLength >= 3, identLength <= 64, LineScanner.mayHoldKeyword(letters),
            let keyword = classify(identStart, identEnd)
        else { return sep + 1 }

        // Forward to the value.
        var s = sep + 1
        while s < v.n && (p[s] == UInt8(ascii: "=") || p[s] == UInt8(ascii: ">")) && s - sep <= 2 { s += 1 }
        spaces = 0
        while s < v.n && (p[s] == UInt8(ascii: " ") || p[s] == UInt8(ascii: "\t")) && spaces < 3 {
            s += 1
            spaces += 1
        }
        if v.has(s, "\\\"") {
            s += 2
        } else if v.at(s) == UInt8(ascii: "\"") || v.at(s) == UInt8(ascii: "'") || v.at(s) == UInt8(ascii: "`") {
            s += 1
        }
        if keyword == .authorization {
            if v.hasCI(s, "bearer ") { s += 7 } else if v.hasCI(s, "basic ") { s += 6 } else if v.hasCI(s, "token ") { s += 6 }
        }
        guard s < v.n else { return sep + 1 }
        if let (e, rule) = matchToken(at: s) {
            record(s, e, rule)
            return e
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buf -> Int in
            let (e, count) = v.decodedRun(s, ByteClass.value, into: buf.baseAddress!, cap: 512)
            guard count > 0 else { return sep + 1 }
            let value = UnsafeBufferPointer(start: buf.baseAddress!, count: min(count, 512))
            let after = v.at(e)
            if after == UInt8(ascii: "(") { return e }

            if keyword == .password {
                let before = v.at(identStart - 1)
                let dsn =
                    before == UInt8(ascii: ";") || before == UInt8(ascii: "?") || before == UInt8(ascii: "&")
                    || after == UInt8(ascii: ";") || after == UInt8(ascii: "&")
                if dsn && isBarePasswordIdent(identStart, identEnd) {
                    if !ValueGate.isPlaceholder(value) { record(s, e, .databaseConnectionString) }
                    return e
                }
            }
            if keyword == .heroku && ValueGate.isUUID(value) {
                record(s, e, .herokuAPIKey)
                return e
            }
            if keyword == .secret && count == 40 && containsCI(identStart, identEnd, "aws")
                && ValueGate.looksRandom(value, minEntropy: 3.5, needDigit: true)
            {
                record(s, e, .awsSecretAccessKey)
                return e
            }
            if ValueGate.genericSecret(value, count: count) {
                record(s, e, .genericAPIKey)
            }
            return e
        }
    }

    /// Letter sets of the keywords (`pwd` stands for password/passwd): an identifier whose letters
    /// include none of these sets cannot hold a keyword, which rejects most JSON keys at once.
    package static let keywordLetterSets: [UInt32] = [
        "pwd", "passphrase", "secret", "token", "apikey", "accesskey", "authkey",
        "privatekey", "authorization", "credential", "heroku",
    ].map { word in
        word.utf8.reduce(UInt32(0)) { $0 | 1 << UInt32($1 - UInt8(ascii: "a")) }
    }

    @inline(__always) package static func mayHoldKeyword(_ letters: UInt32) -> Bool {
        for m in keywordLetterSets where letters & m == m { return true }
        return false
    }

    /// Which keyword the identifier `[s, e)` contains, if any (case-insensitive).
    package func classify(_ s: Int, _ e: Int) -> Keyword? {
        var k = s
        var found: Keyword?
        while k < e {
            switch ByteView.lower(v.p[k]) {
            case UInt8(ascii: "p"):
                if v.hasCI(k, "password") || v.hasCI(k, "passwd") || v.hasCI(k, "passphrase") || v.hasCI(k, "pwd") { return .password }
                if v.hasCI(k, "private_key") || v.hasCI(k, "privatekey") || v.hasCI(k, "private-key") { found = .secret }
            case UInt8(ascii: "s"):
                if v.hasCI(k, "secret") { found = found ?? .secret }
            case UInt8(ascii: "t"):
                if v.hasCI(k, "token") { found = found ?? .token }
            case UInt8(ascii: "a"):
                if v.hasCI(k, "api_key") || v.hasCI(k, "apikey") || v.hasCI(k, "api-key") || v.hasCI(k, "access_key")
                    || v.hasCI(k, "accesskey") || v.hasCI(k, "auth_key")
                {
                    found = found ?? .apiKey
                }
                if v.hasCI(k, "authorization") { return .authorization }
            case UInt8(ascii: "c"):
                if v.hasCI(k, "credential") { found = found ?? .secret }
            case UInt8(ascii: "h"):
                if v.hasCI(k, "heroku") { return .heroku }
            default:
                break
            }
            k += 1
        }
        return found
    }

    /// `password`, `pwd`, `passwd` as the whole identifier (`Password=`, `;Pwd=`).
    private func isBarePasswordIdent(_ s: Int, _ e: Int) -> Bool {
        var a = s
        // `\nPassword=` in an escaped string: drop the escape letter.
        if a >= 1 && v.p[a - 1] == UInt8(ascii: "\\") { a += 1 }
        let len = e - a
        return (len == 8 && v.hasCI(a, "password")) || (len == 3 && v.hasCI(a, "pwd")) || (len == 6 && v.hasCI(a, "passwd"))
    }

    private func containsCI(_ s: Int, _ e: Int, _ lit: StaticString) -> Bool {
        var k = s
        while k + lit.utf8CodeUnitCount <= e {
            if v.hasCI(k, lit) { return true }
            k += 1
        }
        return false
    }
}
