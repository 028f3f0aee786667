/// Runs the `git` binary on the hook path, where loading libgit2 would cost more than git's own start.
package enum GitCommand {
    /// Runs `git -C folder <arguments>` with git's environment, its relative paths made absolute first.
    package static func run(_ arguments: [String], in folder: String, input: [UInt8]? = nil,
                            environment: [String: String] = ProcessEnvironment.current) throws -> SubprocessResult {
        try start(arguments, in: folder, input: input, environment: environment).wait()
    }

    /// Starts `git -C folder <arguments>` like `run`, without waiting for it.
    package static func start(_ arguments: [String], in folder: String, input: [UInt8]? = nil,
                              environment: [String: String] = ProcessEnvironment.current) throws -> RunningSubprocess {
        guard let git = Subprocess.find("git", environment: environment) else { throw ArchiveError("git is not on PATH") }
        return try Subprocess.start(git, ["-C", folder] + arguments, environment: absolutePaths(environment), input: input)
    }

    /// `-C` would read relative path variables (`GIT_INDEX_FILE=.git/index` in a plain commit) from
    /// `folder` rather than from where git started this process.
    private static func absolutePaths(_ environment: [String: String]) -> [String: String] {
        guard let cwd = FileSystem.currentDirectory() else { return environment }
        var result = environment
        for name in ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"] {
            if let value = result[name], !value.isEmpty, !value.hasPrefix("/") { result[name] = cwd + "/" + value }
        }
        return result
    }
}
