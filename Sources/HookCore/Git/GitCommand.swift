/// The `git` binary, run in one worktree with the user's environment (credentials, config). On the
/// hook path it stands in for libgit2, whose loading alone costs more than git's own start.
public struct GitCommand: Sendable {
    public let executable: String
    public let directory: String
    public let environment: [String: String]

    /// Finds `git` on `PATH`; a one-line error when it is missing.
    public init(directory: String, environment: [String: String] = ProcessEnvironment.current) throws(SubprocessError) {
        guard let git = Subprocess.find("git", environment: environment) else {
            throw SubprocessError("git is not on PATH")
        }
        executable = git
        self.directory = directory
        self.environment = GitCommand.absolutePaths(environment)
    }

    /// Runs git and returns its result whatever the status.
    public func run(_ arguments: [String], input: [UInt8]? = nil, extraEnvironment: [String: String] = [:]) throws(SubprocessError) -> SubprocessResult {
        try start(arguments, input: input, extraEnvironment: extraEnvironment).wait()
    }

    /// Starts git like `run`, without waiting for it.
    public func start(_ arguments: [String], input: [UInt8]? = nil, extraEnvironment: [String: String] = [:]) throws(SubprocessError) -> RunningSubprocess {
        try Subprocess.start(executable, ["-C", directory] + arguments, environment: environment.merging(extraEnvironment) { $1 }, input: input)
    }

    /// Standard output of a successful run, nil when git fails.
    public func output(_ arguments: [String]) -> String? {
        guard let result = try? run(arguments), result.status == 0 else { return nil }
        return result.output
    }

    /// `-C` would read relative path variables (`GIT_INDEX_FILE=.git/index` in a plain commit's hooks)
    /// from `directory` rather than from where git started this process.
    private static func absolutePaths(_ environment: [String: String]) -> [String: String] {
        guard let cwd = FileSystem.currentDirectory() else { return environment }
        var result = environment
        for name in ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"] {
            if let value = result[name], !value.isEmpty, !value.hasPrefix("/") { result[name] = cwd + "/" + value }
        }
        return result
    }
}

extension Array where Element == String {
    /// The strings as git reads them with `-z`/`--pathspec-file-nul`: each followed by a NUL byte.
    package var nulTerminated: [UInt8] {
        var bytes: [UInt8] = []
        for string in self { bytes += [UInt8](string.utf8) + [0] }
        return bytes
    }
}
