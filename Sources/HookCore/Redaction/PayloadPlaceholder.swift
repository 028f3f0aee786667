/// The text that replaces a base64 payload: media type, decoded size and SHA-256 of the decoded bytes.
///
/// Example: `[convo-hook: image/png omitted, 52134 bytes, sha256=9f86d0...]`. It contains no
/// character that needs escaping in JSON, so it can replace the payload inside its string.
package enum PayloadPlaceholder {
    private static let decodeTable: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (k, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(k)
        }
        // base64url alphabet too.
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Decodes the raw (possibly `\/`-escaped) base64 text and returns (decoded size, sha256 hex).
    package static func digest(_ raw: UnsafeBufferPointer<UInt8>) -> (size: Int, sha256: String) {
        var sha = SHA256()
        var size = 0
        guard let p = raw.baseAddress else { return (0, SHA256.hex(sha.finalize())) }
        let n = raw.count
        decodeTable.withUnsafeBufferPointer { table in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3072) { out in
                var o = 0
                var acc: UInt32 = 0
                var bits = 0
                var k = 0
                while k < n {
                    if o > 3072 - 3 {
                        sha.update(UnsafeBufferPointer(rebasing: out[0..<o]))
                        size += o
                        o = 0
                    }
                    // Four characters of the alphabet on a byte boundary: three bytes at once.
                    if bits == 0 && k + 4 <= n {
                        let a = UInt32(table[Int(p[k])])
                        let b = UInt32(table[Int(p[k + 1])])
                        let c = UInt32(table[Int(p[k + 2])])
                        let d = UInt32(table[Int(p[k + 3])])
                        if (a | b | c | d) & 0x80 == 0 {
                            let v = a << 18 | b << 12 | c << 6 | d
                            out[o] = UInt8(truncatingIfNeeded: v >> 16)
                            out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                            out[o + 2] = UInt8(truncatingIfNeeded: v)
                            o += 3
                            k += 4
                            continue
                        }
                    }
                    let d = table[Int(p[k])]
                    k += 1
                    if d == 0xFF { continue }  // `\`, `=`, anything else
                    acc = acc << 6 | UInt32(d)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out[o] = UInt8(truncatingIfNeeded: acc >> UInt32(bits))
                        o += 1
                    }
                }
                if o > 0 {
                    sha.update(UnsafeBufferPointer(rebasing: out[0..<o]))
                    size += o
                }
            }
        }
        return (size, SHA256.hex(sha.finalize()))
    }

    /// The placeholder bytes for a payload.
    package static func make(_ raw: UnsafeBufferPointer<UInt8>, mediaType: String) -> [UInt8] {
        let (size, hex) = digest(raw)
        let safeMedia =
            mediaType.utf8.allSatisfy { ByteClass.table[Int($0)] & (ByteClass.alnum | ByteClass.dot | ByteClass.plus | ByteClass.dash | ByteClass.slash) != 0 }
            ? mediaType : "application/octet-stream"
        return Array("[convo-hook: \(safeMedia) omitted, \(size) bytes, sha256=\(hex)]".utf8)
    }
}
