import FoundationEssentials
import Glibc

/// What pre-commit put into the commit in progress, for the hooks that follow it in the same commit
/// (`prepare-commit-msg`, `commit-msg`, `post-commit`): kept in `pending` with the git process it
/// belongs to in `pending.sh` (see `HookStateFiles`). post-commit empties it.
package struct PendingCommit: Codable, Equatable {
    /// The sessions, line ranges and archive paths the commit carries.
    package var change: ArchiveChange
    /// git commits from a temporary index (`git commit <paths>`): post-commit makes the real index agree.
    package var temporaryIndex: Bool = false
    /// `core.commentChar`, for commit-msg.
    package var commentChar: String = "#"
    /// `convo.strict` as pre-commit read it: prepare-commit-msg then needs no `git config` of its own.
    package var strict: Bool?
    /// Tree mode's archive folder and `convo.attribution`, as pre-commit read them: post-commit then needs no
    /// `git config` of its own (nil in ref mode, whose post-commit reads the settings).
    package var treeArchiveRoot: String?
    package var attribution: Bool?

    package init(
        change: ArchiveChange, temporaryIndex: Bool = false, commentChar: String = "#", strict: Bool? = nil,
        treeArchiveRoot: String? = nil, attribution: Bool? = nil
    ) {
        self.change = change
        self.temporaryIndex = temporaryIndex
        self.commentChar = commentChar
        self.strict = strict
        self.treeArchiveRoot = treeArchiveRoot
        self.attribution = attribution
    }

    /// The pending record, whichever commit it belongs to; nil when there is none.
    package static func load(stateDir: String) -> PendingCommit? {
        guard let bytes = FileSystem.read(HookStateFiles.path(.pending, stateDir: stateDir)), !bytes.isEmpty else { return nil }
        return try? JSONDecoder().decode(PendingCommit.self, from: Data(bytes))
    }

    /// True when the pending file is not empty (whether or not it can be read).
    package static func isPresent(stateDir: String) -> Bool {
        (LineChunks.size(HookStateFiles.path(.pending, stateDir: stateDir)) ?? 0) > 0
    }

    /// The pending record if it belongs to the git process running this hook.
    package static func loadForCurrentCommit(stateDir: String) -> PendingCommit? {
        guard let pending = load(stateDir: stateDir),
            let owner = FileSystem.read(HookStateFiles.path(.pendingFor, stateDir: stateDir)),
            let git = GitProcess.current(),
            String(decoding: owner, as: UTF8.self) == fragment(gitPID: git.pid)
        else { return nil }
        return pending
    }

    /// Records this pending commit for the git process `gitPID`.
    package func save(stateDir: String, gitPID: Int32?) throws {
        try FileSystem.writeAtomically(Array(fragment(gitPID: gitPID ?? 0).utf8), to: HookStateFiles.path(.pendingFor, stateDir: stateDir))
        try FileSystem.writeAtomically(Array(JSONEncoder().encode(self)), to: HookStateFiles.path(.pending, stateDir: stateDir))
    }

    /// No commit in progress carries archive lines.
    package static func clear(stateDir: String) throws {
        try FileSystem.writeAtomically([], to: HookStateFiles.path(.pending, stateDir: stateDir))
        try FileSystem.remove(HookStateFiles.path(.pendingFor, stateDir: stateDir))
    }

    private func fragment(gitPID: Int32) -> String { PendingCommit.fragment(gitPID: gitPID) }

    private static func fragment(gitPID: Int32) -> String { "pending_for=\(gitPID)\n" }
}
