/// git's id of a blob, computed without git: the hash of `blob <size>\0` followed by the bytes, SHA-1
/// (or SHA-256 in a repository created with `--object-format=sha256`).
package enum GitObjectID {
    package static func blob(_ bytes: [UInt8], sha256: Bool = false) -> String {
        let header = Array("blob \(bytes.count)\0".utf8)
        if sha256 {
            var hasher = SHA256()
            header.withUnsafeBufferPointer { hasher.update($0) }
            bytes.withUnsafeBufferPointer { hasher.update($0) }
            return SHA256.hex(hasher.finalize())
        }
        var hasher = SHA1()
        header.withUnsafeBufferPointer { hasher.update($0) }
        bytes.withUnsafeBufferPointer { hasher.update($0) }
        return SHA256.hex(hasher.finalize())
    }
}

/// SHA-1 (FIPS 180-4), for git object ids only: never for anything that needs collision resistance.
package struct SHA1 {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    package init() { buffer.reserveCapacity(64) }

    package mutating func update(_ data: UnsafeBufferPointer<UInt8>) {
        length += UInt64(data.count)
        var i = 0
        if !buffer.isEmpty {
            while i < data.count, buffer.count < 64 {
                buffer.append(data[i])
                i += 1
            }
            if buffer.count == 64 {
                buffer.withUnsafeBufferPointer { block($0, 0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while i + 64 <= data.count {
            block(data, i)
            i += 64
        }
        while i < data.count {
            buffer.append(data[i])
            i += 1
        }
    }

    package mutating func finalize() -> [UInt8] {
        let bits = length &* 8
        var pad: [UInt8] = [0x80]
        pad += [UInt8](repeating: 0, count: (55 - Int(length % 64) + 64) % 64)
        for shift in stride(from: 56, through: 0, by: -8) { pad.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        let saved = length
        pad.withUnsafeBufferPointer { update($0) }
        length = saved
        var out: [UInt8] = []
        for word in [state.0, state.1, state.2, state.3, state.4] {
            out += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return out
    }

    private mutating func block(_ data: UnsafeBufferPointer<UInt8>, _ offset: Int) {
        var w = [UInt32](repeating: 0, count: 80)
        for t in 0..<16 {
            let j = offset + t * 4
            w[t] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
        }
        for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
        var (a, b, c, d, e) = state
        for t in 0..<80 {
            let f: UInt32
            let k: UInt32
            switch t {
            case 0..<20:
                f = (b & c) | (~b & d)
                k = 0x5A82_7999
            case 20..<40:
                f = b ^ c ^ d
                k = 0x6ED9_EBA1
            case 40..<60:
                f = (b & c) | (b & d) | (c & d)
                k = 0x8F1B_BCDC
            default:
                f = b ^ c ^ d
                k = 0xCA62_C1D6
            }
            let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
            e = d
            d = c
            c = rotl(b, 30)
            b = a
            a = temp
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }

    @inline(__always) private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}
