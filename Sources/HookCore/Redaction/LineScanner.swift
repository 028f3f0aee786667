/// A secret found by a built-in rule: raw (escaped) byte range in the line.
package struct RawMatch: Equatable {
    package var start: Int
    package var end: Int
    package var rule: RedactionRule
}

/// A base64 payload (image or document) found in the line: raw byte range of the base64 text.
package struct PayloadSpan: Equatable {
    package var start: Int
    package var end: Int
    package var mediaType: String
}

/// One pass over a line's bytes. Cheap anchor bytes (first letters of vendor prefixes, `:`, `=`,
/// `-`) trigger hand-written validators; everything else is skipped by a table lookup.
/// Base64 payloads are recognised and jumped over, so no rule ever scans them.
package struct LineScanner {
    package let v: ByteView
    package private(set) var matches: [RawMatch] = []
    package private(set) var payloads: [PayloadSpan] = []

    package init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        v = ByteView(p, n)
    }

    package mutating func record(_ start: Int, _ end: Int, _ rule: RedactionRule) {
        matches.append(RawMatch(start: start, end: end, rule: rule))
    }

    package mutating func recordPayload(_ start: Int, _ end: Int, _ mediaType: String) {
        payloads.append(PayloadSpan(start: start, end: end, mediaType: mediaType))
    }

    /// Scans the whole line once.
    ///
    /// Word bytes (`[A-Za-z0-9_]`) are skipped in a tight loop: a token can only start right after
    /// a non-word byte (or a JSON escape such as `\n`), so vendor prefixes are checked there, with
    /// one lookup in the two-byte prefix set. `:`, `=` and `-` run their own handlers.
    package mutating func scan() {
        let anchors = ByteClass.anchors
        let pairs = ByteClass.tokenPairs
        let wordTable = ByteClass.wordBytes
        let p = v.p
        let n = v.n
        @inline(__always) func isPair(_ t: Int) -> Bool {
            guard t + 1 < n else { return false }
            let k = Int(p[t]) << 8 | Int(p[t + 1])
            return pairs[k >> 6] & (1 << UInt64(k & 63)) != 0
        }
        var i = 0
        if isPair(0) { i = handleLetter(0) }
        while i < n {
            while i < n && wordTable[Int(p[i])] != 0 { i &+= 1 }
            if i >= n { break }
            let c = p[i]
            let a = anchors[Int(c)]
            if a != ByteClass.anchorNone {
                let next: Int
                switch a {
                case ByteClass.anchorColon: next = handleColon(i)
                case ByteClass.anchorEqual: next = handleKeyword(separator: i)
                case ByteClass.anchorDash: next = handleDash(i)
                default: next = i + 1
                }
                if next != i + 1 {
                    i = next
                    continue
                }
            }
            // A token may start after this byte; after `\n`-style escapes, after the escape.
            var t = i + 1
            if c == UInt8(ascii: "\\") && t < n {
                switch p[t] {
                case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"): t += 1
                case UInt8(ascii: "u"): t += 5
                default: break
                }
            }
            if isPair(t) {
                let next = handleLetter(t)
                if next != t + 1 {
                    i = next
                    continue
                }
            }
            i &+= 1
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
            return matchURI(colon: i, authority: i + 3) ?? (i + 1)
        }
        if v.at(i + 1) == UInt8(ascii: "\\") && v.has(i + 2, "/\\/") {
            return matchURI(colon: i, authority: i + 5) ?? (i + 1)
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
