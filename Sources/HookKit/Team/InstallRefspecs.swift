import HookCore

extension Installer {
    /// A clone of a team's repository fetches the team's conversation refs before its archive mode is
    /// recorded, so it records the team's mode (ref mode when the remote has `refs/convo/archive`)
    /// instead of archiving into the code history where the team does not. Only when no mode is given
    /// or configured; a fetch that fails is one line, and the mode is then chosen from this clone alone.
    func fetchTeamArchive(_ options: InstallOptions) -> [String] {
        guard options.mode == nil, let config = try? repository.config(), (try? config.string("convo.mode")) == nil,
            let remote = try? ArchiveFetch.remoteName(nil, repository: repository),
            (try? config.string("remote.\(remote).url")) != nil
        else { return [] }
        do {
            return try ArchiveFetch(repository: repository, environment: environment).run(remote: remote)
        } catch {
            return ["could not fetch the conversation refs of \(remote) (\(FailureMessage.text(error))); the archive mode is chosen from this clone alone"]
        }
    }

    /// Adds the conversation refspecs to the team remote (`convo.remote`, else `origin`) so that a
    /// plain `git fetch` or `git pull` brings the teammates' notes and archive ref too; the next
    /// convo-hook command merges them. Each value added is recorded, and only those are removed again.
    func installFetchRefspecs(into record: inout InstallRecord) throws -> [String] {
        let config = try repository.config()
        let configured = try config.string(Syncer.remoteKey).flatMap { $0.isEmpty ? nil : $0 }
        let remote = configured ?? "origin"
        guard try config.string("remote.\(remote).url") != nil else { return [] }
        let key = "remote.\(remote).fetch"
        let local = try config.localLevel()
        var changes: [String] = []
        for refspec in RemoteTracking(remote: remote).refspecs where try !local.values(key).contains(refspec) {
            try local.add(key, value: refspec)
            record.addedConfigValues[key, default: []].append(refspec)
            changes.append("added \(key)=\(refspec)")
        }
        return changes
    }

    /// Removes exactly the values `installFetchRefspecs` added; the user's own stay.
    func uninstallFetchRefspecs(_ record: InstallRecord) throws -> [String] {
        let local = try repository.config().localLevel()
        var changes: [String] = []
        for (key, values) in record.addedConfigValues.sorted(by: { $0.key < $1.key }) {
            for value in values where try local.values(key).contains(value) {
                try local.remove(key, value: value)
                changes.append("removed \(key)=\(value)")
            }
        }
        return changes
    }
}
