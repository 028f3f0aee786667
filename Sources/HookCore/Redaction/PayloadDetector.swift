/// Base64 payloads: Claude's image/document blocks
/// (`{"type":"base64","media_type":"image/png","data":"iVBOR..."}`) and `data:<mime>;base64,...` URLs.
/// They are recognised cheaply and skipped; the redactor replaces them by a placeholder.
extension LineScanner {
    /// At the `:` of `"data":`. Returns where scanning resumes, or nil when this is no payload.
    package mutating func matchDataField(colon i: Int) -> Int? {
        var s = i + 1
        while v.at(s) == UInt8(ascii: " ") { s += 1 }
        guard v.at(s) == UInt8(ascii: "\"") else { return nil }
        s += 1
        let e = base64End(s)
        guard v.at(e) == UInt8(ascii: "\""), e - s >= 64 else { return nil }
        let before = max(0, i - 600)
        let after = min(v.n, e + 600)
        let media = mediaType(from: before, to: i) ?? mediaType(from: e, to: after)
        guard
            media != nil || v.find("\"base64\"", from: before, to: i) != nil
                || v.find("\"base64\"", from: e, to: after) != nil
        else { return nil }
        recordPayload(s, e, media ?? "application/octet-stream")
        return e
    }

    /// At the `:` of `data:image/png;base64,`.
    package mutating func matchDataURL(colon i: Int) -> Int? {
        guard let (media, m) = readMediaType(i + 1), v.has(m, ";base64,") else { return nil }
        let s = m + 8
        let e = base64End(s)
        guard e - s >= 16 else { return nil }
        recordPayload(s, e, media)
        return e
    }

    /// End of base64 text starting at `s`, accepting the `\/` escape.
    package func base64End(_ s: Int) -> Int {
        let p = v.p
        let cls = v.cls
        var k = s
        while k < v.n {
            if cls[Int(p[k])] & ByteClass.base64 != 0 {
                k += 1
            } else if p[k] == UInt8(ascii: "\\") && v.at(k + 1) == UInt8(ascii: "/") {
                k += 2
            } else {
                break
            }
        }
        return k
    }

    /// The value of `"media_type":"..."` in `[from, to)`.
    private func mediaType(from: Int, to: Int) -> String? {
        guard let k = v.find("\"media_type\"", from: from, to: to) else { return nil }
        var s = k + 12
        while v.at(s) == UInt8(ascii: " ") || v.at(s) == UInt8(ascii: ":") { s += 1 }
        guard v.at(s) == UInt8(ascii: "\"") else { return nil }
        guard let (media, e) = readMediaType(s + 1), v.at(e) == UInt8(ascii: "\"") else { return nil }
        return media
    }

    /// A media type such as `image/png` at `s` (its `/` possibly escaped as `\/`): (decoded, raw end).
    private func readMediaType(_ s: Int) -> (String, Int)? {
        let mask = ByteClass.alnum | ByteClass.dot | ByteClass.plus | ByteClass.dash | ByteClass.slash
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 100) { buf in
            let (e, count) = v.decodedRun(s, mask, into: buf.baseAddress!, cap: 100)
            guard count > 0, count <= 100 else { return nil }
            return (String(decoding: UnsafeBufferPointer(start: buf.baseAddress!, count: count), as: UTF8.self), e)
        }
    }
}
