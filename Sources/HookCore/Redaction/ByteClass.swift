/// Byte classification tables used by the redaction scanner's hot loop.
///
/// Each byte maps to a bit set of classes; tables are allocated once and never freed,
/// so the scanner can keep a raw pointer to them for the lifetime of the process.
package enum ByteClass {
    package static let lower: UInt16 = 1 << 0
    package static let upper: UInt16 = 1 << 1
    package static let digit: UInt16 = 1 << 2
    package static let underscore: UInt16 = 1 << 3
    package static let dash: UInt16 = 1 << 4
    package static let plus: UInt16 = 1 << 5
    package static let slash: UInt16 = 1 << 6
    package static let equal: UInt16 = 1 << 7
    package static let dot: UInt16 = 1 << 8
    /// Other symbols accepted inside a keyword-anchored secret value: `~ ! @ # $ % ^ & *`.
    package static let valueSymbol: UInt16 = 1 << 9
    package static let hexLower: UInt16 = 1 << 10
    package static let hexUpper: UInt16 = 1 << 11

    package static let alpha = lower | upper
    package static let alnum = lower | upper | digit
    /// `[A-Za-z0-9_]`: characters that make up a word (token boundaries).
    package static let word = alnum | underscore
    /// `[A-Za-z0-9_-]`: base64url and most vendor token alphabets.
    package static let urlToken = alnum | underscore | dash
    /// `[A-Za-z0-9+/=]`: standard base64.
    package static let base64 = alnum | plus | slash | equal
    /// `[A-Za-z0-9_.-]`: identifiers such as `DB_PASSWORD`, `client.secret`.
    package static let ident = alnum | underscore | dash | dot
    /// Characters accepted in a keyword-anchored value.
    package static let value = alnum | underscore | dash | dot | plus | slash | equal | valueSymbol
    package static let hex = digit | hexLower | hexUpper

    /// The class table: 256 entries.
    nonisolated(unsafe) static let table: UnsafePointer<UInt16> = {
        let t = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] |= lower }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] |= upper }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] |= digit }
        for b in UInt8(ascii: "a")...UInt8(ascii: "f") { t[Int(b)] |= hexLower }
        for b in UInt8(ascii: "A")...UInt8(ascii: "F") { t[Int(b)] |= hexUpper }
        t[Int(UInt8(ascii: "_"))] |= underscore
        t[Int(UInt8(ascii: "-"))] |= dash
        t[Int(UInt8(ascii: "+"))] |= plus
        t[Int(UInt8(ascii: "/"))] |= slash
        t[Int(UInt8(ascii: "="))] |= equal
        t[Int(UInt8(ascii: "."))] |= dot
        for c in "~!@#$%^&*".utf8 { t[Int(c)] |= valueSymbol }
        return UnsafePointer(t)
    }()
}
