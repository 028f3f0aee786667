import CGit2
import HookCore

/// A git configuration (all levels merged for reads; writes go to the repository's own `.git/config`).
public final class Config {
    let pointer: OpaquePointer
    private let owner: AnyObject?

    init(_ pointer: OpaquePointer, owner: AnyObject?) {
        self.pointer = pointer
        self.owner = owner
    }

    deinit { git_config_free(pointer) }

    /// The last value of `name`, nil when unset.
    public func string(_ name: String) throws(GitError) -> String? {
        try readBuffer { (buf: UnsafeMutablePointer<git_buf>) in git_config_get_string_buf(buf, pointer, name) }
    }

    /// Like `string`, with `~/` expanded the way git expands path values.
    public func path(_ name: String) throws(GitError) -> String? {
        try readBuffer { (buf: UnsafeMutablePointer<git_buf>) in git_config_get_path(buf, pointer, name) }
    }

    /// A boolean in any of git's spellings (`true`, `yes`, `on`, `1`, …); nil when unset.
    public func bool(_ name: String) throws(GitError) -> Bool? {
        var value: Int32 = 0
        let rc = git_config_get_bool(&value, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_config_get_bool")
        return value != 0
    }

    /// An integer with git's `k`/`m`/`g` suffixes; nil when unset.
    public func int(_ name: String) throws(GitError) -> Int64? {
        var value: Int64 = 0
        let rc = git_config_get_int64(&value, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_config_get_int64")
        return value
    }

    /// Every value of a multi-valued key, in file order.
    public func values(_ name: String) throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try check(git_config_multivar_iterator_new(&iterator, pointer, name, nil), "git_config_multivar_iterator_new")
        return try collect(iterator!).map(\.value)
    }

    /// Every `(name, value)` whose name matches the regular expression, e.g. `^convo\.`.
    public func entries(matching regex: String) throws(GitError) -> [(name: String, value: String)] {
        var iterator: OpaquePointer?
        try check(git_config_iterator_glob_new(&iterator, pointer, regex), "git_config_iterator_glob_new")
        return try collect(iterator!)
    }

    /// The repository-local level (`.git/config`), where convo-hook writes its settings.
    public func localLevel() throws(GitError) -> Config {
        var raw: OpaquePointer?
        try check(git_config_open_level(&raw, pointer, GIT_CONFIG_LEVEL_LOCAL), "git_config_open_level")
        return Config(raw!, owner: self)
    }

    /// Sets a single-valued key at this level.
    public func set(_ name: String, to value: String) throws(GitError) {
        try check(git_config_set_string(pointer, name, value), "git_config_set_string")
    }

    /// Adds one more value to a multi-valued key at this level.
    public func add(_ name: String, value: String) throws(GitError) {
        // A regex that matches nothing makes libgit2 append instead of replace.
        try check(git_config_set_multivar(pointer, name, "^$a", value), "git_config_set_multivar")
    }

    /// Removes every value of `name` at this level; nothing happens when it is unset.
    public func remove(_ name: String) throws(GitError) {
        let rc = git_config_delete_multivar(pointer, name, ".*")
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return
        }
        try check(rc, "git_config_delete_multivar")
    }

    private func readBuffer(_ body: (UnsafeMutablePointer<git_buf>) -> Int32) throws(GitError) -> String? {
        var buf = git_buf()
        defer { git_buf_dispose(&buf) }
        let rc = body(&buf)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_config_get")
        return buf.ptr.map { String(cString: $0) } ?? ""
    }

    private func collect(_ iterator: OpaquePointer) throws(GitError) -> [(name: String, value: String)] {
        defer { git_config_iterator_free(iterator) }
        var result: [(name: String, value: String)] = []
        var entry: UnsafeMutablePointer<git_config_entry>?
        while true {
            let rc = git_config_next(&entry, iterator)
            if rc == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try check(rc, "git_config_next")
            guard let e = entry?.pointee else { continue }
            result.append((String(cString: e.name), e.value.map { String(cString: $0) } ?? ""))
        }
        return result
    }
}
