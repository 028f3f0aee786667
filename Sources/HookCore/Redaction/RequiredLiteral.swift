#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A literal every match of a rule holds (`kind:` for a Kubernetes secret), looked for in a window
/// before the rule's regex searches it, ASCII case ignored.
package struct RequiredLiteral: Sendable {
    /// The literal, lower case.
    let bytes: [UInt8]
    /// The byte looked for first: one that is no letter when there is one (`:` in `kind:`), so a single
    /// `memchr` finds the candidates.
    let pivot: Int

    package init(_ literal: String) {
        bytes = Array(literal.utf8).map(ByteView.lower)
        pivot = bytes.firstIndex { !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } ?? 0
    }

    /// Whether the literal occurs inside `window` of `t`.
    package func occurs(in t: UnsafePointer<UInt8>, _ window: Range<Int>) -> Bool {
        let m = bytes.count
        guard m > 0, window.count >= m else { return m == 0 }
        let first = window.lowerBound + pivot
        let last = window.upperBound - m + pivot  // inclusive: the last place the pivot byte can be
        let key = bytes[pivot]
        let isLetter = key >= UInt8(ascii: "a") && key <= UInt8(ascii: "z")
        return bytes.withUnsafeBufferPointer { lit in
            var k = first
            while k <= last {
                if isLetter {
                    guard ByteView.lower(t[k]) == key else {
                        k += 1
                        continue
                    }
                } else {
                    guard let hit = memchr(t + k, Int32(key), last - k + 1) else { return false }
                    k = UnsafeRawPointer(hit) - UnsafeRawPointer(t)
                }
                let start = k - pivot
                var j = 0
                while j < m && ByteView.lower(t[start + j]) == lit[j] { j += 1 }
                if j == m { return true }
                k += 1
            }
            return false
        }
    }
}
