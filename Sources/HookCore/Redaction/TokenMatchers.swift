/// Vendor-prefixed tokens: the prefix is checked first, then the token's shape by hand.
extension LineScanner {
    /// The token starting at `i` (already at a word boundary), as (end, rule), or nil.
    package func matchToken(at i: Int) -> (Int, RedactionRule)? {
        let v = self.v
        switch v.p[i] {
        case UInt8(ascii: "A"):
            if v.has(i, "AIza") {
                let e = v.run(i + 4, ByteClass.urlToken)
                return e - (i + 4) == 35 ? (e, .gcpAPIKey) : nil
            }
            if v.has(i, "AKIA") || v.has(i, "ASIA") || v.has(i, "ABIA") || v.has(i, "ACCA") {
                let e = v.run(i + 4, ByteClass.upper | ByteClass.digit)
                return e - (i + 4) == 16 && !v.isClass(e, ByteClass.lower) ? (e, .awsAccessToken) : nil
            }
        case UInt8(ascii: "s"):
            if v.has(i, "sk-ant-") {
                let rule: RedactionRule = v.has(i + 7, "admin") ? .anthropicAdminAPIKey : .anthropicAPIKey
                let e = v.run(i + 7, ByteClass.urlToken)
                return e - (i + 7) >= 40 ? (e, rule) : nil
            }
            if v.has(i, "sk-") {
                let e = v.run(i + 3, ByteClass.urlToken)
                return e - (i + 3) >= 32 && mixed(i + 3, e) ? (e, .openaiAPIKey) : nil
            }
            if v.has(i, "sk_") { return stripe(i) }
        case UInt8(ascii: "r"):
            if v.has(i, "rk_") { return stripe(i) }
        case UInt8(ascii: "g"):
            if v.at(i + 1) == UInt8(ascii: "h") && v.at(i + 3) == UInt8(ascii: "_") {
                let rule: RedactionRule
                switch v.at(i + 2) {
                case UInt8(ascii: "p"): rule = .githubPAT
                case UInt8(ascii: "o"): rule = .githubOAuth
                case UInt8(ascii: "u"), UInt8(ascii: "s"): rule = .githubAppToken
                case UInt8(ascii: "r"): rule = .githubRefreshToken
                default: return nil
                }
                let e = v.run(i + 4, ByteClass.alnum)
                return e - (i + 4) >= 36 && !v.isClass(e, ByteClass.underscore) ? (e, rule) : nil
            }
            if v.has(i, "github_pat_") {
                let e = v.run(i + 11, ByteClass.word)
                return e - (i + 11) >= 60 ? (e, .githubFineGrainedPAT) : nil
            }
            if v.has(i, "glpat-") {
                let e = v.run(i + 6, ByteClass.urlToken)
                return e - (i + 6) >= 20 && mixed(i + 6, e) ? (e, .gitlabPAT) : nil
            }
        case UInt8(ascii: "x"):
            if v.has(i, "xox") && v.at(i + 4) == UInt8(ascii: "-") {
                let rule: RedactionRule
                switch v.at(i + 3) {
                case UInt8(ascii: "b"): rule = .slackBotToken
                case UInt8(ascii: "p"), UInt8(ascii: "e"): rule = .slackUserToken
                case UInt8(ascii: "a"), UInt8(ascii: "r"): rule = .slackLegacyWorkspaceToken
                case UInt8(ascii: "o"), UInt8(ascii: "s"): rule = .slackLegacyToken
                default: return nil
                }
                let e = v.run(i + 5, ByteClass.alnum | ByteClass.dash)
                return e - (i + 5) >= 10 && hasDigit(i + 5, e) ? (e, rule) : nil
            }
            if v.has(i, "xapp-") {
                let e = v.run(i + 5, ByteClass.alnum | ByteClass.dash)
                return e - (i + 5) >= 20 && hasDigit(i + 5, e) ? (e, .slackAppToken) : nil
            }
        case UInt8(ascii: "h"):
            if v.has(i, "hf_") {
                let e = v.run(i + 3, ByteClass.alnum)
                return e - (i + 3) >= 30 && mixed(i + 3, e, needDigit: false) ? (e, .huggingfaceAccessToken) : nil
            }
            if v.has(i, "hooks.slack.com") { return slackWebhook(i) }
        case UInt8(ascii: "n"):
            if v.has(i, "npm_") {
                let e = v.run(i + 4, ByteClass.alnum)
                return e - (i + 4) == 36 ? (e, .npmAccessToken) : nil
            }
        case UInt8(ascii: "p"):
            if v.has(i, "pypi-AgEIcHlwaS5vcmc") {
                let e = v.run(i + 20, ByteClass.urlToken)
                return e - (i + 20) >= 50 ? (e, .pypiUploadToken) : nil
            }
        case UInt8(ascii: "S"):
            if v.has(i, "SG.") {
                let a = v.run(i + 3, ByteClass.urlToken)
                guard a - (i + 3) == 22, v.at(a) == UInt8(ascii: ".") else { return nil }
                let e = v.run(a + 1, ByteClass.urlToken)
                return e - (a + 1) >= 43 ? (e, .sendgridAPIToken) : nil
            }
            if v.at(i + 1) == UInt8(ascii: "K") {
                let e = v.run(i + 2, ByteClass.hex)
                return e - (i + 2) == 32 && !v.isClass(e, ByteClass.word) && hasDigit(i + 2, e)
                    ? (e, .twilioAPIKey) : nil
            }
        case UInt8(ascii: "d"):
            if v.has(i, "dapi") {
                let e = v.run(i + 4, ByteClass.digit | ByteClass.lower)
                guard e - (i + 4) == 32 else { return nil }
                for k in (i + 4)..<e where v.p[k] > UInt8(ascii: "h") { return nil }
                if v.at(e) == UInt8(ascii: "-") && v.isClass(e + 1, ByteClass.digit) { return (e + 2, .databricksAPIToken) }
                return (e, .databricksAPIToken)
            }
        case UInt8(ascii: "G"):
            if v.has(i, "GOCSPX-") {
                let e = v.run(i + 7, ByteClass.urlToken)
                return e - (i + 7) >= 24 ? (e, .googleOAuthClientSecret) : nil
            }
        case UInt8(ascii: "e"):
            if v.has(i, "eyJ") { return jwt(i) }
        case UInt8(ascii: "H"):
            if v.has(i, "HRKU-AA") {
                let e = v.run(i + 7, ByteClass.urlToken)
                return e - (i + 7) >= 58 ? (e, .herokuAPIKeyV2) : nil
            }
        default:
            break
        }
        return nil
    }

