import CGit2
import Glibc
import HookCore

/// Process-wide libgit2 initialization: done once, lazily, by the first type that needs libgit2.
/// Never shut down: the process ends soon after, and a shutdown would race other handles' `deinit`.
enum Libgit2 {
    private static let initialized: Bool = {
        git_libgit2_init()
        // git skips /etc/gitconfig under GIT_CONFIG_NOSYSTEM; libgit2 1.5 does not look at it by itself.
        if getenv("GIT_CONFIG_NOSYSTEM").map({ String(cString: $0) }).map(isTrue) == true {
            cgit2_set_config_search_path(GIT_CONFIG_LEVEL_SYSTEM, "")
        }
        return true
    }()

    /// Call before any libgit2 function; cheap after the first call.
    static func initialize() {
        _ = initialized
    }

    /// Makes libgit2 read global, XDG and system config only from `directory` (tests use an empty folder).
    static func restrictConfigSearch(to directory: String) {
        initialize()
        for level in [GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM] {
            cgit2_set_config_search_path(level, directory)
        }
    }

    private static func isTrue(_ value: String) -> Bool {
        ["1", "true", "yes", "on"].contains(value.lowercased())
    }
}
