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

    /// The file name of the one shim template, written under each hook's name.
    public static let templateName = "convo-hook-shim"

    /// Finds the shim template shipped with this binary: `$CONVO_HOOK_SHIMS/convo-hook-shim`, beside an
    /// installed binary (`<prefix>/bin`, where it also serves tracked hooks), in `<prefix>/share/convo-hook/hooks`,
    /// or in the package's top-level `hooks/` for a development build.
    public static func shimTemplate(environment: [String: String]) throws(InstallError) -> [UInt8] {
        var candidates: [String] = []
        if let explicit = environment["CONVO_HOOK_SHIMS"] { candidates.append(explicit) }
        if let exe = executablePath() {
            var dir = FileSystem.parent(of: exe)
            candidates.append(dir)
            for _ in 0..<5 {
                candidates.append(dir + "/share/convo-hook/hooks")
                candidates.append(dir + "/hooks")
                dir = FileSystem.parent(of: dir)
            }
        }
        for dir in candidates {
            if let bytes = FileSystem.read(dir + "/" + templateName), isShim(bytes) { return bytes }
        }
        throw InstallError(
            "cannot find the hook shim \(templateName) (looked beside the binary and in share/convo-hook/hooks); reinstall with ./install.sh or set CONVO_HOOK_SHIMS")
    }

    /// The version a shim carries (`# convo-hook shim <n>:`), nil when it is not a shim.
    static func version(_ bytes: [UInt8]) -> Int? {
        guard isShim(bytes) else { return nil }
        let line = String(decoding: bytes.prefix(256).split(separator: UInt8(ascii: "\n"), maxSplits: 2)[1], as: UTF8.self)
        return Int(line.dropFirst(marker.count).prefix { $0 != ":" }.trimmingCharacters(in: " "))
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
