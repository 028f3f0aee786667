import Glibc

/// The git process a hook runs for: the nearest ancestor named `git`. git runs a hook itself, but hook
/// managers (the pre-commit framework, lefthook, husky) may stand in between, so the parent alone is
/// not enough to tell which commit a follow-up hook belongs to.
package struct GitProcess: Equatable, Sendable {
    package var pid: Int32
    /// git's own arguments (`git commit --amend -m …`), from `/proc`.
    package var arguments: [String]

    /// The nearest `git` ancestor of this process; nil when there is none (or no `/proc`).
    package static func current() -> GitProcess? {
        var pid = getppid()
        for _ in 0..<16 where pid > 1 {
            if name(of: pid) == "git" { return GitProcess(pid: pid, arguments: arguments(of: pid)) }
            guard let parent = parent(of: pid) else { return nil }
            pid = parent
        }
        return nil
    }

    /// The process that git started to run the hook, and its arguments (`argv[0]` names the hook file
    /// git ran). Used when a shim was renamed to something that no longer names its hook.
    package static func hookInvokedByGit() -> [String]? {
        var pid = getpid()
        for _ in 0..<16 where pid > 1 {
            guard let parent = parent(of: pid) else { return nil }
            if name(of: parent) == "git" { return arguments(of: pid) }
            pid = parent
        }
        return nil
    }

    /// True when this is `git commit --amend` (after expanding a `git <alias>` that stands for it).
    package func isAmending(aliases: (String) -> String?) -> Bool {
        var args = Array(arguments.dropFirst())
        // Global options before the command (`git -c k=v commit`).
        while let first = args.first, first.hasPrefix("-") {
            args.removeFirst()
            if ["-c", "-C", "--git-dir", "--work-tree", "--namespace"].contains(first), !args.isEmpty { args.removeFirst() }
        }
        guard let command = args.first else { return false }
        if command != "commit", let expansion = aliases(command) {
            let words = expansion.split(separator: " ").map(String.init)
            guard words.first == "commit" else { return false }
            args = words + args.dropFirst()
        } else if command != "commit" {
            return false
        }
        for arg in args.dropFirst() {
            if arg == "--" { break }
            if arg == "--amend" { return true }
            if arg == "--no-amend" { return false }
        }
        return false
    }

    /// The process's name (`/proc/<pid>/comm`), nil when it is gone.
    package static func name(of pid: Int32) -> String? {
        guard let bytes = HeadReader.read("/proc/\(pid)/comm", cap: 256) else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: "\n")
    }

    private static func parent(of pid: Int32) -> Int32? {
        // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last `)`.
        guard let bytes = HeadReader.read("/proc/\(pid)/stat", cap: 4096), let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count >= 2 else { return nil }
        return Int32(String(decoding: fields[1], as: UTF8.self))
    }

    private static func arguments(of pid: Int32) -> [String] {
        guard let bytes = HeadReader.read("/proc/\(pid)/cmdline", cap: 1 << 20) else { return [] }
        return bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast(bytes.last == 0 ? 1 : 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
