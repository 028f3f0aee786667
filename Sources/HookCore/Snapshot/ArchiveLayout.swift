import FoundationEssentials

/// Names inside the archive folder; every path it returns stays below the archive folder.
public struct ArchiveLayout: Sendable {
    /// The repository-relative archive folder (git config `convo.dir`).
    public let root: String

    /// Validates `convo.dir`: relative, no `..`, no empty components.
    public init(root configured: String) throws(ArchiveError) {
        let parts = configured.split(separator: "/", omittingEmptySubsequences: true)
        guard !configured.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." || $0 == ".git" }) else {
            throw ArchiveError("convo.dir must be a folder inside the repository (got '\(configured)')")
        }
        root = parts.joined(separator: "/")
    }

    /// A session id made safe as one path component: `[A-Za-z0-9._-]` kept, anything else `_`, no `..`.
    public static func sanitize(_ id: String) -> String {
        var out = String(
            id.unicodeScalars.prefix(120).map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return Character(scalar)
                default: return "_"
                }
            })
        // Any run of dots becomes "_." pairs, so no component can be or contain "..".
        while out.contains("..") { out = out.split(separator: "..", omittingEmptySubsequences: false).joined(separator: "_.") }
        if out.isEmpty || out.hasPrefix(".") { out = "_" + out }
        return out
    }

    /// Characters of the `YYYYMMDD-HHMMSS` that starts a session folder's name.
    package static let stampLength = 15

    /// `<root>/<source>/<YYYYMMDD-HHMMSS>-<id>` for a session first seen at `timestamp` (UTC).
    public func sessionFolder(source: String, sessionID: String, startedAt timestamp: String?, now: Int64) -> String {
        let stamp = timestamp.flatMap(ArchiveLayout.folderStamp(iso8601:)) ?? ArchiveLayout.folderStamp(epoch: now)
        return "\(root)/\(ArchiveLayout.sanitize(source))/\(stamp)-\(ArchiveLayout.sanitize(sessionID))"
    }

    /// The part file of a stream: `0001.jsonl`, or `subagents/<name>/0001.jsonl` for a secondary stream.
    public static func partName(stream archiveName: String, part: Int, extension ext: String) -> String {
        let number = String(part)
        let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
        let base = archiveName.split(separator: "/").map { sanitize(String($0)) }.joined(separator: "/")
        return (base.isEmpty ? "" : base + "/") + padded + "." + ext
    }

    /// `YYYYMMDD-HHMMSS` in UTC from an ISO-8601 time (`2025-06-01T10:00:00.123Z`, `…+02:00`, or `2025-06-01 10:00:00`).
    package static func folderStamp(iso8601 text: String) -> String? {
        epoch(iso8601: text).map(folderStamp(epoch:))
    }

    /// Seconds since 1970 (UTC) of an ISO-8601 time as `folderStamp(iso8601:)` reads it; nil when it is none.
    package static func epoch(iso8601 text: String) -> Int64? {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for b in digits[range] {
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let mo = number(5..<7), let d = number(8..<10),
            let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19)
        else { return nil }
        var offsetSeconds = 0
        if let zone = text.utf8.dropFirst(19).firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) {
            let i = text.utf8.distance(from: text.utf8.startIndex, to: zone)
            if let oh = number(i + 1..<i + 3), let om = number(i + 4..<i + 6) ?? number(i + 3..<i + 5) {
                offsetSeconds = (oh * 3600 + om * 60) * (digits[i] == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        return daysFromCivil(y, mo, d) * 86400 + Int64(h * 3600 + mi * 60 + s - offsetSeconds)
    }

    package static func folderStamp(epoch: Int64) -> String {
        let days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400
        let secs = Int(epoch - days * 86400)
        let (y, m, d) = civilFromDays(days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)\(two(m))\(two(d))-\(two(secs / 3600))\(two(secs / 60 % 60))\(two(secs % 60))"
    }

    // Howard Hinnant's civil-calendar arithmetic (public-domain algorithm).
    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146097 + doe - 719468)
    }

    private static func civilFromDays(_ z0: Int64) -> (Int, Int, Int) {
        let z = Int(z0) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// An archive operation that cannot be done, with a one-line reason.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
