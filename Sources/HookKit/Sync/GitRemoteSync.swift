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
        try GitRemoteSync.checkRemote(remote, git: git)
        self.git = git
        self.remote = remote
    }

    /// Fails unless `remote` is one of the repository's configured remotes.
    static func checkRemote(_ remote: String, git: GitCommand) throws {
        guard !remote.isEmpty, !remote.hasPrefix("-") else { throw SyncError("invalid remote name '\(remote)'") }
        let remotes = (git.output(["remote"]) ?? "").split(separator: "\n").map(String.init)
        guard remotes.contains(remote) else {
            throw SyncError("no git remote named '\(remote)' (configured: \(remotes.isEmpty ? "none" : remotes.joined(separator: ", ")))")
        }
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

    /// Pushes `refs` (fast-forward only). A ref the remote refused (a teammate moved it meanwhile, or
    /// held its lock) throws `PushRejected`, so the caller can merge the remote's side and push again;
    /// any other failure is a `SyncError`.
    func push(_ refs: [(name: String, id: String)]) throws -> String {
        guard !refs.isEmpty else { return "no archive refs yet (refs/convo/*, refs/notes/convo): nothing pushed to \(remote)" }
        let result = try git.run(
            ["push", "--no-verify", "--porcelain", remote] + refs.map { "\($0.name):\($0.name)" },
            extraEnvironment: [GitRemoteSync.guardVariable: "1"])
        // `--porcelain`: one line per ref, `!` <TAB> src:dst <TAB> [rejected] (fetch first) for a refused one.
        let refused = result.output.split(separator: "\n").filter { $0.hasPrefix("!") }
        if result.status != 0, let first = refused.first {
            let fields = first.split(separator: "\t").map(String.init)
            throw PushRejected(remote: remote, reason: fields.dropFirst().joined(separator: " "))
        }
        guard result.status == 0 else { throw SyncError("git push to \(remote) failed: \(result.gitReason)") }
        return "pushed \(refs.map(\.name).joined(separator: ", ")) to \(remote)"
    }
}

/// The remote refused an archive ref: a teammate pushed it in between (or held its lock).
struct PushRejected: Error, CustomStringConvertible {
    let remote: String
    /// `refs/notes/convo:refs/notes/convo [rejected] (fetch first)`.
    let reason: String
    var description: String { "git push to \(remote) failed: \(reason)" }
}
