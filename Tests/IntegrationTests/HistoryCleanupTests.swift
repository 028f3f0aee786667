import Foundation
import TestSupport
import Testing

/// `convo-hook scan --history` and `convo-hook redact --rewrite` on archives that leaked before the
/// current rules existed (committed here directly, as an older version would have).
@Suite struct HistoryCleanupTests {
    let repo: TemporaryRepository
    // Built at run time so the source holds no token-shaped literal.
    static let token = "ghp_" + String(repeating: "Qk7vX2mLr9", count: 4).prefix(36)
    static let folder = ".claude/conversations/claude/20260101-000000-s1"
    static let cleanLine = #"{"type":"user","message":{"content":"keep this line exactly"}}"#
    static let leakLine = #"{"type":"user","message":{"content":"export GITHUB_TOKEN=\#(token)"}}"#

    init() throws {
        repo = try TemporaryRepository()
        try repo.write("README", "hello\n")
        try repo.gitOK("add", "README")
        try repo.gitOK("commit", "-qm", "base")
    }

    static func sha256Prefix(_ bytes: String) throws -> String {
        let r = try Shell.run(["sha256sum"], in: "/", environment: ["PATH": "/usr/bin:/bin"], input: bytes)
        return String(r.stdout.prefix(8))
    }

    static var partBytes: String { cleanLine + "\n" + leakLine + "\n" }

    @Test func treeModeNamesTheCommitAndPrintsTheFilterRepoCommand() throws {
        let name = "000001-000002-\(try Self.sha256Prefix(Self.partBytes)).jsonl"
        try repo.write(Self.folder + "/" + name, Self.partBytes)
        try repo.gitOK("add", "-f", Self.folder)
        try repo.gitOK("commit", "-qm", "old leak")
        let leakCommit = try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)

        let scan = try repo.convoHook("scan", "--history")
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("\(leakCommit.prefix(12)) \(Self.folder)/\(name):2:github-pat: ghp_…"), "\(scan.stdout)")
        #expect(!scan.stdout.contains(Self.token))

        let rewrite = try repo.convoHook("redact", "--rewrite")
        #expect(rewrite.status == 0, "\(rewrite.stderr)")
        let file = repo.path + "/.git/convo-hook/redact-replacements.txt"
        #expect(rewrite.stdout.contains("  git filter-repo --replace-text '\(file)'"), "\(rewrite.stdout)")
        #expect(rewrite.stdout.contains("warning: this rewrites the history"))
        #expect(!rewrite.stdout.contains(Self.token))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "literal:\(Self.token)==>[REDACTED:github-pat]\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A commit on refs/convo/archive holding one part file, made with plumbing.
    private func archiveCommit(_ partName: String, _ bytes: String) throws -> String {
        let blob = try repo.git(["hash-object", "-w", "--stdin"], input: bytes).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let index = repo.root + "/archive-index"
        var env = repo.environment
        env["GIT_INDEX_FILE"] = index
        _ = try Shell.run(["git", "update-index", "--add", "--cacheinfo", "100644,\(blob),\(Self.folder)/\(partName)"], in: repo.path, environment: env)
        let tree = try Shell.run(["git", "write-tree"], in: repo.path, environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try repo.git(["commit-tree", tree, "-m", "archive"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.gitOK("update-ref", "refs/convo/archive", commit)
        return commit
    }

    @Test func refModeRewritesTheArchiveRefAndKeepsABackup() throws {
        try repo.gitOK("config", "convo.mode", "ref")
        let name = "000001-000002-\(try Self.sha256Prefix(Self.partBytes)).jsonl"
        let old = try archiveCommit(name, Self.partBytes)
        #expect(try repo.convoHook("scan", "--history").stdout.contains("\(old.prefix(12)) \(Self.folder)/\(name):2:github-pat"))

        let rewrite = try repo.convoHook("redact", "--rewrite")
        #expect(rewrite.status == 0, "\(rewrite.stderr)")
        #expect(rewrite.stdout.contains("rewrote 1 archive commit (1 file redacted)"), "\(rewrite.stdout)")
        let backups = try repo.gitOK("for-each-ref", "--format=%(refname) %(objectname)", "refs/convo/backup/").split(separator: "\n")
        #expect(backups.count == 1 && backups[0].hasSuffix(old), "\(backups)")

        let files = try repo.gitOK("ls-tree", "-r", "--name-only", "refs/convo/archive").split(separator: "\n").map(String.init)
        #expect(files.count == 1)
        let newBytes = try repo.gitOK("cat-file", "-p", "refs/convo/archive:" + files[0])
        #expect(!newBytes.contains(Self.token))
        #expect(newBytes.hasPrefix(Self.cleanLine + "\n"), "a line without a secret keeps its bytes")
        #expect(newBytes.contains("[REDACTED:github-pat]"))
        #expect(files[0] == "\(Self.folder)/000001-000002-\(try Self.sha256Prefix(newBytes)).jsonl", "the part is named after its new bytes")
        #expect(try repo.gitOK("log", "-1", "--format=%an %s", "refs/convo/archive") == "Test User archive\n")

        // The old tip still holds the secret until the backup is deleted.
        #expect(try repo.convoHook("scan", "--history").status == 1)
        try repo.gitOK("update-ref", "-d", backups[0].split(separator: " ").first.map(String.init)!)
        let clean = try repo.convoHook("scan", "--history")
        #expect(clean.status == 0, "\(clean.stdout)")
        let again = try repo.convoHook("redact", "--rewrite")
        #expect(again.stdout == "convo-hook: no secret in refs/convo/archive; nothing rewritten\n")
    }
}
