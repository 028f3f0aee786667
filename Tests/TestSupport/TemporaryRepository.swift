import Foundation

/// A throw-away git repository in its own temporary HOME, driven with the real `git` binary.
/// Nothing outside its folder is read or written: HOME, XDG and git's global config point inside it.
public final class TemporaryRepository {
    /// The temporary folder holding `home/` and `repo/`.
    public let root: String
    /// The repository's worktree root.
    public let path: String
    /// The fake HOME.
    public let home: String
    /// The environment every command runs with; tests may change it.
    public var environment: [String: String]

    public init(initialize: Bool = true) throws {
        // A space in the path keeps every quoting mistake in the shims visible.
        var template = Array((FileManager.default.temporaryDirectory.path + "/convo hook-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        root = URL(fileURLWithPath: String(cString: made)).resolvingSymlinksInPath().path
        home = root + "/home"
        path = root + "/repo"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let gitConfig = home + "/.gitconfig"
        try "[user]\n\tname = Test User\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n".write(toFile: gitConfig, atomically: true, encoding: .utf8)
        environment = [
            "HOME": home,
            "PATH": Products.directory + ":/usr/local/bin:/usr/bin:/bin",
            "GIT_CONFIG_GLOBAL": gitConfig,
            "GIT_CONFIG_NOSYSTEM": "1",
            "XDG_CONFIG_HOME": home + "/.config",
            "CLAUDE_CONFIG_DIR": home + "/.claude",
            "CODEX_HOME": home + "/.codex",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
        ]
        if initialize { try git("init", "-q") }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Runs git in the repository (or `directory`) and returns its result, whatever the status.
    @discardableResult
    public func git(_ arguments: String..., in directory: String? = nil, input: String? = nil) throws -> ProcessResult {
        try Shell.run(["git"] + arguments, in: directory ?? path, environment: environment, input: input)
    }

    /// Runs git with an argument array.
    @discardableResult
    public func git(_ arguments: [String], in directory: String? = nil, input: String? = nil) throws -> ProcessResult {
        try Shell.run(["git"] + arguments, in: directory ?? path, environment: environment, input: input)
    }

    /// Runs git and fails the test run with its stderr when it fails.
    @discardableResult
    public func gitOK(_ arguments: String..., in directory: String? = nil) throws -> String {
        let result = try Shell.run(["git"] + arguments, in: directory ?? path, environment: environment)
        guard result.status == 0 else { throw CommandFailed(command: "git " + arguments.joined(separator: " "), result: result) }
        return result.stdout
    }

    /// A first commit (README) and `convo-hook install`: the starting point of most hook tests.
    public func commitBaseAndInstall() throws {
        try write("README", "hello\n")
        try gitOK("add", "README")
        try gitOK("commit", "-qm", "base")
        let install = try convoHook("install")
        guard install.status == 0 else { throw CommandFailed(command: "convo-hook install", result: install) }
    }

    /// Runs the built convo-hook.
    @discardableResult
    public func convoHook(_ arguments: String..., in directory: String? = nil, input: String? = nil) throws -> ProcessResult {
        try Shell.run([Products.convoHook] + arguments, in: directory ?? path, environment: environment, input: input)
    }

    /// Runs the built convo-hook with an argument array.
    @discardableResult
    public func convoHook(_ arguments: [String], in directory: String? = nil, input: String? = nil) throws -> ProcessResult {
        try Shell.run([Products.convoHook] + arguments, in: directory ?? path, environment: environment, input: input)
    }

    /// Writes a file below the worktree (or an absolute path), creating folders, with a mode.
    public func write(_ relativePath: String, _ contents: String, mode: Int = 0o644) throws {
        let full = relativePath.hasPrefix("/") ? relativePath : path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: full, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    }

    /// Every file below `directory` (recursively) with its bytes and permission bits; for byte-for-byte comparisons.
    public func snapshot(of directory: String) throws -> [String: FileSnapshot] {
        var result: [String: FileSnapshot] = [:]
        guard FileManager.default.fileExists(atPath: directory) else { return result }
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let full = directory + "/" + relative
            let attributes = try FileManager.default.attributesOfItem(atPath: full)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            let isDirectory = (attributes[.type] as? FileAttributeType) == .typeDirectory
            result[relative] = FileSnapshot(mode: mode, contents: isDirectory ? nil : FileManager.default.contents(atPath: full))
        }
        return result
    }

    /// What the pre-commit shim stats: the `set -- …` of `.git/convo-hook/watch`, or `watch.list` for a long list.
    public func watchedPaths() throws -> [String] {
        let state = path + "/.git/convo-hook"
        if let list = FileManager.default.contents(atPath: state + "/watch.list"),
            try String(contentsOfFile: state + "/watch", encoding: .utf8).contains("--many")
        {
            return String(decoding: list, as: UTF8.self).split(separator: "\0").map(String.init)
        }
        let out = try Shell.run(["sh", "-c", ". .git/convo-hook/watch; for p do echo \"$p\"; done"], in: path, environment: environment).stdout
        return out.split(separator: "\n").map(String.init)
    }

    /// Dates everything the shim stats in the past, as if the last commit happened a while ago: the next
    /// commit takes the shim's fast path unless a transcript is written after this.
    public func ageWatchedFiles() throws {
        for watched in try watchedPaths() where FileManager.default.fileExists(atPath: watched) {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-30)], ofItemAtPath: watched)
        }
    }
}

/// One file's permission bits and bytes (nil for a folder).
public struct FileSnapshot: Equatable, Sendable {
    public var mode: Int
    public var contents: Data?
}

/// A command that was expected to succeed and did not.
public struct CommandFailed: Error, CustomStringConvertible {
    public var command: String
    public var result: ProcessResult
    public var description: String { "\(command) exited \(result.status): \(result.stderr)" }
}
