import HookCore

/// Pushes the archive refs (`refs/convo/*`, `refs/notes/convo`) to one git remote with the `git`
/// binary, so the user's own credentials and transport settings apply. The push runs with
/// `--no-verify` and `CONVO_HOOK_SYNC=1`, so it never starts the pre-push sync again.
struct GitRemoteSync {
    /// Set in the environment of the sync's own `git push`.
    static let guardVariable = "CONVO_HOOK_SYNC"

    let git: GitCommand
    let remote: String

    /// Fails unless `remote` is one of the repository's configured remotes.
    init(git: GitCommand, remote: String) throws {
        guard !remote.isEmpty, !remote.hasPrefix("-") else { throw SyncError("invalid remote name '\(remote)'") }
        let remotes = (git.output(["remote"]) ?? "").split(separator: "\n").map(String.init)
        guard remotes.contains(remote) else {
            throw SyncError("no git remote named '\(remote)' (configured: \(remotes.isEmpty ? "none" : remotes.joined(separator: ", ")))")
        }
        self.git = git
        self.remote = remote
    }

    /// The archive refs with their object ids, sorted: `refs/convo/…` and `refs/notes/convo`.
    static func refs(_ git: GitCommand) throws -> [(name: String, id: String)] {
        let result = try git.run(["for-each-ref", "--format=%(refname) %(objectname)", "refs/convo/", "refs/notes/convo"])
        guard result.status == 0 else { throw SyncError("cannot list the archive refs: \(result.lastErrorLine)") }
        return result.output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }.sorted { $0.name < $1.name }
    }

    /// What the refs point at, as one string (the sync state's fingerprint).
    static func fingerprint(_ refs: [(name: String, id: String)]) -> String {
        refs.map { "\($0.name)=\($0.id)" }.joined(separator: ",")
    }

    /// Pushes `refs` (fast-forward only: a diverged remote ref fails the sync with git's reason).
    func push(_ refs: [(name: String, id: String)]) throws -> String {
        guard !refs.isEmpty else { return "no archive refs yet (refs/convo/*, refs/notes/convo): nothing pushed to \(remote)" }
        let result = try git.run(
            ["push", "--no-verify", "--quiet", remote] + refs.map { "\($0.name):\($0.name)" },
            extraEnvironment: [GitRemoteSync.guardVariable: "1"])
        guard result.status == 0 else { throw SyncError("git push to \(remote) failed: \(result.lastErrorLine)") }
        return "pushed \(refs.map(\.name).joined(separator: ", ")) to \(remote)"
    }
}
