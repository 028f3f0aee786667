import FoundationEssentials

/// What pre-commit staged, for the hooks that follow it in the same commit (`<git dir>/convo-hook/pending`).
/// Its presence is what lets the `prepare-commit-msg`, `commit-msg` and `post-commit` shims start the binary at all.
enum PendingCommit {
    static func path(stateDir: String) -> String { stateDir + "/pending" }

    static func load(stateDir: String) -> ArchiveChange? {
        guard let bytes = FileSystem.read(path(stateDir: stateDir)) else { return nil }
        return try? JSONDecoder().decode(ArchiveChange.self, from: Data(bytes))
    }

    static func save(_ change: ArchiveChange, stateDir: String) throws {
        try FileSystem.writeAtomically(Array(JSONEncoder().encode(change)), to: path(stateDir: stateDir))
    }

    static func clear(stateDir: String) throws {
        try FileSystem.remove(path(stateDir: stateDir))
    }
}
