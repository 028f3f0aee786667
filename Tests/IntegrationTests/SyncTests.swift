import Foundation
import TestSupport
import Testing

/// `convo-hook sync` to a git remote (and from pre-push), to a folder; the fail-closed scan; status.
@Suite struct SyncTests {
    let repo: TemporaryRepository
    let backup: String
    let origin: String

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, sessionID: "s-sync", prompt: "Sync the archive")
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        try repo.gitOK("commit", "-qm", "with a session")
        backup = repo.root + "/backup.git"
        origin = repo.root + "/origin.git"
        try repo.gitOK("init", "-q", "--bare", backup)
        try repo.gitOK("init", "-q", "--bare", origin)
        try repo.gitOK("remote", "add", "backup", backup)
        try repo.gitOK("remote", "add", "origin", origin)
        // The post-commit hook wrote the note; an archive ref stands in for what ref mode makes.
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains("s-sync"))
        try repo.gitOK("update-ref", "refs/convo/archive", "HEAD")
    }

    private func refs(_ bare: String) throws -> [String] {
        try repo.gitOK("--git-dir=\(bare)", "for-each-ref", "--format=%(refname)").split(separator: "\n").map(String.init)
    }

    @Test func syncPushesTheArchiveRefsToTheConfiguredRemoteOnly() throws {
        try repo.gitOK("config", "convo.remote", "backup")
        let result = try repo.convoHook("sync")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "convo-hook: pushed refs/convo/archive, refs/notes/convo to backup\n")
        #expect(try refs(backup) == ["refs/convo/archive", "refs/notes/convo"])
        #expect(try refs(origin) == [])
        #expect(try repo.gitOK("--git-dir=\(backup)", "rev-parse", "refs/convo/archive") == (try repo.gitOK("rev-parse", "HEAD")))

        let named = try repo.convoHook("sync", "--remote", "nowhere")
        #expect(named.status == 1)
        #expect(named.stderr == "convo-hook: no git remote named 'nowhere' (configured: backup, origin)\n")
    }

    @Test func prePushSyncsOnlyWhenThePushGoesToTheConfiguredRemote() throws {
        try repo.gitOK("config", "convo.remote", "backup")
        let toOrigin = try repo.git("push", "-q", "origin", "main")
        #expect(toOrigin.status == 0, "\(toOrigin.stderr)")
        #expect(try refs(origin) == ["refs/heads/main"], "a push to another remote carries no archive ref")
        #expect(try refs(backup) == [])

        let toBackup = try repo.git("push", "-q", "backup", "main")
        #expect(toBackup.status == 0, "\(toBackup.stderr)")
        #expect(try refs(backup) == ["refs/convo/archive", "refs/heads/main", "refs/notes/convo"])
        #expect(toBackup.stderr.components(separatedBy: "pushed refs/convo/archive").count == 2, "the sync's own push does not sync again: \(toBackup.stderr)")
        #expect(try refs(origin) == ["refs/heads/main"])
    }

    @Test func withoutConvoRemotePrePushAndSyncPushNothing() throws {
        #expect(try repo.git("push", "-q", "backup", "main").status == 0)
        #expect(try refs(backup) == ["refs/heads/main"])
        let result = try repo.convoHook("sync")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("convo-hook: nowhere to sync to: pass --remote NAME"))
    }

    @Test func aSecretInTheArchiveStopsEverySync() throws {
        let leaked = ".claude/conversations/claude/20261125-100000-leak/0001.jsonl"
        try repo.write(leaked, #"{"type":"user","message":{"content":"key AKIAQ7K2ZLMNWXRT4VBS"}}"# + "\n")
        let dropbox = repo.root + "/Dropbox"
        try FileManager.default.createDirectory(atPath: dropbox, withIntermediateDirectories: true)
        for arguments in [["sync", "--remote", "backup"], ["sync", "--to", dropbox]] {
            let result = try Shell.run([Products.convoHook] + arguments, in: repo.path, environment: repo.environment)
            #expect(result.status == 1)
            #expect(result.stderr == "convo-hook: secret found in \(leaked):1 (rule aws-access-token); nothing synced (redact it, or add an exception with convo.allow)\n")
        }
        #expect(try refs(backup) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dropbox) == [])
    }

    @Test func aSecretInAnArchiveRefStopsTheGitSync() throws {
        let blob = try repo.git("hash-object", "-w", "--stdin", input: "token ghp_0123456789abcdefghijABCDEFGHIJ012345\n").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try repo.git("mktree", input: "100644 blob \(blob)\tleak.txt\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try repo.gitOK("commit-tree", tree, "-m", "leak").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.gitOK("update-ref", "refs/convo/archive", commit)
        let result = try repo.convoHook("sync", "--remote", "backup")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("convo-hook: secret found in refs/convo/archive:leak.txt:1 (rule "), "\(result.stderr)")
        #expect(try refs(backup) == [])
    }

    @Test func folderMirrorCopiesOnlyWhatChanged() throws {
        let dropbox = repo.root + "/Dropbox"
        let missing = try repo.convoHook("sync", "--to", dropbox)
        #expect(missing.status == 1)
        #expect(missing.stderr == "convo-hook: sync folder \(dropbox) does not exist (create it first; convo-hook does not guess)\n")

        try FileManager.default.createDirectory(atPath: dropbox, withIntermediateDirectories: true)
        #expect(try repo.convoHook("export").status == 0)
        let first = try repo.convoHook("sync", "--to", dropbox)
        #expect(first.status == 0, "\(first.stderr)")
        let mirror = dropbox + "/repo"
        let source = try repo.snapshot(of: repo.path + "/.claude/conversations")
        #expect(try repo.snapshot(of: mirror + "/.claude/conversations").mapValues(\.contents) == source.mapValues(\.contents))
        #expect(FileManager.default.fileExists(atPath: mirror + "/knowledge-base/index.md"))
        let count = source.values.filter { $0.contents != nil }.count + 2
        #expect(first.stdout == "convo-hook: mirrored to \(mirror): \(count) files copied, 0 unchanged\n")

        let dates = try FileManager.default.attributesOfItem(atPath: mirror + "/knowledge-base/index.md")[.modificationDate] as? Date
        let second = try repo.convoHook("sync", "--to", dropbox)
        #expect(second.stdout == "convo-hook: mirrored to \(mirror): 0 files copied, \(count) unchanged\n")
        #expect(try FileManager.default.attributesOfItem(atPath: mirror + "/knowledge-base/index.md")[.modificationDate] as? Date == dates)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mirror + "/knowledge-base").sorted() == ["index.md", "sessions"], "no temporary file left")
    }

    @Test func statusShowsLastSyncPerTargetAndWhetherItIsBehind() throws {
        try repo.gitOK("config", "convo.remote", "backup")
        #expect(try repo.convoHook("status").stdout.contains("sync: git remote backup: never synced"))
        #expect(try repo.convoHook("sync").status == 0)
        let dropbox = repo.root + "/Dropbox"
        try FileManager.default.createDirectory(atPath: dropbox, withIntermediateDirectories: true)
        #expect(try repo.convoHook("sync", "--to", dropbox).status == 0)
        var status = try repo.convoHook("status").stdout
        #expect(status.contains("sync: git remote backup: last 20"), "\(status)")
        #expect(status.contains("UTC, up to date"))
        #expect(status.contains("sync: folder \(dropbox): last 20"))

        try repo.gitOK("notes", "--ref=convo", "add", "-f", "-m", "changed", "HEAD")
        try repo.write(".claude/conversations/claude/20261125-100000-new/0001.jsonl", "{}\n")
        status = try repo.convoHook("status").stdout
        #expect(status.contains("sync: git remote backup: last 20") && status.components(separatedBy: "behind (the archive changed since)").count == 3, "\(status)")
        let json = try repo.convoHook("status", "--json").stdout
        #expect(json.contains("\"behind\" : true"))
    }

    @Test func rcloneMissingIsOneClearLine() throws {
        var environment = repo.environment
        environment["PATH"] = Products.directory
        let result = try Shell.run([Products.convoHook, "sync", "--to", "s3:bucket/backups"], in: repo.path, environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("convo-hook: rclone is not installed (Debian: apt-get install rclone), needed to sync to s3:bucket/backups"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
