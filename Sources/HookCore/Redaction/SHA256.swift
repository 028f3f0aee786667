import CRedaction

/// SHA-256 (FIPS 180-4), streaming. Used for image placeholders and part names; written here to avoid
/// a dependency. Whole blocks go through the x86 SHA extensions when the CPU has them (`CSHA256`).
package struct SHA256 {
    private static let hardware = convo_sha256_hardware() == 1
    private nonisolated(unsafe) static let k: UnsafePointer<UInt32> = {
        let values: [UInt32] = [
            0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
            0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
            0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
            0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
            0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
            0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
            0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
            0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
        ]
        let t = UnsafeMutablePointer<UInt32>.allocate(capacity: 64)
        t.initialize(from: values, count: 64)
        return UnsafePointer(t)
    }()

    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var buffer = [UInt8](repeating: 0, count: 64)
    private var buffered = 0
    private var length: UInt64 = 0
    private var softwareOnly = false

    package init() {}

    /// Hashes `bytes` in one call.
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var s = SHA256()
        bytes.withUnsafeBufferPointer { s.update($0) }
        return s.finalize()
    }

    /// Lower-case hexadecimal form of a digest.
    package static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    package mutating func update(_ data: UnsafeBufferPointer<UInt8>) {
        guard var p = data.baseAddress, data.count > 0 else { return }
        var n = data.count
        length &+= UInt64(n)
        if buffered > 0 {
            let take = min(64 - buffered, n)
            buffer.withUnsafeMutableBufferPointer { b in
                for k in 0..<take { b[buffered + k] = p[k] }
            }
            buffered += take
            p += take
            n -= take
            if buffered == 64 {
                buffer.withUnsafeBufferPointer { b in compress(b.baseAddress!) }
                buffered = 0
            }
        }
        if n >= 64 && SHA256.hardware && !softwareOnly {
            let blocks = n / 64
            withUnsafeMutableBytes(of: &h) { convo_sha256_blocks($0.baseAddress!.assumingMemoryBound(to: UInt32.self), p, blocks) }
            p += blocks * 64
            n -= blocks * 64
        }
        while n >= 64 {
            compress(p)
            p += 64
            n -= 64
        }
        if n > 0 {
            buffer.withUnsafeMutableBufferPointer { b in
                for k in 0..<n { b[k] = p[k] }
            }
            buffered = n
        }
    }

    package mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var pad: [UInt8] = [0x80]
        let rem = (buffered + 1) % 64
        let zeros = rem <= 56 ? 56 - rem : 120 - rem
        pad += [UInt8](repeating: 0, count: zeros)
        for s in stride(from: 56, through: 0, by: -8) { pad.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(s))) }
        let savedLength = length
        pad.withUnsafeBufferPointer { update($0) }
        length = savedLength
        var out = [UInt8]()
        out.reserveCapacity(32)
        for w in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
            out.append(UInt8(truncatingIfNeeded: w >> 24))
            out.append(UInt8(truncatingIfNeeded: w >> 16))
            out.append(UInt8(truncatingIfNeeded: w >> 8))
            out.append(UInt8(truncatingIfNeeded: w))
        }
        return out
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }

    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        if SHA256.hardware && !softwareOnly {
            withUnsafeMutableBytes(of: &h) { convo_sha256_blocks($0.baseAddress!.assumingMemoryBound(to: UInt32.self), block, 1) }
            return
        }
        compressInSwift(block)
    }

    /// The same compression in Swift (no SHA extensions); also what the tests compare against.
    package static func softwareDigest(_ bytes: [UInt8]) -> [UInt8] {
        var s = SHA256()
        s.softwareOnly = true
        bytes.withUnsafeBufferPointer { s.update($0) }
        return s.finalize()
    }

    private mutating func compressInSwift(_ block: UnsafePointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for t in 0..<16 {
                let b = block + t * 4
                w[t] = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
            }
            for t in 16..<64 {
                let x = w[t - 15]
                let y = w[t - 2]
                let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
                let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            let k = SHA256.k
            do {
                for t in 0..<64 {
                    let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    hh = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }
}
