import Foundation

/// Checks a static site folder as a browser would follow it: every link and resource reference of every
/// page resolves to a file of the site (and its `#anchor` to an element id there), and nothing refers to
/// anything outside it (no scheme, no `//host`; only `data:image/…` inline images).
public enum SiteCheck {
    public struct Problem: CustomStringConvertible {
        public var page: String
        public var reference: String
        public var reason: String
        public var description: String { "\(page): \(reference): \(reason)" }
    }

    /// Attribute values that make a browser load or navigate (quoted with `"`, as the site writes them).
    static let referenceAttributes = ["href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite", "ping", "manifest"]

    /// Every page's references checked; empty when all resolve inside the site.
    public static func problems(in root: String) -> [Problem] {
        let files = pages(in: root)
        var ids: [String: Set<String>] = [:]
        var texts: [String: String] = [:]
        for file in files {
            let text = (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? ""
            texts[file] = text
            ids[file] = Set(values(of: "id", in: text))
        }
        var problems: [Problem] = []
        for file in files {
            let text = texts[file] ?? ""
            for attribute in referenceAttributes {
                for value in values(of: attribute, in: text) {
                    if let reason = check(value, attribute: attribute, from: file, root: root, ids: ids) {
                        problems.append(Problem(page: file, reference: "\(attribute)=\"\(value.prefix(80))\"", reason: reason))
                    }
                }
            }
            if file.hasSuffix(".css"), text.contains("url(") || text.contains("@import") {
                problems.append(Problem(page: file, reference: "url(…)", reason: "the stylesheet loads a resource"))
            }
            if !values(of: "style", in: text).isEmpty || text.contains("<style") {
                problems.append(Problem(page: file, reference: "style", reason: "styles outside the site's stylesheet"))
            }
        }
        return problems
    }

    /// The `.html` and `.css` files below `root`, relative to it.
    public static func pages(in root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var out: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".html") || path.hasSuffix(".css") { out.append(path) }
        }
        return out.sorted()
    }

    /// The values of `name="…"` attributes (entities `&amp;` and `&quot;` decoded).
    public static func values(of name: String, in text: String) -> [String] {
        var out: [String] = []
        let needle = " " + name + "=\""
        var rest = text[...]
        while let start = rest.range(of: needle) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            out.append(after[..<end].replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&"))
            rest = after[end...]
        }
        return out
    }

    private static func check(_ value: String, attribute: String, from page: String, root: String, ids: [String: Set<String>]) -> String? {
        if value.hasPrefix("data:") {
            guard attribute == "src", value.hasPrefix("data:image/png;base64,") || value.hasPrefix("data:image/jpeg;base64,") else {
                return "a data: URL that is not an inline raster image"
            }
            return nil
        }
        if value.hasPrefix("//") { return "refers to another host" }
        if let colon = value.firstIndex(of: ":"), !value[..<colon].contains("/"), !value[..<colon].contains("#") { return "has a URL scheme (leaves the site)" }
        guard attribute == "href" || attribute == "src" else { return "unexpected reference attribute" }
        let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target: String
        if parts[0].isEmpty {
            target = page
        } else {
            var components = page.split(separator: "/").dropLast().map(String.init)
            for part in parts[0].split(separator: "/", omittingEmptySubsequences: false) {
                if part == ".." {
                    guard !components.isEmpty else { return "points outside the site" }
                    components.removeLast()
                } else if part != "." {
                    components.append(String(part))
                }
            }
            target = components.joined(separator: "/")
            guard FileManager.default.fileExists(atPath: root + "/" + target) else { return "no such file \(target)" }
        }
        if parts.count > 1, !parts[1].isEmpty, target.hasSuffix(".html"), !(ids[target]?.contains(parts[1]) ?? false) {
            return "no element with id \(parts[1]) in \(target)"
        }
        return nil
    }
}
