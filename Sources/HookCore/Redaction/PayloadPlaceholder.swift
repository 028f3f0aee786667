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
        decodeTable.withUnsafeBufferPointer { table in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3072) { out in
                var o = 0
                var acc: UInt32 = 0
                var bits = 0
                for c in raw {
                    let d = table[Int(c)]
                    if d == 0xFF { continue }  // `\`, `=`, anything else
                    acc = acc << 6 | UInt32(d)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out[o] = UInt8(truncatingIfNeeded: acc >> UInt32(bits))
                        o += 1
                        if o == 3072 {
                            sha.update(UnsafeBufferPointer(rebasing: out[0..<o]))
                            size += o
                            o = 0
                        }
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
