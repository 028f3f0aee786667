import CGit2
import Glibc
import HookCore

/// An open git repository. Owns its libgit2 handle; everything read from it keeps it alive.
public final class Repository {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { git_repository_free(pointer) }

    /// Opens the repository the way git itself would for a hook or a command run here:
    /// `GIT_DIR`, `GIT_INDEX_FILE`, `GIT_CEILING_DIRECTORIES`, … are honored, otherwise it is
    /// discovered from the current directory upwards (linked worktrees included).
    /// `openingIndex: false` leaves `GIT_INDEX_FILE` alone, for hooks that need no index: libgit2 1.5
    /// cannot read the split and sparse indexes git itself handles.
    public static func openFromEnvironment(openingIndex: Bool = true) throws(GitError) -> Repository {
        Libgit2.initialize()
        var env = ProcessEnvironment.current
        if !openingIndex { env["GIT_INDEX_FILE"] = nil }
        if env["GIT_WORK_TREE"] != nil || env["GIT_COMMON_DIR"] != nil {
            return try openWithExplicitWorkTree(env)
        }
        let indexFile = getenv("GIT_INDEX_FILE").map { String(cString: $0) }
        if !openingIndex, indexFile != nil { unsetenv("GIT_INDEX_FILE") }
        defer { if !openingIndex, let indexFile { setenv("GIT_INDEX_FILE", indexFile, 1) } }
        var raw: OpaquePointer?
        try check(git_repository_open_ext(&raw, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil), "git_repository_open_ext")
        return Repository(raw!)
    }

    /// Opens the repository that contains `path` (searching upwards), ignoring git's environment variables.
    public static func discover(from path: String) throws(GitError) -> Repository {
        Libgit2.initialize()
        var raw: OpaquePointer?
        try check(git_repository_open_ext(&raw, path, 0, nil), "git_repository_open_ext")
        return Repository(raw!)
    }

    /// libgit2 1.5 refuses `GIT_WORK_TREE`/`GIT_COMMON_DIR` with FROM_ENV; open the git dir and apply them by hand.
    private static func openWithExplicitWorkTree(_ env: [String: String]) throws(GitError) -> Repository {
        var raw: OpaquePointer?
        let start = env["GIT_DIR"] ?? "."
        let flags = env["GIT_DIR"] == nil ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
        try check(git_repository_open_ext(&raw, start, flags, nil), "git_repository_open_ext")
        let repo = Repository(raw!)
        if let workTree = env["GIT_WORK_TREE"] {
            try check(git_repository_set_workdir(repo.pointer, workTree, 0), "git_repository_set_workdir")
        }
        if let indexFile = env["GIT_INDEX_FILE"] {
            let index = try Index(openingFileAt: indexFile)
            try check(git_repository_set_index(repo.pointer, index.pointer), "git_repository_set_index")
        }
        return repo
    }

    /// The git dir of this worktree (`.git`, or `.git/worktrees/<name>` for a linked worktree), no trailing slash.
    public var gitDir: String { Repository.stripSlash(String(cString: git_repository_path(pointer))) }

    /// The git dir shared by all worktrees (holds objects, refs, config, hooks).
    public var commonDir: String { Repository.stripSlash(String(cString: git_repository_commondir(pointer))) }

    /// The worktree root, nil for a bare repository.
    public var workdir: String? {
        git_repository_workdir(pointer).map { Repository.stripSlash(String(cString: $0)) }
    }

    /// True when this is a linked worktree (`git worktree add`).
    public var isWorktree: Bool { git_repository_is_worktree(pointer) == 1 }

    /// True for a repository without a worktree.
    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// What git is in the middle of, if anything (merge, rebase, cherry-pick, …).
    public var pendingOperation: PendingOperation? {
        PendingOperation(state: git_repository_state(pointer))
    }

    /// The configuration as git sees it from this repository (all levels).
    public func config() throws(GitError) -> Config {
        var raw: OpaquePointer?
        try check(git_repository_config(&raw, pointer), "git_repository_config")
        return Config(raw!, owner: self)
    }

    /// The folder git runs hooks from: `core.hooksPath` (relative paths are taken from the worktree
    /// root, or the git dir when bare; `~/` expanded), else `<common dir>/hooks`.
    public func hooksDirectory() throws(GitError) -> String {
        guard var configured = try config().string("core.hooksPath"), !configured.isEmpty else {
            return commonDir + "/hooks"
        }
        // git expands `~/` from $HOME (libgit2's own expansion uses its config search path instead).
        if configured.hasPrefix("~/"), let home = ProcessEnvironment.current["HOME"] {
            configured = home + configured.dropFirst(1)
        }
        if configured.hasPrefix("/") { return Repository.stripSlash(configured) }
        let base = workdir ?? gitDir
        return Repository.stripSlash(base + "/" + configured)
    }

    /// The index git is using: `$GIT_INDEX_FILE` when the repository was opened from the environment, else `<git dir>/index`.
    public func index() throws(GitError) -> Index {
        var raw: OpaquePointer?
        try check(git_repository_index(&raw, pointer), "git_repository_index")
        return Index(raw!, owner: self)
    }

    /// Opens the index file at `path` and attaches it to this repository, so blobs added to it land in this object store.
    public func openIndex(at path: String) throws(GitError) -> Index {
        let index = try Index(openingFileAt: path)
        index.owner = self
        try check(git_repository_set_index(pointer, index.pointer), "git_repository_set_index")
        return index
    }

    static func stripSlash(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.last == "/" { p = p.dropLast() }
        return String(p)
    }
}

/// An operation git has in progress; commands that move HEAD refuse to run during one.
public enum PendingOperation: String, Sendable {
    case merge, revert
    case cherryPick = "cherry-pick"
    case bisect, rebase
    case applyMailbox = "am"

    init?(state: Int32) {
        switch UInt32(bitPattern: state) {
        case GIT_REPOSITORY_STATE_NONE.rawValue: return nil
        case GIT_REPOSITORY_STATE_MERGE.rawValue: self = .merge
        case GIT_REPOSITORY_STATE_REVERT.rawValue, GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue: self = .revert
        case GIT_REPOSITORY_STATE_CHERRYPICK.rawValue, GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue: self = .cherryPick
        case GIT_REPOSITORY_STATE_BISECT.rawValue: self = .bisect
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX.rawValue: self = .applyMailbox
        default: self = .rebase
        }
    }
}
