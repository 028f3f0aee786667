/// Bounds-safe, escape-aware primitives over one line of bytes.
///
/// A JSONL line holds text inside JSON strings, escaped: `\n`, `\"`, `\/`, `\u002b`. These helpers
/// let matchers treat `\n` as a separator (so `\nghp_...` starts a token) and read values whose
/// characters may be written as `\/` or `\u00XX`, without ever ending a span inside an escape.
package struct ByteView {
    package let p: UnsafePointer<UInt8>
    package let n: Int
    package let cls: UnsafePointer<UInt16>

    package init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        self.p = p
        self.n = n
        self.cls = ByteClass.table
    }

    /// The byte at `i`, or 0 past the end.
    @inline(__always) package func at(_ i: Int) -> UInt8 { i >= 0 && i < n ? p[i] : 0 }

    /// Whether the byte at `i` (in range) belongs to one of the classes in `mask`.
    @inline(__always) package func isClass(_ i: Int, _ mask: UInt16) -> Bool {
        i >= 0 && i < n && cls[Int(p[i])] & mask != 0
    }

    /// Whether the bytes at `i` equal `lit`.
    @inline(__always) package func has(_ i: Int, _ lit: StaticString) -> Bool {
        let m = lit.utf8CodeUnitCount
        if i < 0 || i + m > n { return false }
        let q = lit.utf8Start
        var k = 0
        while k < m {
            if p[i + k] != q[k] { return false }
            k += 1
        }
        return true
    }

    /// Case-insensitive `has`; `lit` must be lower case ASCII.
    @inline(__always) package func hasCI(_ i: Int, _ lit: StaticString) -> Bool {
        let m = lit.utf8CodeUnitCount
        if i < 0 || i + m > n { return false }
        let q = lit.utf8Start
        var k = 0
        while k < m {
            if ByteView.lower(p[i + k]) != q[k] { return false }
            k += 1
        }
        return true
    }

    @inline(__always) package static func lower(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// End of the maximal run of bytes in `mask` starting at `i`.
    @inline(__always) package func run(_ i: Int, _ mask: UInt16) -> Int {
        var k = i
        while k < n && cls[Int(p[k])] & mask != 0 { k += 1 }
        return k
    }

    /// True when a token may start at `i`: the previous byte is not a word byte, or it is the
    /// letter of a JSON escape such as `\n`, `\t`, or the last digit of `\u00XX`.
    @inline(__always) package func boundaryBefore(_ i: Int) -> Bool {
        if i <= 0 { return true }
        let c = p[i - 1]
        if cls[Int(c)] & ByteClass.word == 0 { return true }
        if i >= 2 && p[i - 2] == UInt8(ascii: "\\") {
            switch c {
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"):
                return true
            default: break
            }
        }
        if i >= 6 && p[i - 6] == UInt8(ascii: "\\") && p[i - 5] == UInt8(ascii: "u") { return true }
        return false
    }

    /// Value of a hex digit, or nil.
    @inline(__always) package static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// If an escape `\/` or `\u00XX` at `i` decodes to a byte in `mask`, returns (decoded byte, raw length).
    @inline(__always) package func decodeEscape(_ i: Int, _ mask: UInt16) -> (UInt8, Int)? {
        guard at(i) == UInt8(ascii: "\\") else { return nil }
        let c = at(i + 1)
        if c == UInt8(ascii: "/") {
            return mask & ByteClass.slash != 0 ? (UInt8(ascii: "/"), 2) : nil
        }
        if c == UInt8(ascii: "u"), i + 5 < n, at(i + 2) == UInt8(ascii: "0"), at(i + 3) == UInt8(ascii: "0"),
            let h = ByteView.hexValue(at(i + 4)), let l = ByteView.hexValue(at(i + 5))
        {
            let b = h << 4 | l
            return cls[Int(b)] & mask != 0 ? (b, 6) : nil
        }
        return nil
    }

    /// Reads a run of bytes in `mask`, also accepting escapes that decode to such bytes.
    /// Writes up to `cap` decoded bytes into `out`; returns the raw end and the decoded length.
    package func decodedRun(_ i: Int, _ mask: UInt16, into out: UnsafeMutablePointer<UInt8>, cap: Int) -> (end: Int, count: Int) {
        var k = i
        var count = 0
        while k < n {
            let c = p[k]
            if cls[Int(c)] & mask != 0 {
                if count < cap { out[count] = c }
                count += 1
                k += 1
            } else if c == UInt8(ascii: "\\"), let (d, len) = decodeEscape(k, mask) {
                if count < cap { out[count] = d }
                count += 1
                k += len
            } else {
                break
            }
        }
        return (k, count)
    }

    /// Index of `lit` in `[from, to)`, or nil.
    package func find(_ lit: StaticString, from: Int, to: Int) -> Int? {
        let m = lit.utf8CodeUnitCount
        let first = lit.utf8Start[0]
        var k = max(from, 0)
        let last = min(to, n) - m
        while k <= last {
            if p[k] == first && has(k, lit) { return k }
            k += 1
        }
        return nil
    }
}
