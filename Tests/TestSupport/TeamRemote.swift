import Foundation

/// A bare repository standing in for the team's server, and clones of it: each clone is a
/// `TemporaryRepository` in its own temporary folder with its own HOME, Claude and Codex folders
/// and git identity, as on teammates' machines. Everything is local paths; no network.
public final class TeamRemote {
    /// Owns the temporary folder the bare repository lives in.
    private let holder: TemporaryRepository
    /// The bare repository's path (the clones' `origin`).
    public let url: String

    public init() throws {
        holder = try TemporaryRepository(initialize: false)
        url = holder.root + "/remote.git"
        try holder.gitOK("init", "-q", "--bare", "--initial-branch=main", url)
    }

    /// Clones the remote for a teammate called `name` (also their git identity).
    public func clone(as name: String) throws -> TemporaryRepository {
        let repo = try TemporaryRepository(initialize: false)
        try repo.gitOK("clone", "-q", url, repo.path, in: repo.root)
        try repo.gitOK("config", "user.name", name)
        try repo.gitOK("config", "user.email", name.lowercased() + "@example.com")
        return repo
    }

    /// The refs of the bare repository, sorted.
    public func refs() throws -> [String] {
        try holder.gitOK("--git-dir=\(url)", "for-each-ref", "--format=%(refname)").split(separator: "\n").map(String.init)
    }

    /// Runs git in the bare repository.
    public func git(_ arguments: String...) throws -> String {
        try holder.gitOK(["--git-dir=\(url)"] + arguments)
    }
}

extension TemporaryRepository {
    /// Runs git with an argument array and fails with its stderr when it fails.
    @discardableResult
    public func gitOK(_ arguments: [String], in directory: String? = nil) throws -> String {
        let result = try Shell.run(["git"] + arguments, in: directory ?? path, environment: environment)
        guard result.status == 0 else { throw CommandFailed(command: "git " + arguments.joined(separator: " "), result: result) }
        return result.stdout
    }
}
