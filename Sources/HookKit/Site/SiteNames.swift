import HookCore

/// Where each page of the site is, relative to the site's root, and the anchors inside session pages.
/// Every name is built from ASCII letters, digits, `.`, `_` and `-` only, so it is safe as a file name,
/// in a URL and in an attribute.
enum SiteNames {
    static let index = "index.html"
    static let stylesheet = "style.css"
    static let script = "filter.js"
    static let digest = "digest.html"
    /// What the last export wrote, so the next one knows what it can skip and what to remove.
    static let manifest = ".convo-hook-site"

    /// `sessions/<source>-<folder name>.html`, `…-p2.html` for its second page.
    static func session(_ session: ArchivedSession, page: Int = 1) -> String {
        var name = "sessions/" + safe((session.repository.map { $0 + "-" } ?? "") + session.source + "-" + session.folderName)
        if page > 1 { name += "-p\(page)" }
        return name + ".html"
    }

    /// `commits/<full hash>.html`.
    static func commit(_ id: String) -> String { "commits/" + safe(id) + ".html" }

    /// The anchor of the message at `line` of `stream`: `m12` in the main stream, `s-agent-a91f2c-m3` in a
    /// subagent's.
    static func message(stream: String, line: Int) -> Anchor {
        if stream == ArchivedStream.main { return Anchor("m\(line)") }
        let name = stream.hasPrefix("subagents/") ? String(stream.dropFirst("subagents/".count)) : stream
        return Anchor("s-" + name + "-m\(line)")
    }

    /// `path` as seen from the page at `from` (both relative to the site's root).
    static func relative(_ path: String, from: String) -> String {
        var target = path.split(separator: "/")
        var base = from.split(separator: "/").dropLast()
        while let a = base.first, let b = target.first, a == b, target.count > 1 {
            base = base.dropFirst()
            target.removeFirst()
        }
        return String(repeating: "../", count: base.count) + target.joined(separator: "/")
    }

    /// A link from the page at `from` to `path`, with an optional anchor.
    static func link(_ path: String, from: String, anchor: Anchor? = nil) -> SiteLink {
        path == from && anchor != nil ? SiteLink(anchor: anchor!) : SiteLink(relative(path, from: from), anchor: anchor)
    }

    /// `name` with every character outside `[A-Za-z0-9._-]` replaced by `-`, no leading dot, at most 150
    /// bytes; a name that had to change gets eight hex digits of its SHA-256, so two names stay apart.
    static func safe(_ name: String) -> String {
        var out = ""
        var changed = false
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": out.unicodeScalars.append(scalar)
            case "." where !out.isEmpty: out.unicodeScalars.append(scalar)
            default:
                out.append("-")
                changed = true
            }
        }
        if out.utf8.count > 150 {
            out = String(out.prefix(150))
            changed = true
        }
        guard changed || out.isEmpty else { return out }
        return out + "-" + String(SHA256.hex(SHA256.hash(Array(name.utf8))).prefix(8))
    }
}
