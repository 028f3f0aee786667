import CPCRE2
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A compiled PCRE2 pattern over bytes (no UTF mode: secrets are ASCII and lines may hold any bytes).
///
/// Compiling costs a few microseconds, so every rule is compiled when the rule set is built; the JIT
/// (tens of microseconds to a millisecond per pattern) only runs for a pattern once it has been used
/// `jitAfter` times or the interpreter has spent `jitAfterNanoseconds` on it, about what compiling
/// would cost: a hook that redacts a few kilobytes never pays for it, and a rarely triggered but slow
/// pattern (a window searched from every offset, a private key's body) stops being interpreted once
/// that costs more than the JIT. The JIT-compiled copy is published atomically: matching never waits
/// and never sees a half-built copy.
package final class Pcre2Regex: @unchecked Sendable {
    private let code: OpaquePointer
    private let jitCode = Atomic<Int>(0)
    private let uses = Atomic<Int>(0)
    private let interpretedNanoseconds = Atomic<Int>(0)
    private let jitStarted = Atomic<Bool>(false)
    package let pattern: String
    package let captureCount: Int
    package static let jitAfter = 256
    package static let jitAfterNanoseconds = 250_000

    /// `anchored`: the pattern only ever matches at the start offset. Compiled in rather than asked for
    /// at match time, where PCRE2's JIT does not support it (every such match would run interpreted).
    package init(_ pattern: String, caseless: Bool = false, anchored: Bool = false) throws(PosixRegexError) {
        self.pattern = pattern
        var error: Int32 = 0
        var offset = 0
        var options = UInt32(PCRE2_DOLLAR_ENDONLY)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        if anchored { options |= UInt32(PCRE2_ANCHORED) }
        let compiled = pattern.withCString { p in
            pcre2_compile_8(UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), pattern.utf8.count, options, &error, &offset, nil)
        }
        guard let compiled else {
            var buffer = [UInt8](repeating: 0, count: 256)
            _ = pcre2_get_error_message_8(error, &buffer, buffer.count)
            throw PosixRegexError(message: String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) + " at offset \(offset)")
        }
        code = compiled
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
    }

    deinit {
        if let jitted = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) { pcre2_code_free_8(jitted) }
        pcre2_code_free_8(code)
    }

    /// Matches in `subject[0..<length]` from `start` (only there when compiled `anchored`); the capture
    /// offsets are left in `data`. Returns false when there is no match (or when PCRE2 gives up, e.g. at
    /// its match limit).
    package func match(_ subject: UnsafePointer<UInt8>, length: Int, from start: Int, data: Pcre2MatchData) -> Bool {
        if let jitted = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) {
            return pcre2_match_8(jitted, subject, length, start, 0, data.pointer, nil) > 0
        }
        let t0 = Pcre2Regex.nanoseconds()
        let found = pcre2_match_8(code, subject, length, start, 0, data.pointer, nil) > 0
        let spent = Pcre2Regex.nanoseconds() &- t0
        if uses.wrappingAdd(1, ordering: .relaxed).newValue >= Pcre2Regex.jitAfter
            || interpretedNanoseconds.wrappingAdd(spent, ordering: .relaxed).newValue >= Pcre2Regex.jitAfterNanoseconds
        {
            compileJIT()
        }
        return found
    }

    /// JIT-compiles a copy once (the first caller that gets here does it; matches meanwhile stay interpreted).
    private func compileJIT() {
        guard !jitStarted.exchange(true, ordering: .relaxed), let copy = pcre2_code_copy_8(code) else { return }
        if pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0 {
            jitCode.store(Int(bitPattern: UnsafeRawPointer(copy)), ordering: .releasing)
        } else {
            pcre2_code_free_8(copy)
        }
    }

    private static func nanoseconds() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1_000_000_000 + t.tv_nsec
    }

    /// Whether the pattern matches anywhere in `bytes`.
    package func matches(_ bytes: UnsafeBufferPointer<UInt8>, data: Pcre2MatchData) -> Bool {
        guard let base = bytes.baseAddress else {
            return [UInt8(0)].withUnsafeBufferPointer { match($0.baseAddress!, length: 0, from: 0, data: data) }
        }
        return match(base, length: bytes.count, from: 0, data: data)
    }
}

/// Capture offsets of the last match; one per scan, reused across patterns.
package final class Pcre2MatchData {
    let pointer: OpaquePointer

    package init(captures: Int = 32) {
        pointer = pcre2_match_data_create_8(UInt32(captures + 1), nil)
    }

    deinit { pcre2_match_data_free_8(pointer) }

    /// Start and end of capture `group` (0: the whole match), or nil when it did not take part.
    package func range(_ group: Int) -> Range<Int>? {
        guard group < Int(pcre2_get_ovector_count_8(pointer)) else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(pointer)!
        let s = ovector[2 * group]
        let e = ovector[2 * group + 1]
        guard s != ~0, e >= s else { return nil }
        return s..<e
    }
}
