/// Times some tools record as milliseconds since 1970 (Amp, Cline, OpenCode), as the ISO-8601 text events carry.
enum SourceTime {
    /// `2026-03-01T10:00:00.123Z` for `millis`; nil for a value that is no plausible time.
    static func iso(millis: Double?) -> String? {
        guard let millis, millis.isFinite, millis > 0, millis < 1e14 else { return nil }
        let whole = Int64(millis)
        let stamp = ArchiveLayout.folderStamp(epoch: whole / 1000)  // YYYYMMDD-HHMMSS
        let c = Array(stamp)
        guard c.count == 15 else { return nil }
        let ms = Int(whole % 1000)
        let fraction = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15])).\(fraction)Z"
    }

    /// A time member that is either ISO text or milliseconds.
    static func iso(_ value: JSON?) -> String? {
        guard let value else { return nil }
        if let s = value.string { return s }
        return iso(millis: value.double)
    }
}
