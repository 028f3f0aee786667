import Glibc
import HookCore

/// Times for `search --since` and for the records' own timestamps.
public enum SearchTime {
    /// Seconds since 1970 of an archived ISO-8601 timestamp, nil when it is none.
    static func epoch(_ iso8601: String?) -> Int64? {
        guard let iso8601, iso8601.utf8.count >= 19 else { return nil }
        return ArchiveLayout.epoch(iso8601: iso8601)
    }

    /// `--since`: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` (UTC unless a zone is given), or
    /// an age: `30m`, `12h`, `7d`, `2w` before `now`.
    public static func since(_ text: String, now: Int64 = Int64(time(nil))) throws(SearchQueryError) -> Int64 {
        let t = Substring(text).trimmingCharacters(in: " ")
        let units: [Character: Int64] = ["m": 60, "h": 3600, "d": 86400, "w": 7 * 86400]
        if let unit = t.last.flatMap({ units[$0] }), let n = Int64(t.dropLast()), n >= 0, n < 1_000_000 {
            return now - n * unit
        }
        let b = Array(t.utf8)
        func digitsAt(_ r: Range<Int>) -> Bool { r.upperBound <= b.count && b[r].allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard digitsAt(0..<4), b.count >= 10, b[4] == UInt8(ascii: "-"), digitsAt(5..<7), b[7] == UInt8(ascii: "-"), digitsAt(8..<10),
            let month = Int(String(t.dropFirst(5).prefix(2))), (1...12).contains(month),
            let day = Int(String(t.dropFirst(8).prefix(2))), (1...31).contains(day)
        else { throw SearchQueryError("--since '\(text)': use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or an age like 7d, 12h, 2w") }
        var full = String(t)
        if b.count == 10 {
            full += "T00:00:00"
        } else if b.count >= 16, digitsAt(11..<13), b[13] == UInt8(ascii: ":"), digitsAt(14..<16), !(b.count >= 19 && b[16] == UInt8(ascii: ":")) {
            full = String(t.prefix(16)) + ":00" + String(t.dropFirst(16))
        }
        guard let epoch = ArchiveLayout.epoch(iso8601: full) else {
            throw SearchQueryError("--since '\(text)': use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or an age like 7d, 12h, 2w")
        }
        return epoch
    }

    /// `2025-06-01 10:00:00Z` from seconds since 1970 (UTC).
    public static func display(epoch: Int64) -> String {
        let stamp = Array(ArchiveLayout.folderStamp(epoch: epoch))
        return String(stamp[0..<4]) + "-" + String(stamp[4..<6]) + "-" + String(stamp[6..<8]) + " "
            + String(stamp[9..<11]) + ":" + String(stamp[11..<13]) + ":" + String(stamp[13..<15])
    }
}
