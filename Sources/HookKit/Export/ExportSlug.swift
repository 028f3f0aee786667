import HookCore

/// File names of exported sessions: `YYYY-MM-DD-<slug>.md`, safe as one path component.
enum ExportSlug {
    /// Lowercase ASCII letters and digits of `title`, words joined by `-`, at most `limit`
    /// characters (cut at a word boundary); `session` when nothing is left.
    static func slug(_ title: String, limit: Int = 48) -> String {
        var words: [String] = []
        var current = ""
        for scalar in title.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": current.unicodeScalars.append(scalar)
            case "A"..."Z": current.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            case "'": continue
            default:
                if !current.isEmpty {
                    words.append(current)
                    current = ""
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > limit {
                if slug.isEmpty { slug = String(word.prefix(limit)) }
                break
            }
            slug = next
        }
        return slug.isEmpty ? "session" : slug
    }

    /// `YYYY-MM-DD` from an ISO-8601 time, else from the archive folder's `YYYYMMDD-HHMMSS-…` name.
    static func date(timestamp: String?, folderName: String) -> String {
        if let timestamp, timestamp.count >= 10 {
            let day = String(timestamp.prefix(10))
            let digits = day.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == "-" : (c.isASCII && c.isNumber) }
            if digits { return day }
        }
        let stamp = folderName.prefix(8)
        if stamp.count == 8, stamp.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\(stamp.prefix(4))-\(stamp.dropFirst(4).prefix(2))-\(stamp.suffix(2))"
        }
        return "0000-00-00"
    }

    /// `<date>-<slug>.md`, or `<date>-<slug>-2.md`, `-3`, … when the name is taken.
    static func uniqueName(date: String, slug: String, taken: Set<String>) -> String {
        var name = "\(date)-\(slug).md"
        var n = 2
        while taken.contains(name) {
            name = "\(date)-\(slug)-\(n).md"
            n += 1
        }
        return name
    }
}
