/// Claude Code's rule for naming a project folder under `<claudeConfigDir>/projects/`.
///
/// Every UTF-16 code unit outside `[A-Za-z0-9]` becomes `-` (Claude Code is JavaScript, so a
/// character outside the BMP becomes two dashes). Names longer than 200 units are cut at 200 and
/// get `-<hash>` appended; the hash function differs between Claude Code builds, so long names
/// are recognized by their 200-unit prefix only. Folder names are never decoded: the rule is lossy.
public enum ClaudePathEncoding {
    /// Length after which Claude Code truncates a folder name and appends a hash.
    public static let maxEncodedLength = 200

    /// The encoding of `path`, without the long-name hash suffix.
    public static func encode(_ path: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf16.count)
        for unit in path.utf16 {
            if (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5A) || (unit >= 0x61 && unit <= 0x7A) {
                out.append(UInt8(unit))
            } else {
                out.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the project folder `folderName` may hold sessions started in `root` or one of
    /// its subfolders: its name equals `encode(root)`, starts with `encode(root) + "-"`, or, for
    /// names Claude Code truncated, shares the 200-character prefix. Always confirm by `cwd`.
    public static func isCandidate(folderName: String, encodedRoot: String) -> Bool {
        if folderName == encodedRoot { return true }
        if folderName.hasPrefix(encodedRoot + "-") { return true }
        if encodedRoot.utf8.count >= maxEncodedLength && folderName.utf8.count > maxEncodedLength {
            return folderName.utf8.prefix(maxEncodedLength).elementsEqual(encodedRoot.utf8.prefix(maxEncodedLength))
        }
        return false
    }

    /// Whether `cwd` is `root` itself or lies inside it.
    public static func cwd(_ cwd: String, isInside root: String) -> Bool {
        guard !root.isEmpty else { return false }
        if cwd == root { return true }
        if root == "/" { return cwd.hasPrefix("/") }
        return cwd.hasPrefix(root + "/")
    }
}
