import FoundationEssentials
import HookCore

/// The last sync of each target, in `<common git dir>/convo-hook/sync.json` (shared by worktrees).
struct SyncState: Codable, Equatable {
    struct Entry: Codable, Equatable {
        /// Seconds since the epoch (UTC) when the sync finished.
        var lastSync: Int64
        /// What was synced: ref ids for a git remote, file names, sizes and times otherwise.
        var fingerprint: String
    }

    /// Keyed by `SyncTarget.key`.
    var targets: [String: Entry] = [:]

    static func path(commonDir: String) -> String { commonDir + "/convo-hook/sync.json" }

    /// The saved state; empty when there is none or it cannot be read.
    static func load(commonDir: String) -> SyncState {
        guard let bytes = FileSystem.read(path(commonDir: commonDir)),
            let state = try? JSONDecoder().decode(SyncState.self, from: Data(bytes))
        else { return SyncState() }
        return state
    }

    func save(commonDir: String) throws {
        let path = SyncState.path(commonDir: commonDir)
        try FileSystem.makeDirectories(FileSystem.parent(of: path))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileSystem.writeAtomically(Array(encoder.encode(self)) + [UInt8(ascii: "\n")], to: path)
    }
}
