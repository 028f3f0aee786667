import Foundation
import TestSupport
import Testing

/// The pre-commit hook: every kind of `git commit` carries the new, redacted conversation lines.
@Suite struct PreCommitTests {
    let repo: TemporaryRepository
    let session: ClaudeTranscript

    init() throws {
        repo = try TemporaryRepository()
        repo.environment["CONVO_HOOK_TRACE"] = "1"
        try repo.commitBaseAndInstall()
        session = try ClaudeTranscript(
            configDir: repo.home + "/.claude", cwd: repo.path,
            prompt: "Use key AKIAQ7K2ZLMNWXRT4VBS for the bucket")
    }

    private var archiveFolder: String { ".claude/conversations/claude/20261125-100000-\(session.sessionID)" }

    private func commitFile(_ name: String, _ extra: String...) throws -> ProcessResult {
        try repo.write(name, UUID().uuidString + "\n")
        try repo.gitOK("add", name)
        return try repo.git(["commit", "-q", "-m", "add \(name)"] + extra)
    }

    private func filesInHead() throws -> [String] {
        try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").map(String.init)
    }

    private func ageWatchedFiles() throws {
        #expect(try repo.watchedPaths().contains(session.path))
        try repo.ageWatchedFiles()
    }

    @Test(arguments: [true, false])
    func manySessionsAreCheckedByTheHelperOrByShell(_ helperOnPath: Bool) throws {
        var sessions = [session]
        for i in 0..<80 { sessions.append(try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "many-\(i)")) }
        if !helperOnPath {
            // Only convo-hook itself: without convo-hook-changed the shim must still notice changes.
            let bin = repo.root + "/bin-without-helper"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: bin + "/convo-hook", withDestinationPath: Products.convoHook)
            repo.environment["PATH"] = bin + ":/usr/bin:/bin"
        }
        #expect(try commitFile("a.txt").status == 0)
        #expect(try ArchiveView(repo).lines(session: "many-79").count == 1)
        #expect(try repo.watchedPaths().count > 80)
        try ageWatchedFiles()
        #expect(try commitFile("b.txt").status == 0)
        let quiet = try commitFile("c.txt")
        #expect(quiet.status == 0)
        #expect(quiet.stderr.contains("trace: running pre-commit") != helperOnPath, "\(quiet.stderr)")
        try sessions[42].append(role: "assistant", text: "late answer")
        let busy = try commitFile("d.txt")
        #expect(busy.stderr.contains("trace: running pre-commit"))
        #expect(try filesInHead().contains { $0.contains(sessions[42].sessionID) && $0.contains("/000002-000002-") })
    }

    private func archiveStatus() throws -> String {
        try repo.gitOK("status", "--porcelain", "--", ".claude")
    }

    @Test func commitCarriesRedactedLinesAndLeavesStatusClean() throws {
        let result = try commitFile("a.txt")
        #expect(result.status == 0, "\(result.stderr)")
        let part = try #require(try ArchiveView(repo).parts(session: session.sessionID).first)
        #expect(part.path.hasPrefix(archiveFolder + "/000001-000001-") && part.path.hasSuffix(".jsonl"))
        #expect(try filesInHead() == [".claude/conversations/.gitattributes", ".claude/conversations/.ignore", part.path, "a.txt"])
        let archived = try ArchiveView(repo).lines(session: session.sessionID).joined(separator: "\n")
        #expect(archived.contains("[REDACTED:aws-access-token]"))
        #expect(!archived.contains("AKIAQ7K2ZLMNWXRT4VBS"))
        #expect(try repo.gitOK("cat-file", "-p", "HEAD:.claude/conversations/.ignore") == "*\n")
        #expect(try repo.gitOK("cat-file", "-p", "HEAD:.claude/conversations/.gitattributes").contains("-diff"))
        #expect(try archiveStatus() == "")
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    @Test func nextCommitAddsOnlyANewPartWithTheNewLines() throws {
        #expect(try commitFile("a.txt").status == 0)
        try session.append(role: "assistant", text: "Parser added.")
        try session.appendRaw(Data("{\"type\":\"user\",\"partial\":".utf8))
        #expect(try commitFile("b.txt").status == 0)
        let second = try filesInHead().filter { $0 != "b.txt" }
        #expect(second.count == 1 && second[0].hasPrefix(archiveFolder + "/000002-000002-"), "only a new part: \(second)")
        #expect(try ArchiveView(repo).content(second[0]).contains("Parser added."), "the partial line waits")
        try session.appendRaw(Data("true}\n".utf8))
        #expect(try commitFile("c.txt").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).last == "{\"type\":\"user\",\"partial\":true}")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 3)
    }

    @Test func noOpCommitEndsInTheShim() throws {
        #expect(try commitFile("a.txt").status == 0)
        try ageWatchedFiles()
        #expect(try commitFile("b.txt").status == 0, "one more full run sees the aged files as old")
        let result = try commitFile("c.txt")
        #expect(result.status == 0)
        #expect(!result.stderr.contains("trace: running"), "the binary never started: \(result.stderr)")
        try session.append(role: "assistant", text: "more")
        #expect(try commitFile("d.txt").stderr.contains("trace: running pre-commit"))
        try ageWatchedFiles()
        #expect(!(try commitFile("e.txt").stderr.contains("trace: running")))
        repo.environment["CLAUDE_CONFIG_DIR"] = repo.home + "/other-claude"
        #expect(try commitFile("f.txt").stderr.contains("trace: running pre-commit"), "another assistant folder is not covered by the old watch list")
    }

    /// Puts a `convo-hook-changed` first on PATH that logs each call and runs the real one: which commits
    /// compared the index's archive paths with the record. Returns the log's path.
    private func logHelperCalls() throws -> String {
        let bin = repo.root + "/bin-logging-helper"
        let log = repo.root + "/helper-calls.log"
        try repo.write(
            bin + "/convo-hook-changed", "#!/bin/sh\necho \"$*\" >> '\(log)'\nexec '\(Products.directory)/convo-hook-changed' \"$@\"\n", mode: 0o755)
        repo.environment["PATH"] = bin + ":" + (repo.environment["PATH"] ?? "/usr/bin:/bin")
        return log
    }

    /// The logged calls of convo-hook-changed, one line of arguments each.
    private func helperCalls(_ log: String) -> [Substring] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    private func indexChecks(_ log: String) -> Int {
        helperCalls(log).filter { $0.hasPrefix("--index") }.count
    }

    /// A commit that archives the session, time passing, and a commit through the full run that sees the
    /// files as old: the next commit without new lines takes the shim's fast path, HEAD where post-commit
    /// recorded it.
    private func archiveAndSettle() throws {
        #expect(try commitFile("a.txt").status == 0)
        try ageWatchedFiles()
        #expect(try commitFile("b.txt").status == 0)
    }

    private func listChecks(_ log: String) -> Int {
        helperCalls(log).filter { $0.hasSuffix("watch.list " + repo.path + "/.git/convo-hook") || $0.hasSuffix("watch.list .git/convo-hook") }.count
    }

    /// The first "unchanged" answer leaves an inotify watcher (from convo-hook-changed's stat loop past the
    /// shim's 64 paths, else started in the background after the shim's own loop): later commits trust it
    /// without a `stat` (or a process) until a transcript changes.
    @Test(arguments: [1, 81])
    func aWatcherStandsInForTheStatsUntilATranscriptChanges(_ count: Int) throws {
        var sessions = [session]
        for i in 1..<count { sessions.append(try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "many-\(i)")) }
        let log = try logHelperCalls()
        try archiveAndSettle()
        #expect(listChecks(log) == 1, "the settling commit compares the list, or has it watched")
        let state = repo.path + "/.git/convo-hook"
        let watcher = try #require(WatcherProbe.armed(in: state), "and leaves a watcher")
        #expect(watcher.isRunning)
        #expect(try repo.convoHook("status").stdout.contains("watcher: on (pid \(watcher.pid))"))
        for name in ["c.txt", "d.txt"] {
            let quiet = try commitFile(name)
            #expect(quiet.status == 0 && !quiet.stderr.contains("trace: running"), "\(quiet.stderr)")
        }
        #expect(listChecks(log) == 1, "the watcher stands in for the stats; code edits in the worktree do not end it")
        // A watcher that has not yet read the change (stopped here, as a busy machine may leave it): the
        // shim sees it awake, not asleep in poll, and compares.
        kill(watcher.pid, SIGSTOP)
        try sessions[count / 2].append(role: "assistant", text: "late answer")
        let busy = try commitFile("e.txt")
        kill(watcher.pid, SIGCONT)
        #expect(busy.stderr.contains("trace: running pre-commit"))
        #expect(try filesInHead().contains { $0.contains(sessions[count / 2].sessionID) && $0.contains("/000002-000002-") })
        #expect(watcher.ended(state: state), "the change ends it")
        try repo.ageWatchedFiles()
        #expect(try commitFile("f.txt").status == 0)
        let again = try #require(WatcherProbe.armed(in: state))
        #expect(try repo.convoHook("uninstall").status == 0)
        #expect(again.ended(state: state), "uninstall ends it")
    }

    @Test(arguments: [1, 81])
    func convoWatcherFalseLeavesNoWatcher(_ count: Int) throws {
        for i in 1..<count { _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "many-\(i)") }
        try repo.gitOK("config", "convo.watcher", "false")
        try archiveAndSettle()
        let quiet = try commitFile("c.txt")
        #expect(quiet.status == 0 && !quiet.stderr.contains("trace: running"), "\(quiet.stderr)")
        usleep(300_000)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/convo-hook/watching"))
        #expect(try repo.convoHook("status").stdout.contains("watcher: off (convo.watcher=false)"))
    }

    /// `git add` (and git itself, as a commit starts) changes the index before nearly every commit: the
    /// shim compares its archive paths with the record once, without the binary, and a commit on that same
    /// index does not compare again. A reset, or an amend of an index without the archive files, is caught the same way.
    @Test func aChangedIndexIsComparedOnceWithoutTheBinary() throws {
        try archiveAndSettle()
        let log = try logHelperCalls()
        let quiet = try commitFile("c.txt")
        #expect(quiet.status == 0 && !quiet.stderr.contains("trace: running"), "\(quiet.stderr)")
        #expect(indexChecks(log) == 1, "git add changed the index")
        // Compared in the clock tick it was written in, the index is compared once more (a rewrite in that
        // tick would carry the same time), and then no more.
        #expect(try repo.git("commit", "-q", "--allow-empty", "-m", "on the same index").status == 0)
        let settled = indexChecks(log)
        #expect(settled <= 2)
        #expect(try repo.git("commit", "-q", "--allow-empty", "-m", "on the same index again").status == 0)
        #expect(indexChecks(log) == settled, "the index is the one compared")
        try repo.gitOK("reset", "-q", "--hard", "HEAD~3")
        let afterReset = try commitFile("e.txt")
        #expect(afterReset.status == 0 && !afterReset.stderr.contains("trace: running"), "the archive paths are the same: \(afterReset.stderr)")
        #expect(indexChecks(log) == settled + 1)
        // An amend of an index without the archive files: its own pre-commit puts them back.
        try repo.gitOK("rm", "-r", "-q", "--cached", ".claude/conversations")
        #expect(try repo.git("commit", "-q", "--amend", "--no-edit").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    /// One part taken out of the index while HEAD stays where the last commit left it (deleted from the
    /// worktree and `commit -a`, or `git rm --cached`): that commit keeps it (its pre-commit compares the
    /// changed index), and so does every later one.
    @Test(arguments: ["commit -a", "rm --cached", "rm --cached, then a partial commit"])
    func onePartTakenOutOfTheIndexComesBack(_ how: String) throws {
        #expect(try commitFile("a.txt").status == 0)
        try session.append(role: "assistant", text: "a second part")
        #expect(try commitFile("b.txt").status == 0)
        try ageWatchedFiles()
        #expect(try commitFile("c.txt").status == 0)
        let parts = try ArchiveView(repo).parts(session: session.sessionID).map(\.path)
        #expect(parts.count == 2)
        if how == "commit -a" {
            try FileManager.default.removeItem(atPath: repo.path + "/" + parts[0])
            try repo.write("b.txt", "changed\n")
            #expect(try repo.git("commit", "-q", "-a", "-m", "after rm of one part").status == 0)
        } else if how == "rm --cached" {
            try repo.gitOK("rm", "-q", "--cached", parts[0])
            #expect(try commitFile("d.txt").status == 0)
        } else {
            // git commits a temporary index (HEAD and b.txt) that still holds the part; the real one does not.
            try repo.gitOK("rm", "-q", "--cached", parts[0])
            try repo.write("b.txt", "changed\n")
            #expect(try repo.git("commit", "-q", "-m", "partial", "b.txt").status == 0)
        }
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 2, "HEAD holds both lines")
        // On the same index: what the last check stamped must not stand for an index it did not read.
        #expect(try repo.git("commit", "-q", "--allow-empty", "-m", "next").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 2)
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    /// The archive folder deleted from the worktree and `git commit -a`: the index lost its archive files
    /// although HEAD did not move; the shim compares, and the commit keeps them.
    @Test func aDeletedArchiveFolderIsNotTrusted() throws {
        try archiveAndSettle()
        let log = try logHelperCalls()
        try FileManager.default.removeItem(atPath: repo.path + "/.claude/conversations")
        try repo.write("b.txt", "changed\n")
        #expect(try repo.git("commit", "-q", "-a", "-m", "after rm -rf").status == 0)
        #expect(indexChecks(log) == 1)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }

    /// A commit that skipped pre-commit never becomes the trusted base: archive files taken out of its
    /// index come back with the next commit.
    @Test func aCommitWithoutPreCommitIsNotTrusted() throws {
        try archiveAndSettle()
        try repo.gitOK("rm", "-r", "-q", "--cached", ".claude/conversations")
        #expect(try repo.git("commit", "-q", "--no-verify", "-m", "without the archive").status == 0)
        #expect(try ArchiveView(repo).paths().isEmpty)
        let next = try commitFile("c.txt")
        #expect(next.status == 0)
        #expect(next.stderr.contains("trace: running pre-commit"), "\(next.stderr)")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try filesInHead().contains { $0.hasPrefix(archiveFolder + "/000001-000001-") })
    }

    @Test(arguments: ["-a", "paths", "--amend", "--no-verify"])
    func everyCommitModeLeavesTheIndexConsistent(_ mode: String) throws {
        try repo.write("README", "changed\n")
        try repo.write("staged.txt", "staged\n")
        try repo.gitOK("add", "staged.txt")
        try repo.write("unstaged.txt", "u\n")
        let result: ProcessResult
        switch mode {
        case "paths": result = try repo.git("commit", "-q", "-m", "partial", "README")
        case "--amend": result = try repo.git("commit", "-q", "--amend", "-m", "amended")
        case "--no-verify": result = try repo.git("commit", "-q", "--no-verify", "-m", "skip")
        default: result = try repo.git("commit", "-q", "-a", "-m", "all")
        }
        #expect(result.status == 0, "\(result.stderr)")
        let files = try filesInHead()
        if mode == "--no-verify" {
            #expect(!files.contains { $0.hasPrefix(".claude/") })
            #expect(try commitFile("next.txt").status == 0)
            #expect(try filesInHead().contains { $0.hasPrefix(archiveFolder + "/000001-000001-") }, "missed lines reach the next commit")
        } else {
            #expect(files.contains { $0.hasPrefix(archiveFolder + "/000001-000001-") })
        }
        #expect(try archiveStatus() == "")
        let status = try repo.gitOK("status", "--porcelain").split(separator: "\n").map(String.init).sorted()
        switch mode {
        case "paths": #expect(status == ["?? unstaged.txt", "A  staged.txt"])
        case "-a": #expect(status == ["?? unstaged.txt"])
        default: #expect(status == [" M README", "?? unstaged.txt"] || status == ["?? unstaged.txt"])
        }
    }

    @Test func aSplitIndexWorksForPlainAndPartialCommits() throws {
        // libgit2 1.5 cannot read a split index; git stages and resets the archive files itself.
        try repo.gitOK("config", "core.splitIndex", "true")
        try repo.gitOK("update-index", "--split-index")
        let plain = try commitFile("a.txt")
        #expect(plain.status == 0 && !plain.stderr.contains("convo-hook: pre-commit hook:"), "\(plain.stderr)")
        #expect(try filesInHead().contains { $0.hasPrefix(archiveFolder + "/000001-000001-") })
        try session.append(role: "assistant", text: "more")
        try repo.write("README", "partial\n")
        let partial = try repo.git("commit", "-q", "-m", "partial", "README")
        #expect(partial.status == 0 && !partial.stderr.contains("convo-hook: post-commit hook:"), "\(partial.stderr)")
        #expect(try filesInHead().contains { $0.hasPrefix(archiveFolder + "/000002-000002-") })
        #expect(try archiveStatus() == "", "git's real index agrees with the partial commit")
        #expect(try repo.gitOK("rev-parse", "--shared-index-path").contains("sharedindex."), "still a split index")
    }

    @Test func linkedWorktreeArchivesItsOwnSessions() throws {
        let worktree = repo.root + "/wt"
        try repo.gitOK("worktree", "add", "-q", worktree, "-b", "side")
        let other = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: worktree, prompt: "work in the worktree")
        try repo.write(worktree + "/w.txt", "w\n")
        try repo.gitOK("add", "w.txt", in: worktree)
        let result = try repo.git("commit", "-q", "-m", "wt", in: worktree)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try repo.gitOK("show", "--name-only", "--format=", "HEAD", in: worktree)
        #expect(files.contains(other.sessionID))
        #expect(!files.contains(session.sessionID))
        #expect(try repo.gitOK("status", "--porcelain", in: worktree) == "")
    }

    @Test func aNestedWorktreesSessionsAreArchivedByThatWorktreeOnly() throws {
        try repo.write(".gitignore", ".wt/\n")
        try repo.gitOK("add", ".gitignore")
        #expect(try repo.git("commit", "-q", "-m", "ignore worktrees").status == 0)
        let nested = repo.path + "/.wt/feature"
        try repo.gitOK("worktree", "add", "-q", nested, "-b", "feature")
        let inner = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: nested, prompt: "nested work")
        #expect(try commitFile("main.txt").status == 0)
        #expect(!(try filesInHead().contains { $0.contains(inner.sessionID) }))
        try repo.write(nested + "/f.txt", "f\n")
        try repo.gitOK("add", "f.txt", in: nested)
        #expect(try repo.git("commit", "-q", "-m", "feature", in: nested).status == 0)
        #expect(try ArchiveView(repo, in: nested).lines(session: inner.sessionID).count == 1)
    }

    @Test func rewrittenSourceIsArchivedAgain() throws {
        #expect(try commitFile("a.txt").status == 0)
        try Data().write(to: URL(fileURLWithPath: session.path))
        try session.append(role: "user", text: "a different start")
        #expect(try commitFile("b.txt").status == 0)
        let lines = try ArchiveView(repo).lines(session: session.sessionID)
        #expect(lines.count == 2 && lines[1].contains("a different start"), "the rewritten file's lines follow the old ones: \(lines)")
    }

    @Test func filesWrittenByARunThatNeverSavedItsStateAreStillCommitted() throws {
        // As if a first run was killed after writing the archive files and before saving its state.
        #expect(try repo.convoHook("capture").status == 0)
        try FileManager.default.removeItem(atPath: repo.path + "/.git/convo-hook/state.json")
        try session.append(role: "assistant", text: "after the crash")
        #expect(try commitFile("a.txt").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 2)
        #expect(try repo.gitOK("log", "-1", "--format=%B").contains("Conversation: claude/\(session.sessionID)"))
        let status = try repo.gitOK("status", "--porcelain", "--untracked-files=all", "--", ".claude")
        #expect(status == "", "\(status)")
    }

    @Test func captureWritesWithoutStagingAndTheNextCommitStages() throws {
        let capture = try repo.convoHook("capture")
        #expect(capture.status == 0, "\(capture.stderr)")
        #expect(capture.stdout.contains("captured 1 new lines of 1 sessions"), "\(capture.stdout)")
        #expect(try repo.gitOK("diff", "--cached", "--name-only") == "")
        #expect(try repo.gitOK("status", "--porcelain", "--untracked-files=all") == "", "capture never touches the worktree")
        #expect(try commitFile("a.txt").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.convoHook("capture").stdout.contains("nothing new"))
    }

    @Test func capturedLinesSurviveGitCleanAndTheTranscriptsDeletion() throws {
        #expect(try repo.convoHook("capture").status == 0)
        try repo.gitOK("clean", "-fdxq")
        try FileManager.default.removeItem(atPath: session.path)
        #expect(try commitFile("a.txt").status == 0)
        let lines = try ArchiveView(repo).lines(session: session.sessionID)
        #expect(lines.count == 1 && lines[0].contains("[REDACTED:aws-access-token]"), "\(lines)")
    }

    @Test func captureFromClaudeHookInput() throws {
        let input = "{\"session_id\":\"\(session.sessionID)\",\"transcript_path\":\"\(session.path)\",\"cwd\":\"\(repo.path)\",\"hook_event_name\":\"Stop\"}"
        let result = try repo.convoHook("capture", "--hook-input", in: repo.home, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try repo.gitOK("status", "--porcelain", "--untracked-files=all") == "")
        #expect(try commitFile("a.txt").status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        let bad = try repo.convoHook("capture", "--hook-input", input: "not json")
        #expect(bad.status == 0)
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func failuresAreOneLineUnlessStrict() throws {
        try repo.gitOK("config", "convo.dir", "../outside")
        let open = try commitFile("a.txt")
        #expect(open.status == 0)
        #expect(open.stderr.contains("convo-hook: pre-commit hook: convo.dir must be a folder inside the repository"))
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/outside"))
        try repo.gitOK("config", "convo.strict", "true")
        let strict = try commitFile("b.txt")
        #expect(strict.status != 0)
        #expect(try repo.gitOK("log", "-1", "--format=%s") == "add a.txt\n")
    }

    @Test func aCommitWhoseArchiveFilesCannotBeStagedNamesNoSessionAndTheNextCarriesThem() throws {
        // A required clean filter that fails (as with git-lfs missing) makes `git update-index` fail.
        try repo.write(".gitattributes", "*.jsonl filter=broken\n")
        try repo.gitOK("config", "filter.broken.clean", "false")
        try repo.gitOK("config", "filter.broken.required", "true")
        let failed = try commitFile("a.txt")
        #expect(failed.status == 0, "fails open")
        #expect(failed.stderr.contains("convo-hook: pre-commit hook: git update-index failed"), "\(failed.stderr)")
        #expect(try !filesInHead().contains { $0.hasPrefix(".claude/") })
        #expect(try !repo.gitOK("log", "-1", "--format=%B").contains("Conversation:"))
        #expect(try repo.git("notes", "--ref=convo", "show", "HEAD").status != 0)

        try repo.gitOK("config", "--unset", "filter.broken.required")
        try repo.gitOK("config", "filter.broken.clean", "cat")
        let next = try commitFile("b.txt")
        #expect(next.status == 0)
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.gitOK("log", "-1", "--format=%B").contains("Conversation: claude/\(session.sessionID)"))
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains(session.sessionID))
    }
}

