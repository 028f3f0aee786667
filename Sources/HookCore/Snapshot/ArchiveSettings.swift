/// convo-hook's `convo.*` git settings, read once per run.
public struct ArchiveSettings: Sendable {
    public var layout: ArchiveLayout
    public var mode: ArchiveMode
    public var strict: Bool
    public var partBytes: UInt64
    public var sources: [String]
    public var redaction: RedactionConfig
    /// `convo.watcher` (default on): a no-op commit leaves an inotify watcher that answers the next ones (see
    /// `HookStateFiles.watching`).
    public var watcher: Bool

    public static let defaultDirectory = ".claude/conversations"
    public static let defaultPartBytes: UInt64 = 4 << 20

    /// Reads the settings; an invalid value is a one-line error naming the key.
    package init(config: some GitConfigReading) throws {
        layout = try ArchiveLayout(root: config.string("convo.dir") ?? ArchiveSettings.defaultDirectory)
        let modeName = try config.string("convo.mode") ?? ArchiveMode.tree.rawValue
        guard let mode = ArchiveMode(rawValue: modeName) else {
            throw ArchiveError("convo.mode must be tree or ref (got '\(modeName)')")
        }
        self.mode = mode
        strict = try config.bool("convo.strict") ?? false
        let bytes = try config.int("convo.partBytes") ?? Int64(ArchiveSettings.defaultPartBytes)
        guard bytes >= 1024 else { throw ArchiveError("convo.partBytes must be at least 1k (got \(bytes))") }
        partBytes = UInt64(bytes)
        sources = try config.values("convo.sources")
        watcher = try config.bool("convo.watcher") ?? true
        redaction = RedactionConfig(
            extraPatterns: try config.values("convo.redact"),
            allowPatterns: try config.values("convo.allow"),
            keepImages: try config.bool("convo.keepImages") ?? false
        )
    }
}

/// Where archive files are committed: with the code commit (tree) or to `refs/convo/archive` (ref).
public enum ArchiveMode: String, Sendable, CaseIterable {
    case tree, ref
}
