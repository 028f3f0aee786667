import HookCore

/// Where `convo-hook sync` sends the archive.
public enum SyncTarget: Sendable, Equatable, CustomStringConvertible {
    /// A git remote of this repository: the archive refs are pushed to it.
    case gitRemote(String)
    /// A local folder (Dropbox style): files are mirrored into `<folder>/<repo-name>/`.
    case folder(String)
    /// An rclone destination `remote:path`: files are copied into `remote:path/<repo-name>/`.
    case rclone(String)

    /// Reads a `--to` value: `name:path` with a plain rclone remote name is rclone; anything else
    /// (absolute, `./`, `~/`, or without a colon) is a folder, relative to `currentDirectory`.
    public static func parse(to value: String, currentDirectory: String, home: String?) throws(SyncError) -> SyncTarget {
        guard !value.isEmpty, !value.hasPrefix("-") else { throw SyncError("invalid sync target '\(value)'") }
        if value.hasPrefix("~/"), let home { return .folder(Markdown.normalize(home + value.dropFirst(1))) }
        if value.hasPrefix("/") { return .folder(Markdown.normalize(value)) }
        if let colon = value.firstIndex(of: ":"), !value.hasPrefix(".") {
            let name = value[..<colon]
            let valid = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-. ".contains($0)) }
            guard valid else { throw SyncError("'\(value)' is neither a folder nor an rclone remote:path (remote names are letters, digits, '_', '-', '.', ' ')") }
            return .rclone(value)
        }
        return .folder(Markdown.normalize(currentDirectory + "/" + value))
    }

    /// The key of this target in `sync.json`.
    var key: String {
        switch self {
        case .gitRemote(let name): return "git:" + name
        case .folder(let path): return "folder:" + path
        case .rclone(let destination): return "rclone:" + destination
        }
    }

    init?(key: String) {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let value = String(key[key.index(after: colon)...])
        switch key[..<colon] {
        case "git": self = .gitRemote(value)
        case "folder": self = .folder(value)
        case "rclone": self = .rclone(value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .gitRemote(let name): return "git remote \(name)"
        case .folder(let path): return "folder \(path)"
        case .rclone(let destination): return "rclone \(destination)"
        }
    }
}

/// A sync that cannot be done (or was stopped), with a one-line reason.
public struct SyncError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