    private func stripe(_ i: Int) -> (Int, RedactionRule)? {
        guard v.has(i + 3, "live_") || v.has(i + 3, "test_") || v.has(i + 3, "prod_") else { return nil }
        let e = v.run(i + 8, ByteClass.alnum)
        return e - (i + 8) >= 10 && !v.isClass(e, ByteClass.underscore) ? (e, .stripeAccessToken) : nil
    }

    private func jwt(_ i: Int) -> (Int, RedactionRule)? {
        let a = v.run(i, ByteClass.urlToken)
        guard a - i >= 10, v.at(a) == UInt8(ascii: "."), v.has(a + 1, "ey") else { return nil }
        let b = v.run(a + 1, ByteClass.urlToken)
        guard b - (a + 1) >= 10, v.at(b) == UInt8(ascii: ".") else { return nil }
        var e = v.run(b + 1, ByteClass.urlToken)
        while v.at(e) == UInt8(ascii: "=") { e += 1 }
        return (e, .jwt)
    }

    private func slackWebhook(_ i: Int) -> (Int, RedactionRule)? {
        var k = i + 15
        if v.at(k) == UInt8(ascii: "/") { k += 1 } else if v.has(k, "\\/") { k += 2 } else { return nil }
        guard v.has(k, "services") || v.has(k, "workflows") || v.has(k, "triggers") else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { buf in
            let (e, count) = v.decodedRun(k, ByteClass.word | ByteClass.slash | ByteClass.plus, into: buf.baseAddress!, cap: 0)
            return count >= 28 ? (e, RedactionRule.slackWebhookURL) : nil
        }
    }

    /// Whether `[s, e)` has a digit and both cases (random tokens do; words and prose do not).
    package func mixed(_ s: Int, _ e: Int, needDigit: Bool = true) -> Bool {
        var seen: UInt16 = 0
        for k in s..<e { seen |= v.cls[Int(v.p[k])] }
        let cases = seen & ByteClass.lower != 0 && seen & ByteClass.upper != 0
        return cases && (!needDigit || seen & ByteClass.digit != 0)
    }

    package func hasDigit(_ s: Int, _ e: Int) -> Bool {
        for k in s..<e where v.isClass(k, ByteClass.digit) { return true }
        return false
    }

    /// An AWS secret access key (40 base64 characters) within 256 bytes after a key id.
    package func findAWSSecret(after start: Int) -> (Int, Int)? {
        let mask = ByteClass.alnum | ByteClass.plus | ByteClass.slash
        let limit = min(v.n, start + 256)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buf in
            var k = start
            while k < limit {
                let c = v.p[k]
                if c == UInt8(ascii: "\\") && v.decodeEscape(k, mask) == nil {
                    k += 2
                    continue
                }
                if v.isClass(k, mask) || c == UInt8(ascii: "\\") {
                    let (e, count) = v.decodedRun(k, mask, into: buf.baseAddress!, cap: 64)
                    if count == 40 && !v.isClass(e, ByteClass.equal) {
                        let value = UnsafeBufferPointer(start: buf.baseAddress!, count: 40)
                        if ValueGate.looksRandom(value, minEntropy: 3.5, needDigit: true) { return (k, e) }
                    }
                    k = max(e, k + 1)
                } else {
                    k += 1
                }
            }
            return nil
        }
    }
}
