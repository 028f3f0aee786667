/// Decides whether a decoded candidate value looks like a secret rather than a word,
/// an identifier, a path or a placeholder.
package enum ValueGate {
    /// Random-looking: enough entropy, letters mixed with digits (or a long mixed-case string).
    package static func looksRandom(_ value: UnsafeBufferPointer<UInt8>, minEntropy: Double, needDigit: Bool) -> Bool {
        let cls = ByteClass.table
        var seen: UInt16 = 0
        for b in value { seen |= cls[Int(b)] }
        let hasLower = seen & ByteClass.lower != 0
        let hasUpper = seen & ByteClass.upper != 0
        let hasDigit = seen & ByteClass.digit != 0
        if !(hasLower || hasUpper) { return false }
        if needDigit && !hasDigit { return false }
        if !hasDigit && !(hasLower && hasUpper) { return false }
        return Entropy.bitsPerByte(value) >= minEntropy
    }

    /// The gate of the keyword-anchored generic rule.
    package static func genericSecret(_ value: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        guard count >= 8, let first = value.first else { return false }
        if isPlaceholder(value) { return false }
        switch first {
        case UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "-"): return false
        default: break
        }
        if contains(value, "://") { return false }
        let cls = ByteClass.table
        var seen: UInt16 = 0
        for b in value { seen |= cls[Int(b)] }
        if seen & ByteClass.digit != 0 {
            let threshold = count < 12 ? 2.5 : 3.0
            return seen & ByteClass.alpha != 0 && Entropy.bitsPerByte(value) >= threshold
        }
        // No digit: only long, mixed-case, high-entropy strings without dots (not identifiers).
        return count >= 24 && seen & ByteClass.lower != 0 && seen & ByteClass.upper != 0
            && seen & ByteClass.dot == 0 && Entropy.bitsPerByte(value) >= 4.0
    }

    /// `${VAR}`, `<token>`, `%s`, `****`, `xxxx`, well-known dummy words.
    package static func isPlaceholder(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first else { return true }
        switch first {
        case UInt8(ascii: "$"), UInt8(ascii: "<"), UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "*"):
            return true
        default: break
        }
        if value.allSatisfy({ $0 == first }) { return true }
        let lowered = String(decoding: value.map { ByteView.lower($0) }, as: UTF8.self)
        return ["password", "pass", "passwd", "secret", "changeme", "xxx", "xxxx", "redacted", "pwd", "token"]
            .contains(lowered) || lowered.hasPrefix("[redacted")
    }

    package static func contains(_ value: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard value.count >= n.count else { return false }
        for s in 0...(value.count - n.count) {
            var ok = true
            for k in 0..<n.count where value[s + k] != n[k] {
                ok = false
                break
            }
            if ok { return true }
        }
        return false
    }

    /// `8-4-4-4-12` hexadecimal.
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
}
