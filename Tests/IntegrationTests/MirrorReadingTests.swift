import Foundation
import TestSupport
import Testing

/// `log`, `show`, `search` and `export --dir DIR` read exactly what `sync --to DIR` writes
/// (`DIR/<repo>/<convo.dir>/<source>/<session>/…`), for one repository or several, naming each one.
@Suite struct MirrorReadingTests {
    let alpha: TemporaryRepository
    let beta: TemporaryRepository
    /// The second repository's worktree, named `beta` (both temporary repositories are called `repo`).
    let betaPath: String
    let dropbox: String
    let claude: ClaudeTranscript
    let codex: CodexRollout

    init() throws {
        alpha = try TemporaryRepository()
        try alpha.commitBaseAndInstall()
        claude = try ClaudeTranscript(configDir: alpha.home + "/.claude", cwd: alpha.path, prompt: "Pick the queue library")
        try claude.append(role: "assistant", text: "Use the queue with at-least-once delivery.")
        try MirrorReadingTests.commit(alpha, "a.txt", in: alpha.path)

        beta = try TemporaryRepository(initialize: false)
        betaPath = beta.root + "/beta"
        try beta.gitOK("init", "-q", betaPath)
        try beta.write(betaPath + "/README", "beta\n")
        try beta.gitOK("add", "README", in: betaPath)
        try beta.gitOK("commit", "-qm", "base", in: betaPath)
        #expect(try beta.convoHook("install", in: betaPath).status == 0)
        codex = try CodexRollout(codexHome: beta.home + "/.codex", cwd: betaPath, prompt: "Choose the queue retention")
        try MirrorReadingTests.commit(beta, "b.txt", in: betaPath)

        dropbox = alpha.root + "/Dropbox"
        try FileManager.default.createDirectory(atPath: dropbox, withIntermediateDirectories: true)
        let one = try alpha.convoHook("sync", "--to", dropbox)
        #expect(one.status == 0, "\(one.stderr)")
        let two = try beta.convoHook("sync", "--to", dropbox, in: betaPath)
        #expect(two.status == 0, "\(two.stderr)")
    }

    static func commit(_ repo: TemporaryRepository, _ file: String, in path: String) throws {
        try repo.write(path + "/" + file, file + "\n")
        try repo.gitOK("add", file, in: path)
        let result = try repo.git("commit", "-q", "-m", "add \(file)", in: path)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func syncWritesWhatSearchDirReadsNamingEachRepository() throws {
        #expect(FileManager.default.fileExists(atPath: dropbox + "/repo/.claude/conversations/claude"))
        #expect(FileManager.default.fileExists(atPath: dropbox + "/beta/.claude/conversations/codex"))
        let search = try alpha.convoHook("search", "--dir", dropbox, "queue", "--json")
        #expect(search.status == 0, "\(search.stderr)")
        let hits = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(Set(hits.compactMap { $0["repository"] as? String }) == ["repo", "beta"], "\(search.stdout)")
        let text = try alpha.convoHook("search", "--dir", dropbox, "retention")
        #expect(text.stdout.contains("beta · codex/\(codex.sessionID)"), "\(text.stdout)")
    }

    @Test func logShowAndExportDirReadTheSameFolder() throws {
        let log = try alpha.convoHook("log", "--dir", dropbox)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("repo · claude/\(claude.sessionID)  2 lines"), "\(log.stdout)")
        #expect(log.stdout.contains("beta · codex/\(codex.sessionID)  "), "\(log.stdout)")
        let json = try alpha.convoHook("log", "--dir", dropbox, "--json")
        #expect(json.stdout.contains("\"repository\" : \"beta\""), "\(json.stdout)")

        let fromMirror = try alpha.convoHook("show", "--dir", dropbox, claude.sessionID, "--format", "jsonl")
        let fromRepository = try alpha.convoHook("show", claude.sessionID, "--format", "jsonl")
        #expect(fromMirror.status == 0, "\(fromMirror.stderr)")
        #expect(fromMirror.stdout == fromRepository.stdout)
        let qualified = try alpha.convoHook("show", "--dir", dropbox, "beta/codex/\(codex.sessionID)")
        #expect(qualified.status == 0, "\(qualified.stderr)")
        #expect(qualified.stdout.contains("Choose the queue retention"))
        let missing = try alpha.convoHook("show", "--dir", dropbox, "nothing-like-it")
        #expect(missing.status == 1)
        #expect(missing.stderr == "convo-hook: no archived session matches 'nothing-like-it' in \(dropbox)\n")

        let out = alpha.root + "/pages"
        let export = try alpha.convoHook("export", "--dir", dropbox, "--out", out)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
                "2026-11-24-choose-the-queue-retention.md", "2026-11-25-pick-the-queue-library.md",
            ])
        #expect(FileManager.default.fileExists(atPath: alpha.root + "/index.md"))
        let again = try alpha.convoHook("export", "--dir", dropbox, "--out", out)
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
    }

    @Test func oneRepositorysFolderReadsAsThatRepository() throws {
        let log = try alpha.convoHook("log", "--dir", dropbox + "/beta")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("beta · codex/\(codex.sessionID)"), "\(log.stdout)")
        #expect(!log.stdout.contains("claude/"))
        let search = try alpha.convoHook("search", "--dir", dropbox + "/beta", "retention")
        #expect(search.stdout.contains("beta · codex/"), "\(search.stdout)")
    }
}
