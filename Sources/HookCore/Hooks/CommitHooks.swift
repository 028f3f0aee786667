/// The commit hooks convo-hook runs without libgit2 (the `convo-hook-hook` helper, and `convo-hook hook`).
package enum CommitHooks {
    package enum Name: String, CaseIterable, Sendable {
        case preCommit = "pre-commit"
        case prepareCommitMsg = "prepare-commit-msg"
        case commitMsg = "commit-msg"
        case postCommit = "post-commit"
    }

    /// Runs one hook; returns its exit status.
    package static func run(_ name: Name, arguments: [String], environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        switch name {
        case .preCommit: return PreCommitHook.run(environment: environment)
        case .prepareCommitMsg: return MessageHooks.prepare(arguments: arguments, environment: environment)
        case .commitMsg: return MessageHooks.commitMsg(arguments: arguments, environment: environment)
        case .postCommit: return PostCommitHook.run(environment: environment)
        }
    }

    /// The hook a shim runs as: its file name when that starts with a hook's name (`pre-commit`,
    /// `pre-commit.legacy` as the pre-commit framework renames it, `pre-commit.old` as lefthook does…),
    /// else the name of the hook file git itself ran.
    package static func hookName(invokedAs path: String) -> String? {
        if let name = knownName(path) { return name }
        guard let invoked = GitProcess.hookInvokedByGit() else { return nil }
        // `sh <hook>` or `<hook>`: the first argument that names a hook.
        return invoked.prefix(3).lazy.compactMap(knownName).first
    }

    private static let allNames = Name.allCases.map(\.rawValue) + ["pre-push"]

    private static func knownName(_ path: String) -> String? {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return allNames.first { file == $0 || file.hasPrefix($0 + ".") || file.hasPrefix($0 + "~") }
    }
}
