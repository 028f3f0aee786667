import HookCore

/// Where the conversation refs fetched from one remote are kept until they are merged into the local
/// ones: `refs/convo-remotes/<remote>/notes/convo` and `refs/convo-remotes/<remote>/convo/archive`.
/// Fetching into refs of their own, never straight over the local refs, is what keeps both sides:
/// a forced fetch onto `refs/notes/convo` would drop every local note the remote does not have.
public struct RemoteTracking: Sendable, Equatable {
    static let prefix = "refs/convo-remotes/"
    private static let notesSuffix = "/notes/convo"
    private static let archiveSuffix = "/convo/archive"

    public let remote: String

    public init(remote: String) { self.remote = remote }

    /// The fetch refspecs (for `git fetch` and `remote.<name>.fetch`). Globs, so a remote that has
    /// none of these refs yet fetches nothing instead of failing the whole fetch.
    public var refspecs: [String] {
        [
            "+\(ConversationNotes.ref)*:\(RemoteTracking.prefix)\(remote)\(RemoteTracking.notesSuffix)*",
            "+refs/convo/*:\(RemoteTracking.prefix)\(remote)/convo/*",
        ]
    }

    var notesRef: String { RemoteTracking.prefix + remote + RemoteTracking.notesSuffix }
    var archiveRef: String { RemoteTracking.prefix + remote + RemoteTracking.archiveSuffix }

    /// The tracked kind of a ref below `refs/convo-remotes/`, with its remote; nil for any other ref.
    static func parse(_ name: String) -> (remote: String, kind: TrackedRef)? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        for kind in TrackedRef.allCases {
            let suffix = kind == .notes ? notesSuffix : archiveSuffix
            if rest.hasSuffix(suffix), rest.count > suffix.count { return (String(rest.dropLast(suffix.count)), kind) }
        }
        return nil
    }
}

/// The two refs a team shares besides the code: the notes linking commits to sessions, and the
/// archive ref of ref mode.
enum TrackedRef: CaseIterable, Sendable {
    case notes, archive

    /// The local ref fetched tips are merged into.
    var localRef: String {
        switch self {
        case .notes: return ConversationNotes.ref
        case .archive: return ArchiveRefName.full
        }
    }
}
