/// A secret found by a built-in rule: raw (escaped) byte range in the line.
struct RawMatch: Equatable {
    var start: Int
    var end: Int
    var rule: RedactionRule
}

/// A base64 payload (image or document) found in the line: raw byte range of the base64 text.
struct PayloadSpan: Equatable {
    var start: Int
    var end: Int
    var mediaType: String
}

/// One pass over a line's bytes. Cheap anchor bytes (first letters of vendor prefixes, `:`, `=`,
/// `-`) trigger hand-written validators; everything else is skipped by a table lookup.
/// Base64 payloads are recognised and jumped over, so no rule ever scans them.
struct LineScanner {
    let v: ByteView
    private(set) var matches: [RawMatch] = []
    private(set) var payloads: [PayloadSpan] = []

    init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        v = ByteView(p, n)
    }

    mutating func record(_ start: Int, _ end: Int, _ rule: RedactionRule) {
        matches.append(RawMatch(start: start, end: end, rule: rule))
    }

    mutating func recordPayload(_ start: Int, _ end: Int, _ mediaType: String) {
        payloads.append(PayloadSpan(start: start, end: end, mediaType: mediaType))
    }

    /// Scans the whole line once.
    mutating func scan() {
        let anchors = ByteClass.anchors
        let pairs = ByteClass.tokenPairs
        let p = v.p
        let n = v.n
        var i = 0
        while i < n {
            let a = anchors[Int(p[i])]
            if a == ByteClass.anchorNone {
                i &+= 1
                continue
            }
            switch a {
            case ByteClass.anchorLetter:
                let k = Int(p[i]) << 8 | Int(i + 1 < n ? p[i + 1] : 0)
                if pairs[k >> 6] & (1 << UInt64(k & 63)) == 0 {
                    i &+= 1
                } else {
                    i = handleLetter(i)
                }
            case ByteClass.anchorColon:
                i = handleColon(i)
            case ByteClass.anchorEqual:
                i = handleKeyword(separator: i)
            default:
                i = handleDash(i)
            }
        }
    }

    /// A vendor-prefixed token at a word boundary. Returns where scanning resumes.
    private mutating func handleLetter(_ i: Int) -> Int {
        guard v.boundaryBefore(i), let (end, rule) = matchToken(at: i) else { return i + 1 }
        record(i, end, rule)
        if rule == .awsAccessToken, let (s, e) = findAWSSecret(after: end) {
            record(s, e, .awsSecretAccessKey)
            return e
        }
        return end
    }

    /// `:` starts URIs, payloads and `key: value` pairs.
    private mutating func handleColon(_ i: Int) -> Int {
        if v.at(i + 1) == UInt8(ascii: "/") && v.at(i + 2) == UInt8(ascii: "/") {
            return matchURI(colon: i, authority: i + 3) ?? (i + 3)
        }
        if v.at(i + 1) == UInt8(ascii: "\\") && v.has(i + 2, "/\\/") {
            return matchURI(colon: i, authority: i + 5) ?? (i + 5)
        }
        if i >= 6 && v.has(i - 6, "\"data\""), let resume = matchDataField(colon: i) {
            return resume
        }
        if i >= 4 && v.has(i - 4, "data") && v.boundaryBefore(i - 4), let resume = matchDataURL(colon: i) {
            return resume
        }
        return handleKeyword(separator: i)
    }

    /// `-----BEGIN ... PRIVATE KEY-----`.
    private mutating func handleDash(_ i: Int) -> Int {
        guard v.at(i - 1) != UInt8(ascii: "-"), v.has(i, "-----BEGIN") else { return i + 1 }
        if let end = matchPrivateKey(at: i) {
            record(i, end, .privateKey)
            return end
        }
        return i + 10
    }
}
