import Foundation
import TestSupport
import Testing

/// convo-hook beside other hook tools, each installed before or after it: every commit succeeds, every
/// tool's hook runs, the archive is staged and the trailer written (after a repair by `install` where
/// the other tool leaves convo-hook no way to run; `status` says so).
@Suite struct CoexistenceTests {
    let repo: TemporaryRepository
    let session: ClaudeTranscript

    init() throws {
        repo = try TemporaryRepository()
        try repo.write("README", "hello\n")
        try repo.gitOK("add", "README")
        try repo.gitOK("commit", "-qm", "base")
        session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Work beside other hook tools")
    }

    private func use(_ folder: String) {
        repo.environment["PATH"] = folder + ":" + (repo.environment["PATH"] ?? "")
    }

    /// Runs another tool in the repository.
    private func tool(_ arguments: [String]) throws -> ProcessResult {
        try Shell.run(arguments, in: repo.path, environment: repo.environment)
    }

    private func install() throws {
        let result = try repo.convoHook("install")
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Commits a change and checks that it carries the session's new lines and its trailer.
    @discardableResult
    private func commitCarriesTheSession(_ expectOutput: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        try session.append(role: "assistant", text: "line \(UUID().uuidString)")
        try repo.write("f-\(UUID().uuidString)", "x\n")
        try repo.gitOK("add", "-A")
        let result = try repo.git("commit", "-q", "-m", "change")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        if let expectOutput { #expect((result.stdout + result.stderr).contains(expectOutput), "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation) }
        let transcript = try String(contentsOfFile: session.path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(try ArchiveView(repo).lines(session: session.sessionID) == transcript, sourceLocation: sourceLocation)
        #expect(try repo.gitOK("log", "-1", "--format=%(trailers:key=Conversation,valueonly)") == "claude/\(session.sessionID)\n\n", sourceLocation: sourceLocation)
        #expect(try repo.gitOK("notes", "--ref=convo", "show", "HEAD").contains(session.sessionID), sourceLocation: sourceLocation)
        return result
    }

    private func status() throws -> String { try repo.convoHook("status").stdout }

    // MARK: The pre-commit framework

    private func preCommitConfig() throws {
        try repo.write(
            ".pre-commit-config.yaml",
            """
            repos:
            - repo: local
              hooks:
              - id: hello
                name: hello
                entry: sh -c "echo framework-ran >&2"
                language: system
                pass_filenames: false
                always_run: true
                verbose: true
                stages: [pre-commit, commit-msg, prepare-commit-msg, post-commit]

            """)
        try repo.gitOK("add", ".pre-commit-config.yaml")
        try repo.gitOK("commit", "-qm", "pre-commit config", "--no-verify")
    }

    @Test(arguments: [["pre-commit"], ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit"]])
    func preCommitFrameworkInstalledAfterConvoHook(_ hookTypes: [String]) throws {
        guard let tools = ExternalTools.folder(of: "pre-commit") else { return }
        use(tools)
        try preCommitConfig()
        try install()
        let framework = try tool([tools + "/pre-commit", "install"] + hookTypes.flatMap { ["--hook-type", $0] })
        #expect(framework.status == 0, "\(framework.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit.legacy"), "migration mode kept the shim")
        try commitCarriesTheSession("framework-ran")
        #expect(try status().contains("convo-hook: installed"))
        try commitCarriesTheSession("framework-ran")
    }

    @Test func preCommitFrameworkInstalledBeforeConvoHookAndAgainAfter() throws {
        guard let tools = ExternalTools.folder(of: "pre-commit") else { return }
        use(tools)
        try preCommitConfig()
        #expect(try tool([tools + "/pre-commit", "install"]).status == 0)
        try install()
        #expect(FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit.legacy"), "the shim takes the framework's legacy slot")
        try commitCarriesTheSession("framework-ran")
        #expect(try tool([tools + "/pre-commit", "install"]).status == 0)
        try commitCarriesTheSession("framework-ran")
        #expect(try status().contains("pre-commit: convo-hook, run by the pre-commit framework"))
        #expect(try repo.convoHook("uninstall").status == 0)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/hooks/pre-commit.legacy"))
        let after = try repo.git("commit", "-q", "--allow-empty", "-m", "framework alone")
        #expect(after.status == 0 && after.stderr.contains("framework-ran"), "\(after.stderr)")
    }

    // MARK: husky (v9 layout: core.hooksPath=.husky/_, whose stubs source _/h, which runs .husky/<hook>)

    private func husky() throws {
        try repo.write(".husky/_/h", "#!/usr/bin/env sh\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\n")
        try repo.write(".husky/_/.gitignore", "*\n")
        for name in ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push"] {
            try repo.write(".husky/_/" + name, "#!/usr/bin/env sh\n. \"${0%/*}/h\"\n", mode: 0o755)
        }
        try repo.gitOK("config", "core.hooksPath", ".husky/_")
    }

    @Test func huskyBeforeConvoHookAndAfterHuskyRewritesItsStubs() throws {
        try repo.write(".husky/pre-commit", "echo husky-user-hook >&2\n")
        try husky()
        try install()
        try commitCarriesTheSession("husky-user-hook")
        try husky()  // `husky` runs again (npm install): its stubs replace the shims
        #expect(try status().contains("pre-commit: replaced by husky"))
        let meanwhile = try repo.git("commit", "-q", "--allow-empty", "-m", "meanwhile")
        #expect(meanwhile.status == 0 && meanwhile.stderr.contains("husky-user-hook"))
        let repair = try repo.convoHook("install")
        #expect(repair.stdout.contains("repaired"), "\(repair.stdout)")
        try commitCarriesTheSession("husky-user-hook")
    }

    @Test func huskyAfterConvoHookWithTheSnippetInItsCommittedHooks() throws {
        try install()
        let snippetFor = { (name: String) -> String in
            "command -v convo-hook-shim >/dev/null 2>&1 && { convo-hook-shim \(name) \"$@\"\(name == "pre-push" ? " </dev/null" : "") || exit $?; }\n"
        }
        try repo.write(".husky/pre-commit", "echo husky-user-hook >&2\n" + snippetFor("pre-commit"))
        for name in ["prepare-commit-msg", "commit-msg", "post-commit"] { try repo.write(".husky/" + name, snippetFor(name)) }
        try husky()
        use(Products.packageRoot + "/hooks")
        try commitCarriesTheSession("husky-user-hook")
        #expect(try status().contains("git now runs hooks from"), "status names the move")
        // A teammate's clone without convo-hook: the same committed hooks do nothing.
        let teammate = repo.root + "/teammate"
        try repo.gitOK("clone", "-q", repo.path, teammate)
        try repo.gitOK("-C", teammate, "config", "core.hooksPath", ".husky/_")
        try FileManager.default.copyItem(atPath: repo.path + "/.husky/_", toPath: teammate + "/.husky/_")
        try repo.write(teammate + "/t.txt", "t\n")
        try repo.gitOK("-C", teammate, "add", "-A")
        let clone = try repo.git("-C", teammate, "commit", "-q", "-m", "teammate")
        #expect(clone.status == 0 && !clone.stderr.contains("convo-hook"), "\(clone.stderr)")
        #expect(!(try repo.gitOK("-C", teammate, "show", "--name-only", "--format=", "HEAD")).contains(".claude"))
    }

    // MARK: lefthook (sets a replaced hook aside as <name>.old and never runs it)

    private func lefthookConfig() throws {
        try repo.write("lefthook.yml", "pre-commit:\n  commands:\n    hello:\n      run: echo lefthook-ran\n")
        try repo.gitOK("add", "lefthook.yml")
        try repo.gitOK("commit", "-qm", "lefthook config", "--no-verify")
    }

    @Test func lefthookBeforeConvoHook() throws {
        guard let tools = ExternalTools.folder(of: "lefthook") else { return }
        use(tools)
        try lefthookConfig()
        #expect(try tool([tools + "/lefthook", "install"]).status == 0)
        try install()
        try commitCarriesTheSession("lefthook-ran")
    }

    @Test func lefthookAfterConvoHookIsRepairedByInstall() throws {
        guard let tools = ExternalTools.folder(of: "lefthook") else { return }
        use(tools)
        try lefthookConfig()
        try install()
        #expect(try tool([tools + "/lefthook", "install"]).status == 0)
        #expect(try status().contains("pre-commit: replaced by lefthook"))
        try repo.write("meanwhile.txt", "m\n")
        try repo.gitOK("add", "meanwhile.txt")
        let meanwhile = try repo.git("commit", "-q", "-m", "meanwhile")
        #expect(meanwhile.status == 0 && (meanwhile.stdout + meanwhile.stderr).contains("lefthook-ran"), "\(meanwhile.stdout)\(meanwhile.stderr)")
        let repair = try repo.convoHook("install")
        #expect(repair.status == 0, "\(repair.stderr)")
        try commitCarriesTheSession("lefthook-ran")
        #expect(try status().contains("convo-hook: installed"))
    }

    // MARK: git-lfs (refuses to replace a hook it did not write)

    private func lfsRemote() throws -> String {
        let remote = repo.root + "/remote.git"
        try repo.gitOK("init", "-q", "--bare", remote)
        try repo.gitOK("remote", "add", "origin", remote)
        return remote
    }

    private func pushesLFSObjects(_ remote: String) throws {
        try repo.gitOK("lfs", "track", "*.bin")
        try repo.write("data.bin", "large \(UUID().uuidString)\n")
        try commitCarriesTheSession()
        let push = try repo.git("push", "-q", "origin", "main")
        #expect(push.status == 0, "\(push.stderr)")
        let objects = try repo.gitOK("-C", remote, "lfs", "ls-files", "--all").count
        let stored = FileManager.default.enumerator(atPath: remote + "/lfs/objects")?.allObjects.count ?? 0
        #expect(stored > 0, "the pre-push hook of git-lfs uploaded the object (\(objects))")
    }

    @Test func gitLFSBeforeConvoHook() throws {
        guard ExternalTools.folder(of: "git-lfs") != nil else { return }
        #expect(try repo.git("lfs", "install", "--local").status == 0)
        try install()
        try pushesLFSObjects(try lfsRemote())
    }

    @Test func gitLFSAfterConvoHook() throws {
        guard ExternalTools.folder(of: "git-lfs") != nil else { return }
        try install()
        let lfs = try repo.git("lfs", "install", "--local")
        #expect(lfs.stderr.contains("Hook already exists") || lfs.stdout.contains("Hook already exists") || lfs.status == 0, "\(lfs.stderr)")
        try pushesLFSObjects(try lfsRemote())
    }
}
