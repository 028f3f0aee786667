import HookCore

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
        // The same work as the libgit2-free `convo-hook-pre-commit` the shim prefers.
        if name == .preCommit { return PreCommitHook.run() }
        return HookFailure.failingOpen(name.rawValue) { strict in
            let repository = try Repository.openFromEnvironment(openingIndex: false)
            strict = (try? repository.config().bool("convo.strict")) == true
            Diagnostics.trace("running \(name.rawValue)")
            try dispatch(name, arguments: arguments, repository: repository)
        }
    }

    private static func dispatch(_ name: Name, arguments: [String], repository: Repository) throws {
        switch name {
        case .postCommit:
            try CommitHooks.postCommit(repository: repository)
        case .preCommit, .prepareCommitMsg, .commitMsg:
            // pre-commit ran above; the shim adds and guards the trailers with git itself.
            break
        case .prePush:
            try Syncer(repository: repository).prePush(arguments: arguments)
            break
        }
    }
}