/// Codex and Aider sessions reach the commit too, each normalized and redacted on the way.
@Suite struct OtherSourcesTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
    }

    private func commit() throws -> [String] {
        try repo.write("a.txt", UUID().uuidString)
        try repo.gitOK("add", "a.txt")
        let result = try repo.git("commit", "-q", "-m", "change")
        #expect(result.status == 0, "\(result.stderr)")
        return try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").map(String.init)
    }

    @Test func codexRolloutIsArchivedWithoutEncryptedReasoning() throws {
        let id = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
        let lines = [
            "{\"timestamp\":\"2026-11-25T09:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"\(id)\",\"timestamp\":\"2026-11-25T09:00:00.000Z\",\"cwd\":\"\(repo.path)\",\"git\":{\"branch\":\"main\"}}}",
            "{\"timestamp\":\"2026-11-25T09:00:01.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Port the lexer to Rust\"}]}}",
            "{\"timestamp\":\"2026-11-25T09:00:02.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAAABoSECRETBLOB\"}}",
        ]
        try repo.write(repo.home + "/.codex/sessions/2026/11/25/rollout-2026-11-25T09-00-00-\(id).jsonl", lines.joined(separator: "\n") + "\n")
        let files = try commit()
        let part = try #require(files.first { $0.hasPrefix(".claude/conversations/codex/") && $0.hasSuffix(".jsonl") })
        let archived = try repo.gitOK("cat-file", "-p", "HEAD:\(part)")
        #expect(archived.contains("Port the lexer to Rust"))
        #expect(!archived.contains("gAAAAABoSECRETBLOB"))
        for line in archived.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "valid JSON: \(line)")
        }
    }

    @Test func aiderHistoryIsArchivedWithMultiLineKeysWithheld() throws {
        let history = """

            # aider chat started at 2026-11-25 08:00:00

            #### Use this deploy key

            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACDx1vZQ9kqkUQz3nJ4zXlJ8yq0e6o0bZ2D8mY7pQk2wNwAAAJhFQ3lqRUN5
            -----END OPENSSH PRIVATE KEY-----

            Done, the key is configured.

            """
        try repo.write(".aider.chat.history.md", history)
        let files = try commit()
        let part = try #require(files.first { $0.hasPrefix(".claude/conversations/aider/") && $0.hasSuffix(".md") })
        let archived = try repo.gitOK("cat-file", "-p", "HEAD:\(part)")
        #expect(archived.contains("#### Use this deploy key"))
        #expect(archived.contains("Done, the key is configured."))
        #expect(!archived.contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"))
        #expect(!archived.contains("QyNTUxOQAAACDx1vZQ9kqkUQz3nJ4zXlJ8yq0e6o0bZ2D8"))
    }
}
