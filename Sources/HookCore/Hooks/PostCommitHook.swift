/// post-commit: finishes what pre-commit started for this commit — the note on `refs/notes/convo`, ref
/// mode's archive commit on `refs/convo/archive`, and after `git commit <paths>` the real index made to
/// agree with the commit — then empties the pending record.
package enum PostCommitHook {
    package static func run(environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        HookFailure.failingOpen("post-commit") { strict in
            let location = try RepositoryLocation.fromHookEnvironment(environment)
            guard let pending = PendingCommit.loadForCurrentCommit(stateDir: location.stateDir) else { return }
            let config = try GitConfigSnapshot.read(sections: HookContext.configSections, in: location.workdir, environment: environment)
            strict = (try? config.bool("convo.strict")) == true
            let settings = try ArchiveSettings(config: config)
            let git = try GitCommand(directory: location.workdir, environment: environment)
            let head = try git.run(["rev-parse", "-q", "--verify", "HEAD"])
            guard head.status == 0 else { throw ArchiveError("post-commit found no commit on HEAD") }
            let commit = head.output.trimmingCharacters(in: " \n")
            // Who wrote the commit's lines: the diff runs while the sessions' new lines are read.
            var change = pending.change
            Diagnostics.trace("post-commit: attribution starts, " + HookAttribution.cpuTime())
            let counting = (try? config.bool("convo.attribution")) != false && HookAttribution.isCheap(change, stateDir: location.stateDir)
            let base = settings.mode == .tree ? location.workdir : Workspace.refArchiveRoot(stateDir: location.stateDir)
            let plan = counting ? HookAttribution.plan(for: change, base: base, archiveRoot: settings.layout.root, stateDir: location.stateDir) : nil
            let diff = plan != nil ? HookAttribution.startDiff(git: git, archiveRoot: settings.layout.root) : nil
            let written = plan?.read()
            Diagnostics.trace("post-commit: sessions' written lines read, " + HookAttribution.cpuTime())
            switch settings.mode {
            case .tree:
                if pending.temporaryIndex { try IndexReset.toHead(pending.change.paths, workdir: location.workdir, environment: environment) }
            case .ref:
                let workspace = try Workspace(location: location, config: config, environment: environment)
                let message = ArchiveRefWriter.message(forCodeCommit: commit, change: pending.change)
                _ = try ArchiveRefWriter.append(pending.change.paths, from: workspace.archiveRoot, message: message, git: git, stateDir: location.stateDir)
                try workspace.recordArchiveTruth([])
                for path in pending.change.paths { try? FileSystem.remove(workspace.archiveRoot + "/" + path) }
            }
            Diagnostics.trace("post-commit: index reset or archive ref written, " + HookAttribution.cpuTime())
            if let diff, let written {
                change.attribution = HookAttribution.count(diff, caches: written)
            } else if let diff {
                _ = diff.wait()
            }
            Diagnostics.trace("post-commit: attribution counted, " + HookAttribution.cpuTime())
            try ConversationNotes.write(change, on: commit, git: git)
            try PendingCommit.clear(stateDir: location.stateDir)
        }
    }
}
