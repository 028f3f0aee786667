#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shannon entropy of short byte strings, used to gate keyword-anchored generic matches.
package enum Entropy {
    /// Bits per symbol of `bytes` (at most the first 512 are considered).
    package static func bitsPerByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        let n = min(bytes.count, 512)
        if n == 0 { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for k in 0..<n { counts[Int(bytes[k])] &+= 1 }
            var h = 0.0
            let total = Double(n)
            for c in counts where c != 0 {
                let q = Double(c) / total
                h -= q * log2(q)
            }
            return h
        }
    }
}
