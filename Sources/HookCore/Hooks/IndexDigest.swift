/// A fingerprint of the set of archive paths an index holds: the sum of each path's 64-bit FNV-1a hash,
/// and their count. Order does not matter, so `git ls-files` here and the index parser in
/// `convo-hook-changed` (which implements the same sum; a test checks they agree) compute the same value.
package enum IndexDigest {
    package static func of(_ paths: some Collection<String>) -> String {
        var sum: UInt64 = 0
        for path in paths { sum &+= fnv1a(Array(path.utf8)) }
        return String(sum, radix: 16) + "-" + String(paths.count)
    }

    package static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
