import Glibc
import HookCore

/// The git hooks convo-hook installs, and how to recognize its shims.
public enum ManagedHooks {
    /// Hook names in the order git runs them during a commit, then push.
    public static let names = ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push"]

    /// Appended to a hook's path to keep the hook that was there before install.
    public static let chainedSuffix = ".convo-chained"

    /// The second line of every shim (any version).
    static let marker = "# convo-hook shim"

    /// True when the file at `path` is a convo-hook shim of any version.
    public static func isShim(_ path: String) -> Bool {
        guard let bytes = FileSystem.read(path) else { return false }
        return isShim(bytes)
    }

    static func isShim(_ bytes: [UInt8]) -> Bool {
        let lines = bytes.prefix(256).split(separator: UInt8(ascii: "\n"), maxSplits: 2)
        return lines.count > 1 && String(decoding: lines[1], as: UTF8.self).hasPrefix(marker)
    }

    /// Finds the shim files shipped with this binary: `$CONVO_HOOK_SHIMS`, `<prefix>/share/convo-hook/hooks`
    /// beside an installed binary, or the package's top-level `hooks/` for a development build.
    public static func shimDirectory(environment: [String: String]) throws(InstallError) -> String {
        var candidates: [String] = []
        if let explicit = environment["CONVO_HOOK_SHIMS"] { candidates.append(explicit) }
        if let exe = executablePath() {
            var dir = FileSystem.parent(of: exe)
            for _ in 0..<5 {
                candidates.append(dir + "/share/convo-hook/hooks")
                candidates.append(dir + "/hooks")
                dir = FileSystem.parent(of: dir)
            }
        }
        for dir in candidates where names.allSatisfy({ isShim(dir + "/" + $0) }) {
            return dir
        }
        throw InstallError("cannot find the hook shims (looked for share/convo-hook/hooks beside the binary); reinstall with ./install.sh or set CONVO_HOOK_SHIMS")
    }

    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An install/uninstall step that cannot be done, with a one-line reason.
public struct InstallError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
