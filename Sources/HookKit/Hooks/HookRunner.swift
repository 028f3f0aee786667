import HookCore
import SourceStores

/// The entry point the shims fall back to when `convo-hook-hook` is not installed, and that
/// `pre-push` uses: `convo-hook hook <name> [args]`.
public enum HookRunner {
    /// The hooks convo-hook knows.
    public enum Name: String, CaseIterable, Sendable {
        case preCommit = "pre-commit"
        case prepareCommitMsg = "prepare-commit-msg"
        case commitMsg = "commit-msg"
        case postCommit = "post-commit"
        case prePush = "pre-push"
    }

    /// The hook named by `name`, which may be the shim's path or file name (`pre-commit.legacy`).
    public static func name(_ name: String) -> Name? {
        Name(rawValue: name) ?? CommitHooks.hookName(invokedAs: name).flatMap(Name.init(rawValue:))
    }

    /// Runs one hook. Fails open: any error is one line on stderr and exit status 0, unless
    /// `convo.strict=true`, when the error fails the git command (status 1).
    public static func run(_ name: Name, arguments: [String]) -> Int32 {
        SourceStores.install()
        if let commitHook = CommitHooks.Name(rawValue: name.rawValue) {
            // The same work as the libgit2-free `convo-hook-hook` the shims prefer.
            return CommitHooks.run(commitHook, arguments: arguments)
        }
        return HookFailure.failingOpen(name.rawValue) { strict in
            let repository = try Repository.openFromEnvironment(openingIndex: false)
            strict = (try? repository.config().bool("convo.strict")) == true
            Diagnostics.trace("running \(name.rawValue)")
            try Syncer(repository: repository).prePush(arguments: arguments)
        }
    }
}
