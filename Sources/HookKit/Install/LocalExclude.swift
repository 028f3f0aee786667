import HookCore

/// Lines in `<common git dir>/info/exclude`: files install creates for this machine only (an assistant's
/// local settings) stay out of `git status` without touching the team's `.gitignore`.
struct LocalExclude {
    let path: String

    init(commonDir: String) { path = commonDir + "/info/exclude" }

    /// Adds `pattern` when no line holds it yet; returns whether the file changed.
    func add(_ pattern: String) throws -> Bool {
        let bytes = FileSystem.read(path) ?? []
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.contains(where: { $0 == pattern }) else { return false }
        var updated = bytes
        if let last = updated.last, last != UInt8(ascii: "\n") { updated.append(UInt8(ascii: "\n")) }
        updated += Array((pattern + "\n").utf8)
        try FileSystem.makeDirectories(FileSystem.parent(of: path))
        try FileSystem.writeAtomically(updated, to: path)
        return true
    }

    /// Removes the line `pattern` (the one `add` wrote); returns whether the file changed.
    func remove(_ pattern: String) throws -> Bool {
        guard let bytes = FileSystem.read(path) else { return false }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.lastIndex(where: { $0 == pattern }) else { return false }
        var kept = lines
        kept.remove(at: index)
        try FileSystem.writeAtomically(Array(kept.joined(separator: "\n").utf8), to: path)
        return true
    }
}
