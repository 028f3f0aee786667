import CPCRE2
import Synchronization

/// A compiled PCRE2 pattern over bytes (no UTF mode: secrets are ASCII and lines may hold any bytes).
///
/// Compiling costs a few microseconds, so every rule is compiled when the rule set is built; the JIT
/// (tens of microseconds to a millisecond per pattern) only runs for a pattern once it has been used
/// `jitAfter` times, so a hook that redacts a few kilobytes never pays for it. The JIT-compiled copy
/// is published atomically: matching never waits and never sees a half-built copy.
package final class Pcre2Regex: @unchecked Sendable {
    private let code: OpaquePointer
    private let jitCode = Atomic<Int>(0)
    private let uses = Atomic<Int>(0)
    package let pattern: String
    package let captureCount: Int
    package static let jitAfter = 256

    package init(_ pattern: String, caseless: Bool = false) throws(PosixRegexError) {
        self.pattern = pattern
        var error: Int32 = 0
        var offset = 0
        var options = UInt32(PCRE2_DOLLAR_ENDONLY)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
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

    /// The code to match with: the JIT-compiled copy once there is one.
    private func current() -> OpaquePointer {
        if let jitted = OpaquePointer(bitPattern: jitCode.load(ordering: .acquiring)) { return jitted }
        if uses.wrappingAdd(1, ordering: .relaxed).newValue == Pcre2Regex.jitAfter, let copy = pcre2_code_copy_8(code) {
            if pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0 {
                jitCode.store(Int(bitPattern: UnsafeRawPointer(copy)), ordering: .releasing)
                return copy
            }
            pcre2_code_free_8(copy)
        }
        return code
    }

    /// Matches in `subject[0..<length]` from `start`; the capture offsets are left in `data`.
    /// Returns false when there is no match (or when PCRE2 gives up, e.g. at its match limit).
    package func match(_ subject: UnsafePointer<UInt8>, length: Int, from start: Int, anchored: Bool = false, data: Pcre2MatchData) -> Bool {
        let options = anchored ? UInt32(PCRE2_ANCHORED) : 0
        return pcre2_match_8(current(), subject, length, start, options, data.pointer, nil) > 0
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
