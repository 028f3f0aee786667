/// post-commit: finishes what pre-commit started for this commit — the note on `refs/notes/convo`, ref
/// mode's archive commit on `refs/convo/archive`, and after `git commit <paths>` the real index made to
/// agree with the commit — then empties the pending record.
package enum PostCommitHook {
    package static func run(environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        HookFailure.failingOpen("post-commit") { strict in
            let location = try RepositoryLocation.fromHookEnvironment(environment)
            guard let pending = PendingCommit.loadForCurrentCommit(stateDir: location.stateDir) else { return }
            // Tree mode: the settings pre-commit read for this very commit (one `git config` less).
            let config =
                pending.treeArchiveRoot != nil && pending.strict != nil && pending.attribution != nil
                ? nil : try GitConfigSnapshot.read(sections: HookContext.configSections, in: location.workdir, environment: environment)
            strict = config.map { (try? $0.bool("convo.strict")) == true } ?? pending.strict ?? false
            let settings = try config.map { try ArchiveSettings(config: $0) }
            let mode = settings?.mode ?? .tree
            guard let archiveRoot = settings?.layout.root ?? pending.treeArchiveRoot else { throw ArchiveError("post-commit found no settings") }
            let git = try GitCommand(directory: location.workdir, environment: environment)
            // The commit just made is HEAD; ref mode names it by id in its archive commit.
            var commit = "HEAD"
            if mode == .ref {
                let head = try git.run(["rev-parse", "-q", "--verify", "HEAD"])
                guard head.status == 0 else { throw ArchiveError("post-commit found no commit on HEAD") }
                commit = head.output.trimmingCharacters(in: " \n")
            }
            // Who wrote the commit's lines: the diff runs while the sessions' new lines are read.
            var change = pending.change
            Diagnostics.trace("post-commit: attribution starts, " + HookAttribution.cpuTime())
            let attribution = config.map { (try? $0.bool("convo.attribution")) != false } ?? pending.attribution ?? true
            let counting = attribution && HookAttribution.isCheap(change, stateDir: location.stateDir)
            let base = mode == .tree ? location.workdir : Workspace.refArchiveRoot(stateDir: location.stateDir)
            let plan = counting ? HookAttribution.plan(for: change, base: base, archiveRoot: archiveRoot, stateDir: location.stateDir) : nil
            let diff = plan != nil ? HookAttribution.startDiff(git: git, archiveRoot: archiveRoot) : nil
            let written = plan?.read()
            Diagnostics.trace("post-commit: sessions' written lines read, " + HookAttribution.cpuTime())
            switch mode {
            case .tree:
                if pending.temporaryIndex { try IndexReset.toHead(pending.change.paths, workdir: location.workdir, environment: environment) }
            case .ref:
                guard let config else { throw ArchiveError("ref mode's post-commit found no settings") }
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
