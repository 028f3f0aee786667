import FoundationEssentials

/// What pre-commit staged, for the hooks that follow it in the same commit (`<git dir>/convo-hook/pending`).
/// Its presence is what lets the `prepare-commit-msg` and `post-commit` shims start the binary at all.
struct PendingCommit: Codable {
    /// Repository-relative archive files staged.
    var paths: [String]
    /// `<source>/<session id>` of each session with new lines.
    var sessions: [String]

    static func path(stateDir: String) -> String { stateDir + "/pending" }

    static func load(stateDir: String) -> PendingCommit? {
        guard let bytes = FileSystem.read(path(stateDir: stateDir)) else { return nil }
        return try? JSONDecoder().decode(PendingCommit.self, from: Data(bytes))
    }

    func save(stateDir: String) throws {
        try FileSystem.writeAtomically(Array(JSONEncoder().encode(self)), to: Self.path(stateDir: stateDir))
    }

    static func clear(stateDir: String) throws {
        try FileSystem.remove(path(stateDir: stateDir))
    }
}
