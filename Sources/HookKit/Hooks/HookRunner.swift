/// The entry point the shims call: `convo-hook hook <name> [args]`.
public enum HookRunner {
    /// The hooks convo-hook knows.
    public enum Name: String, CaseIterable, Sendable {
        case preCommit = "pre-commit"
        case prepareCommitMsg = "prepare-commit-msg"
        case commitMsg = "commit-msg"
        case postCommit = "post-commit"
        case prePush = "pre-push"
    }

    /// Runs one hook. Fails open: any error is one line on stderr and exit status 0, unless
    /// `convo.strict=true`, when the error fails the git command (status 1).
    public static func run(_ name: Name, arguments: [String]) -> Int32 {
        var strict = false
        do {
            let repository = try Repository.openFromEnvironment()
            strict = (try? repository.config().bool("convo.strict")) == true
            Diagnostics.trace("running \(name.rawValue)")
            try dispatch(name, arguments: arguments, repository: repository)
            return 0
        } catch {
            Diagnostics.error("\(name.rawValue) hook: \(error)\(strict ? "" : " (commit goes on; convo.strict=true makes this fatal)")")
            return strict ? 1 : 0
        }
    }

    private static func dispatch(_ name: Name, arguments: [String], repository: Repository) throws {
        switch name {
        case .preCommit:
            try CommitHooks.preCommit(repository: repository)
        case .postCommit:
            try CommitHooks.postCommit(repository: repository)
        case .prepareCommitMsg, .commitMsg:
            // The shim adds and guards the trailers with git itself, from what pre-commit wrote.
            break
        case .prePush:
            try Syncer(repository: repository).prePush(arguments: arguments)
            break
        }
    }
}
