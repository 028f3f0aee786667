/// `-----BEGIN ... PRIVATE KEY-----` ... `-----END ... PRIVATE KEY-----`.
///
/// In JSONL the block is one line with literal `\n` escapes; the match runs from BEGIN to the
/// END marker's closing dashes. It never crosses the end of the JSON string (an unescaped `"`):
/// when no END is found, everything up to the string's end (or the line's end) is redacted.
extension LineScanner {
    package func matchPrivateKey(at i: Int) -> Int? {
        let p = v.p
        var k = i + 10
        let headerLimit = min(v.n, i + 100)
        var headerEnd = -1
        while k < headerLimit {
            if p[k] == UInt8(ascii: "\"") || p[k] == UInt8(ascii: "\\") { break }
            if v.has(k, "-----") {
                headerEnd = k
                break
            }
            k += 1
        }
        guard headerEnd > 0, v.find("PRIVATE KEY", from: i + 10, to: headerEnd) != nil else { return nil }
        k = headerEnd + 5
        let limit = min(v.n, i + (4 << 20))
        while k < limit {
            let c = p[k]
            if c == UInt8(ascii: "\\") {
                k += 2
                continue
            }
            if c == UInt8(ascii: "\"") { return k }
            if c == UInt8(ascii: "-") && v.has(k, "-----END") {
                var e = k + 8
                let endLimit = min(v.n, e + 100)
                while e < endLimit {
                    if p[e] == UInt8(ascii: "\"") || p[e] == UInt8(ascii: "\\") { return e }
                    if v.has(e, "-----") { return e + 5 }
                    e += 1
                }
                return e
            }
            k += 1
        }
        return min(k, v.n)
    }
}
