import FoundationEssentials
import Glibc

/// What pre-commit staged, for the hooks that follow it in the same commit (`<git dir>/convo-hook/pending`).
/// Its presence (non-empty: post-commit empties it from the shell) is what makes the `prepare-commit-msg`, `commit-msg` and `post-commit` shims do anything.
package enum PendingCommit {
    package static func path(stateDir: String) -> String { stateDir + "/pending" }

    package static func load(stateDir: String) -> ArchiveChange? {
        guard let bytes = FileSystem.read(path(stateDir: stateDir)) else { return nil }
        return try? JSONDecoder().decode(ArchiveChange.self, from: Data(bytes))
    }

    /// Records `change`, with what the shims need to finish the commit without the binary: the
    /// trailer arguments and the note text; `needsBinary` makes post-commit start it (ref mode, or a
    /// commit from a temporary index whose real index must be reconciled).
    package static func save(_ change: ArchiveChange, stateDir: String, needsBinary: Bool, commentChar: String) throws {
        let trailers = change.sessions.flatMap { ["--trailer", "\(ConversationTrailers.key): \($0.session)"] }
        // The git process running this commit: the follow-up shims act only for the same one.
        let fragment = Array("pending_for=\(getppid())\ncomment=\(ShellFragment.quote(commentChar))\n".utf8)
            + ShellFragment.setArguments(trailers)
        try FileSystem.writeAtomically(fragment, to: stateDir + "/trailers")
        try FileSystem.writeAtomically(Array(ConversationNotes.text(for: change).utf8), to: stateDir + "/note")
        if needsBinary {
            try FileSystem.writeAtomically([], to: stateDir + "/post-commit")
        } else {
            try FileSystem.remove(stateDir + "/post-commit")
        }
        try FileSystem.writeAtomically(Array(JSONEncoder().encode(change)), to: path(stateDir: stateDir))
    }

    /// Leaves the pending record but stops the follow-up shims from naming its sessions in this commit.
    package static func withdrawTrailers(stateDir: String) {
        for name in ["trailers", "note"] { try? FileSystem.remove(stateDir + "/" + name) }
    }

    package static func clear(stateDir: String) throws {
        for name in ["post-commit", "trailers", "note"] { try FileSystem.remove(stateDir + "/" + name) }
        try FileSystem.remove(path(stateDir: stateDir))
    }
}
