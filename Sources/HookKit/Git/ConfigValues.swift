import CGit2
import HookCore

extension Config {
    /// Removes the values of a multi-valued key that equal `value` exactly, leaving the others;
    /// nothing happens when there is none.
    public func remove(_ name: String, value: String) throws(GitError) {
        let rc = git_config_delete_multivar(pointer, name, "^" + Config.escapeRegex(value) + "$")
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return
        }
        try check(rc, "git_config_delete_multivar")
    }

    /// `value` as a POSIX extended regular expression that matches only itself.
    static func escapeRegex(_ value: String) -> String {
        var out = ""
        for character in value {
            if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
