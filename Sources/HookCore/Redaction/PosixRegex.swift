#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX extended regular expression (`regcomp` with `REG_EXTENDED`), used for the user's
/// `convo.redact` / `convo.allow` patterns. They are rare, so one `regexec` per line is fine.
package final class PosixRegex: @unchecked Sendable {
    // regexec on a compiled regex_t is thread-safe in glibc; the pointer is never mutated after init.
    private let re: UnsafeMutablePointer<regex_t>
    package let pattern: String
    /// `REG_NOMATCH` (1 in glibc and musl); the C enum is not imported under that name.
    package static let noMatch: Int32 = 1

    /// Compiles `pattern`; throws the message from `regerror` when it is invalid.
    package init(_ pattern: String) throws(PosixRegexError) {
        self.pattern = pattern
        let compiled = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
        let rc = regcomp(compiled, pattern, REG_EXTENDED)
        if rc != 0 {
            var buf = [CChar](repeating: 0, count: 256)
            regerror(rc, compiled, &buf, buf.count)
            compiled.deallocate()
            throw PosixRegexError(message: String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        re = compiled
    }

    deinit {
        regfree(re)
        re.deallocate()
    }

    /// Every non-overlapping match in `bytes`. Throws when `regexec` fails (other than no match).
    package func matches(in bytes: UnsafeBufferPointer<UInt8>) throws(PosixRegexError) -> [Range<Int>] {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return [] }
        guard bytes.count < Int(Int32.max) else { throw PosixRegexError(message: "line too long for regexec") }
        var result: [Range<Int>] = []
        var from = 0
        let rc: Int32 = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { s -> Int32 in
            while from <= bytes.count {
                var m = regmatch_t()
                m.rm_so = regoff_t(from)
                m.rm_eo = regoff_t(bytes.count)
                let flags = REG_STARTEND | (from > 0 ? REG_NOTBOL : 0)
                let rc = regexec(re, s, 1, &m, flags)
                if rc != 0 { return rc }
                let s0 = Int(m.rm_so)
                let e0 = Int(m.rm_eo)
                if e0 > s0 { result.append(s0..<e0) }
                from = e0 > s0 ? e0 : e0 + 1
            }
            return 0
        }
        if rc != 0 && rc != PosixRegex.noMatch {
            throw PosixRegexError(message: "regexec failed (code \(rc)) for pattern \(pattern)")
        }
        return result
    }

    /// Whether the pattern matches anywhere in `text`.
    package func matches(_ text: [UInt8]) -> Bool {
        (try? text.withUnsafeBufferPointer { b throws(PosixRegexError) in try matches(in: b) }.isEmpty == false) ?? false
    }
}

/// A POSIX regex error, with `regerror`'s message.
package struct PosixRegexError: Error {
    package var message: String
}
