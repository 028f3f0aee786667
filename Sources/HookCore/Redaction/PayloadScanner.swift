import CRedaction

/// A base64 payload (image or document) in a line: the raw range of its base64 text.
package struct PayloadSpan: Equatable {
    package var start: Int
    package var end: Int
    package var mediaType: String
}

/// Base64 payloads: Claude's image/document blocks
/// (`{"type":"base64","media_type":"image/png","data":"iVBOR..."}`) and `data:<mime>;base64,...` URLs.
/// They are found before anything else, skipped by the secret rules and replaced by a placeholder.
package struct PayloadScanner {
    let v: ByteView

    package init(_ p: UnsafePointer<UInt8>, _ n: Int) {
        v = ByteView(p, n)
    }

    package func scan() -> [PayloadSpan] {
        var spans: [PayloadSpan] = []
        var k = 0
        while let hit = find("\"data\"", from: k) {
            var colon = hit + 6
            while v.at(colon) == UInt8(ascii: " ") { colon += 1 }
            if v.at(colon) == UInt8(ascii: ":"), let span = dataField(colon: colon) {
                spans.append(span)
                k = span.end
            } else {
                k = hit + 6
            }
        }
        k = 0
        while let hit = find(";base64,", from: k) {
            if let span = dataURL(base64At: hit), !spans.contains(where: { $0.start < span.end && span.start < $0.end }) {
                spans.append(span)
                k = span.end
            } else {
                k = hit + 8
            }
        }
        return spans.sorted { $0.start < $1.start }
    }

    private func find(_ needle: StaticString, from: Int) -> Int? {
        guard from < v.n, let hit = convo_memmem(v.p + from, v.n - from, needle.utf8Start, needle.utf8CodeUnitCount) else { return nil }
        return hit - UnsafeRawPointer(v.p)
    }

    /// At the `:` of `"data":`.
    private func dataField(colon i: Int) -> PayloadSpan? {
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
        return PayloadSpan(start: s, end: e, mediaType: media ?? "application/octet-stream")
    }

    /// At the `;` of `data:image/png;base64,`.
    private func dataURL(base64At semicolon: Int) -> PayloadSpan? {
        var m = semicolon
        let mask = ByteClass.alnum | ByteClass.dot | ByteClass.plus | ByteClass.dash | ByteClass.slash
        while m > 0 && m > semicolon - 100 && (v.isClass(m - 1, mask) || v.at(m - 1) == UInt8(ascii: "\\")) { m -= 1 }
        guard m >= 5, v.has(m - 5, "data:"), let (media, end) = readMediaType(m), end == semicolon else { return nil }
        let s = semicolon + 8
        let e = base64End(s)
        guard e - s >= 16 else { return nil }
        return PayloadSpan(start: s, end: e, mediaType: media)
    }

    /// End of base64 text starting at `s`, accepting the `\/` escape.
    private func base64End(_ s: Int) -> Int {
        var k = s
        while k < v.n {
            if v.cls[Int(v.p[k])] & ByteClass.base64 != 0 {
                k += 1
            } else if v.p[k] == UInt8(ascii: "\\") && v.at(k + 1) == UInt8(ascii: "/") {
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
