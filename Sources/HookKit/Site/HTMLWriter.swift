import HookCore

/// A page being written as UTF-8 bytes. Markup can only come from string literals (`StaticString`) and
/// from the site's own names (`SiteLink`, `Anchor`); every other string goes through `text` (redacted,
/// then escaped) or `plain` (escaped), so nothing an archive holds can open an element, an attribute or a
/// script. Control characters HTML does not allow become U+FFFD.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []
    let redaction: SiteRedaction

    init(redaction: SiteRedaction, capacity: Int = 4096) {
        self.redaction = redaction
        bytes.reserveCapacity(capacity)
    }

    /// Markup written by this program.
    mutating func markup(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text from an archive or from git: redacted with the current rules, then escaped.
    mutating func text(_ s: some StringProtocol) {
        escape(redaction.redact(String(s)))
    }

    /// Text this program produced (figures, dates, labels built from numbers): escaped, not redacted.
    mutating func plain(_ s: some StringProtocol) {
        escape(String(s))
    }

    mutating func int(_ n: Int) {
        bytes.append(contentsOf: String(n).utf8)
    }

    /// `12,345`.
    mutating func grouped(_ n: Int) {
        bytes.append(contentsOf: Figures.grouped(n).utf8)
    }

    /// ` name="value"`, the value redacted and escaped.
    mutating func attribute(_ name: StaticString, _ value: some StringProtocol) {
        markup(" ")
        markup(name)
        markup("=\"")
        text(value)
        markup("\"")
    }

    /// ` href="…"` to a page of the site (or an anchor on this page).
    mutating func href(_ link: SiteLink) {
        markup(" href=\"")
        escape(link.value)
        markup("\"")
    }

    /// ` id="…"`.
    mutating func id(_ anchor: Anchor) {
        markup(" id=\"")
        escape(anchor.name)
        markup("\"")
    }

    /// Bytes rendered elsewhere by another `HTMLWriter` (so already safe).
    mutating func append(_ other: HTMLWriter) {
        bytes.append(contentsOf: other.bytes)
    }

    mutating func append(rendered: [UInt8]) {
        bytes.append(contentsOf: rendered)
    }

    var count: Int { bytes.count }

    /// Appends `s` escaped for both text and attribute values.
    private mutating func escape(_ s: String) {
        var s = s
        s.withUTF8 { buffer in
            var start = 0
            for i in 0..<buffer.count where HTMLWriter.special[Int(buffer[i])] {
                let b = buffer[i]
                let replacement: StaticString
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0A, 0x0D: continue
                case 0x00...0x1F, 0x7F: replacement = "\u{FFFD}"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i]))
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}

extension HTMLWriter {
    /// Bytes `escape` looks at: `& < > " '` and the control characters HTML does not allow.
    static let special: [Bool] = (0..<256).map { b in
        switch b {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27: return true
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F: return true
        default: return false
        }
    }
}

/// A link the site makes: a relative path to one of its pages, with an optional anchor. Built only from
/// names `SiteNames` made safe (ASCII letters, digits, `.`, `_`, `-`, `/`, `#`).
struct SiteLink: Equatable {
    let value: String

    /// `path` relative to the linking page, `#anchor` when given.
    init(_ path: String, anchor: Anchor? = nil) {
        value = path + (anchor.map { "#" + $0.name } ?? "")
    }

    /// An anchor on the same page.
    init(anchor: Anchor) { value = "#" + anchor.name }
}

/// An element id: ASCII letters, digits, `-` and `_`, starting with a letter.
struct Anchor: Hashable {
    let name: String

    init(_ name: String) {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            default: out.append("_")
            }
        }
        if !(out.first.map { $0.isLetter } ?? false) { out = "a" + out }
        self.name = out
    }
}
