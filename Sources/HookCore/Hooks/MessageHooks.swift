/// prepare-commit-msg and commit-msg: the `Conversation:` trailers of the commit in progress.
package enum MessageHooks {
    /// prepare-commit-msg `<message file> [<source> [<commit>]]`: one trailer block at the end of the
    /// message naming every session the commit carries — those pre-commit recorded, those an amended
    /// commit already carried (`--amend -m` replaces its message), and those a squash brought in.
    package static func prepare(arguments: [String], environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        HookFailure.failingOpen("prepare-commit-msg") { strict in
            guard let messageFile = arguments.first else { throw ArchiveError("git passed no message file") }
            let location = try RepositoryLocation.fromHookEnvironment(environment)
            let git = try GitCommand(directory: location.workdir, environment: environment)
            let pending = PendingCommit.loadForCurrentCommit(stateDir: location.stateDir)
            let source = arguments.count > 1 ? arguments[1] : ""
            var sessions = pending?.change.sessions.map(\.session) ?? []
            let commentChar: String
            if let pending, let pendingStrict = pending.strict {
                // pre-commit read the settings for this very commit: one `git config` less.
                strict = pendingStrict
                commentChar = pending.commentChar
            } else {
                let config = try GitConfigSnapshot.read(sections: HookContext.configSections, in: location.workdir, environment: environment)
                strict = (try? config.bool("convo.strict")) == true
                let settings = try ArchiveSettings(config: config)
                if settings.mode == .tree, pending == nil, amendingOrSquashing(config: config, environment: environment) {
                    let sha256 = (try? config.string("extensions.objectformat")) == "sha256"
                    sessions = try CarriedArchive.added(root: settings.layout.root, amending: true, sha256: sha256, git: git).sessions.map(\.session)
                }
                commentChar = try HookContext.commentChar(config)
            }
            try FileSystem.writeAtomically(Array((source + "\n").utf8), to: HookStateFiles.path(.messageSource, stateDir: location.stateDir))
            guard let message = FileSystem.read(messageFile) else { throw ArchiveError("cannot read \(messageFile)") }
            var updated = try ConversationTrailers.normalized(message, adding: sessions, commentChar: commentChar, git: git)
            if source.isEmpty, !sessions.isEmpty, !hasContent(message, commentChar: commentChar) {
                // An empty message for the editor: line 1 stays free for the subject, apart from the trailer block.
                updated = [UInt8(ascii: "\n")] + updated
            }
            if updated != message { try FileSystem.writeAtomically(updated, to: messageFile) }
        }
    }

    /// commit-msg `<message file>`: when the user emptied the message in the editor and only trailers are
    /// left, ours are dropped, so git aborts the commit as it would have without convo-hook.
    package static func commitMsg(arguments: [String], environment: [String: String] = ProcessEnvironment.current) -> Int32 {
        HookFailure.failingOpen("commit-msg") { _ in
            guard let messageFile = arguments.first else { throw ArchiveError("git passed no message file") }
            let location = try RepositoryLocation.fromHookEnvironment(environment)
            guard let pending = PendingCommit.loadForCurrentCommit(stateDir: location.stateDir) else { return }
            let source =
                FileSystem.read(HookStateFiles.path(.messageSource, stateDir: location.stateDir))
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: "\n") } ?? ""
            // Only a message the editor showed can have been emptied on purpose.
            guard source.isEmpty, let message = FileSystem.read(messageFile),
                !hasContent(message, commentChar: pending.commentChar, ignoring: ["Signed-off-by: "])
            else { return }
            let text = String(decoding: message, as: UTF8.self)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(ConversationTrailers.key + ": ") }
            try FileSystem.writeAtomically(Array(kept.joined(separator: "\n").utf8), to: messageFile)
        }
    }

    /// True when the message holds text besides comments, `Conversation:` trailers and the `ignoring` prefixes
    /// (up to git's scissors line).
    private static func hasContent(_ message: [UInt8], commentChar: String, ignoring: [String] = []) -> Bool {
        for line in String(decoding: message, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix(commentChar) {
                if line.contains(" >8 ") { break }
                continue
            }
            if line.hasPrefix(ConversationTrailers.key + ": ") || ignoring.contains(where: { line.hasPrefix($0) }) { continue }
            if !line.trimmingCharacters(in: " \t\r").isEmpty { return true }
        }
        return false
    }

    /// `git commit --amend`, or a rebase squashing or fixing up into the previous commit: the commit
    /// replaces HEAD, so it carries what HEAD carried.
    private static func amendingOrSquashing(config: GitConfigSnapshot, environment: [String: String]) -> Bool {
        let action = environment["GIT_REFLOG_ACTION"] ?? ""
        if action.contains("fixup") || action.contains("squash") { return true }
        return GitProcess.current()?.isAmending { try? config.string("alias." + $0) } ?? false
    }
}
