import CRedaction

/// SHA-256 (FIPS 180-4), streaming. Used for image placeholders and part names; written here to avoid
/// a dependency. Whole blocks go through the x86 SHA extensions when the CPU has them (`CSHA256`).
package struct SHA256 {
    private static let hardware = convo_sha256_hardware() == 1
    private nonisolated(unsafe) static let k: UnsafePointer<UInt32> = {
        let values: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ]
        let t = UnsafeMutablePointer<UInt32>.allocate(capacity: 64)
        t.initialize(from: values, count: 64)
        return UnsafePointer(t)
    }()

    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
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
                let x = w[t - 15], y = w[t - 2]
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
                    hh = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }
}
