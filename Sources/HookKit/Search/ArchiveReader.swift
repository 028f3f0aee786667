import HookCore

/// A part file as an archive reader sees it.
public struct SearchablePart: Sendable, Equatable {
    /// Path relative to the archive root, e.g. `claude/20250601-100000-abc/0001.jsonl`.
    public var path: String
    public var size: UInt64
    /// Changes whenever the bytes may have changed (file: mtime; git tree: blob id).
    public var version: String
}

/// A session folder and its part files.
public struct SearchableSession: Sendable, Equatable {
    /// Folder relative to the archive root, e.g. `claude/20250601-100000-abc` (or `repo/claude/…` in a mirror).
    public var folder: String
    /// The source folder name (`claude`, `codex`, `aider`, …).
    public var source: String
    public var parts: [SearchablePart]
    /// Changes whenever `meta.json` may have changed; empty when there is none.
    public var metaVersion: String
}

/// Where search reads archived conversations from. The folder reader serves the worktree archive and
/// `sync --to DIR` mirrors; a reader over the tree of `refs/convo/archive` plugs in the same way.
public protocol ArchiveReader {
    /// Every session folder with its part files.
    func sessions() throws -> [SearchableSession]
    /// The bytes of a session's `meta.json`, nil when missing.
    func meta(of session: SearchableSession) -> [UInt8]?
    /// Calls `body` with each complete line of `part` from byte `offset`; returns the offset after the last one.
    func readLines(of part: SearchablePart, from offset: UInt64, _ body: (ArraySlice<UInt8>) throws -> Void) throws -> UInt64
    /// The repository path of an archive-relative path, for finding the commits that carry it; nil outside a repository.
    func repositoryPath(of archivePath: String) -> String?
    /// A cheap summary that changes whenever the archive may have changed (nil: always list it).
    /// Listing thousands of session folders costs a `stat` each; this lets a search skip it.
    func fingerprint() -> String?
}

/// Reads an archive from a folder: every folder below `root` that holds `meta.json` (or is named
/// `YYYYMMDD-HHMMSS-<id>`) is a session; its `.jsonl`, `.md` and `.txt` files, subfolders included, are its parts.
public struct FolderArchiveReader: ArchiveReader {
    public let root: String
    /// The archive folder relative to the repository root (`convo.dir`), nil for a mirror folder.
    public let repositoryPrefix: String?
    /// How deep below `root` session folders are looked for (a mirror holds `<repo>/<source>/<session>`).
    public var maxDepth = 6

    /// Files whose change means the archive may have changed, besides the archive's own folders
    /// (in a repository: the capture state, git's index and HEAD's ref).
    public var watchedFiles: [String] = []
    /// Extra text mixed into the fingerprint (e.g. the commit HEAD resolves to); nil disables fingerprints.
    public var fingerprintSalt: (() -> String?)?

    public init(root: String, repositoryPrefix: String?) {
        self.root = root
        self.repositoryPrefix = repositoryPrefix
    }

    /// The times of the watched files, of the archive folder and of its source folders, and the salt.
    /// convo-hook writes part files atomically (rename), and git replaces files when it checks them
    /// out, so a new or grown part changes a folder time, the capture state or git's index.
    public func fingerprint() -> String? {
        guard let fingerprintSalt, let salt = fingerprintSalt() else { return nil }
        var parts = [salt]
        for path in watchedFiles { parts.append(FileProbe.info(path).map(FolderArchiveReader.version) ?? "-") }
        parts.append(FileProbe.info(root).map(FolderArchiveReader.version) ?? "-")
        for entry in FileProbe.list(root).sorted(by: { $0.name < $1.name }) where entry.kind == .directory {
            parts.append(entry.name + "=" + (FileProbe.info(root + "/" + entry.name).map(FolderArchiveReader.version) ?? "-"))
        }
        return parts.joined(separator: "|")
    }

    public func sessions() throws -> [SearchableSession] {
        guard FileProbe.info(root)?.kind == .directory else { return [] }
        var found: [SearchableSession] = []
        walk(relative: "", depth: 0, into: &found)
        return found
    }

    private func walk(relative: String, depth: Int, into found: inout [SearchableSession]) {
        let dir = relative.isEmpty ? root : root + "/" + relative
        for entry in FileProbe.list(dir).sorted(by: { $0.name < $1.name }) where entry.kind == .directory && !entry.name.hasPrefix(".") {
            let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
            let full = root + "/" + child
            if let meta = FileProbe.info(full + "/" + LegacyMeta.fileName), meta.kind == .file {
                found.append(session(child, metaVersion: FolderArchiveReader.version(meta)))
            } else if FolderArchiveReader.looksLikeSessionFolder(entry.name), !relative.isEmpty {
                found.append(session(child, metaVersion: ""))
            } else if depth < maxDepth {
                walk(relative: child, depth: depth + 1, into: &found)
            }
        }
    }

    private func session(_ folder: String, metaVersion: String) -> SearchableSession {
        let components = folder.split(separator: "/")
        let source = components.count >= 2 ? String(components[components.count - 2]) : "unknown"
        var parts: [SearchablePart] = []
        collectParts(folder, depth: 0, into: &parts)
        return SearchableSession(folder: folder, source: source, parts: parts.sorted { $0.path < $1.path }, metaVersion: metaVersion)
    }

    private func collectParts(_ relative: String, depth: Int, into parts: inout [SearchablePart]) {
        for entry in FileProbe.list(root + "/" + relative) where !entry.name.hasPrefix(".") {
            let child = relative + "/" + entry.name
            switch entry.kind {
            case .directory where depth < 4:
                collectParts(child, depth: depth + 1, into: &parts)
            case .file where FolderArchiveReader.isPart(entry.name):
                guard let info = FileProbe.info(root + "/" + child) else { continue }
                parts.append(SearchablePart(path: child, size: info.size, version: FolderArchiveReader.version(info)))
            default:
                continue
            }
        }
    }

    public func meta(of session: SearchableSession) -> [UInt8]? {
        HeadReader.read(root + "/" + session.folder + "/" + LegacyMeta.fileName, cap: 1 << 20)
    }

    public func readLines(of part: SearchablePart, from offset: UInt64, _ body: (ArraySlice<UInt8>) throws -> Void) throws -> UInt64 {
        try LineChunks.read(path: root + "/" + part.path, from: offset, to: nil, body)
    }

    public func repositoryPath(of archivePath: String) -> String? {
        repositoryPrefix.map { $0 + "/" + archivePath }
    }

    /// `0001.jsonl`, `0002.md`, … (numbered part files only; `meta.json` is not a part).
    static func isPart(_ name: String) -> Bool {
        name.hasSuffix(".jsonl") || name.hasSuffix(".md") || name.hasSuffix(".txt")
    }

    /// `YYYYMMDD-HHMMSS-<id>`.
    static func looksLikeSessionFolder(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard b.count > 16, b[8] == UInt8(ascii: "-"), b[15] == UInt8(ascii: "-") else { return false }
        return (b[0..<8] + b[9..<15]).allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func version(_ info: FileProbe.Info) -> String { "\(info.mtimeNanos):\(info.size)" }
}
