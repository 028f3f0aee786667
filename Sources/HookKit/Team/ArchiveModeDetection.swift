import HookCore

extension Repository {
    /// The `convo.*` settings, with the archive mode read from the repository when `convo.mode` is
    /// not set: ref mode when `refs/convo/archive` exists (or was fetched from a remote), tree mode
    /// otherwise. A clone of a ref-mode repository needs no setting to read its archive.
    public func archiveSettings() throws -> ArchiveSettings {
        let config = try self.config()
        var settings = try ArchiveSettings(config: config)
        if try config.string("convo.mode") == nil { settings.mode = try detectedMode() }
        return settings
    }

    /// Ref mode when the repository has an archive ref of its own or a fetched one.
    func detectedMode() throws -> ArchiveMode {
        if try referenceTarget(ArchiveRefName.full) != nil { return .ref }
        let fetched = try references(matching: RemoteTracking.prefix + "*").contains { RemoteTracking.parse($0.name)?.kind == .archive }
        return fetched ? .ref : .tree
    }
}
