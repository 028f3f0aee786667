import Foundation
import TestSupport
import Testing

/// `convo-hook install` / `uninstall` against real repositories and real `git commit`s.
@Suite struct InstallTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        repo.environment["CONVO_HOOK_TRACE"] = "1"
    }

    private var hooksDir: String { repo.path + "/.git/hooks" }

    private func commit(_ message: String = "change") throws -> ProcessResult {
        try repo.write("file-\(UUID().uuidString)", "x\n")
        try repo.gitOK("add", "-A")
        return try repo.git("commit", "-q", "-m", message)
    }

    @Test func installsExecutableShimsThatRunOnCommit() throws {
        let result = try repo.convoHook("install")
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push"] {
            let path = hooksDir + "/" + name
            let shim = try String(contentsOfFile: path, encoding: .utf8)
            #expect(shim.contains("# convo-hook shim"))
            #expect(shim == (try String(contentsOfFile: "\(Products.packageRoot)/hooks/convo-hook-shim", encoding: .utf8)))
            #expect(FileManager.default.isExecutableFile(atPath: path))
        }
        let commit = try commit()
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(commit.stderr.contains("trace: running pre-commit"))
        #expect(try repo.gitOK("config", "--local", "convo.mode") == "tree\n")
        #expect(try repo.gitOK("config", "--local", "--get-all", "notes.rewriteRef") == "refs/notes/convo\n")
    }

    @Test func installTwiceChangesNothingAndUninstallRestoresEveryByte() throws {
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n", mode: 0o750)
        try repo.write(".git/hooks/post-commit", "not executable\n", mode: 0o600)
        try repo.gitOK("config", "convo.mode", "ref")
        try repo.gitOK("config", "notes.rewriteRef", "refs/notes/commits")
        let before = try repo.snapshot(of: hooksDir)
        let configBefore = try repo.gitOK("config", "--local", "--list")

        #expect(try repo.convoHook("install", "--mode", "tree", "--strict").status == 0)
        let once = try repo.snapshot(of: hooksDir)
        let second = try repo.convoHook("install", "--mode", "tree", "--strict")
        #expect(second.status == 0)
        #expect(second.stdout.contains("nothing changed"))
        #expect(try repo.snapshot(of: hooksDir) == once)
        #expect(try repo.gitOK("config", "convo.strict") == "true\n")
        #expect(try repo.gitOK("config", "--get-all", "notes.rewriteRef") == "refs/notes/commits\nrefs/notes/convo\n")

        let uninstall = try repo.convoHook("uninstall")
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(try repo.snapshot(of: hooksDir) == before)
        #expect(try repo.gitOK("config", "--local", "--list") == configBefore)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/convo-hook/install.json"))
    }

    @Test func failingExistingHookStillFailsTheCommit() throws {
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho 'lint failed' >&2\nexit 3\n", mode: 0o755)
        #expect(try repo.convoHook("install").status == 0)
        let result = try commit()
        #expect(result.status != 0)
        #expect(result.stderr.contains("lint failed"))
        #expect(!result.stderr.contains("trace: running pre-commit"))
        #expect(try repo.git("rev-parse", "--verify", "HEAD").status != 0, "no commit was made")
    }

    @Test func succeedingExistingHookRunsFirstWithItsArguments() throws {
        try repo.write(".git/hooks/prepare-commit-msg", "#!/bin/bash\necho \"chained got $# args: $1\" >&2\n", mode: 0o755)
        #expect(try repo.convoHook("install").status == 0)
        let result = try commit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("chained got 2 args: .git/COMMIT_EDITMSG"))
    }

    @Test(arguments: [".githooks", "ABSOLUTE"])
    func honorsCoreHooksPathThatDoesNotExistYet(_ configured: String) throws {
        let value = configured == "ABSOLUTE" ? repo.root + "/shared-hooks/nested" : configured
        try repo.gitOK("config", "core.hooksPath", value)
        let dir = value.hasPrefix("/") ? value : repo.path + "/" + value
        #expect(try repo.convoHook("install").status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: hooksDir + "/pre-commit"))
        let status = try repo.convoHook("status")
        #expect(status.stdout.contains("hooks folder: \(dir)"))
        #expect(try commit().stderr.contains("trace: running pre-commit"))
        #expect(try repo.convoHook("uninstall").status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir), "the folder install created is gone")
        #expect(!FileManager.default.fileExists(atPath: repo.root + "/shared-hooks"))
    }

    @Test func installFromSubfolderAndLinkedWorktree() throws {
        #expect(try commit().status == 0)
        try repo.write("sub/dir/.keep", "")
        #expect(try repo.convoHook("install", in: repo.path + "/sub/dir").status == 0)
        #expect(try repo.convoHook("uninstall", in: repo.path + "/sub/dir").status == 0)

        let worktree = repo.root + "/wt"
        try repo.gitOK("worktree", "add", "-q", worktree, "-b", "side")
        let install = try repo.convoHook("install", in: worktree)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(FileManager.default.fileExists(atPath: hooksDir + "/pre-commit"), "hooks go to the common git dir")
        try repo.write(worktree + "/w.txt", "w\n")
        try repo.gitOK("add", "w.txt", in: worktree)
        let result = try repo.git("commit", "-q", "-m", "in worktree", in: worktree)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("trace: running pre-commit"))
        #expect(try repo.convoHook("status", in: worktree).stdout.contains("convo-hook: installed"))
    }

    @Test func missingBinaryWarnsOnceAndTheCommitGoesOn() throws {
        #expect(try repo.convoHook("install").status == 0)
        repo.environment["PATH"] = "/usr/bin:/bin"
        let result = try commit()
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("convo-hook: not found on PATH") }
        #expect(warnings.count == 1, "one line for pre-commit; the others end before looking: \(result.stderr)")
        #expect(try repo.gitOK("log", "--format=%s") == "change\n")
    }

    @Test func convoHookZeroSkipsConvoHookButNotTheChainedHook() throws {
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho chained-ran >&2\n", mode: 0o755)
        #expect(try repo.convoHook("install").status == 0)
        repo.environment["CONVO_HOOK"] = "0"
        let result = try commit()
        #expect(result.status == 0)
        #expect(result.stderr.contains("chained-ran"))
        #expect(!result.stderr.contains("trace:"))
    }

    @Test func huskyStyleHooksPathKeepsDispatchingOnTheHookName() throws {
        // husky 9 layout: .husky/_/<hook> sources .husky/_/h, which runs .husky/<basename of $0>.
        try repo.write(
            ".husky/_/h", "#!/usr/bin/env sh\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\n", mode: 0o644)
        try repo.write(".husky/_/pre-commit", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n", mode: 0o755)
        try repo.write(".husky/pre-commit", "echo husky-user-hook >&2\nexit 7\n")
        try repo.gitOK("config", "core.hooksPath", ".husky/_")
        let before = try repo.snapshot(of: repo.path + "/.husky")
        #expect(try repo.convoHook("install").status == 0)
        let failing = try commit()
        #expect(failing.status != 0)
        #expect(failing.stderr.contains("husky-user-hook"))
        try repo.write(".husky/pre-commit", "echo husky-user-hook >&2\n")
        let passing = try commit()
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(passing.stderr.contains("husky-user-hook"))
        #expect(passing.stderr.contains("trace: running pre-commit"))
        try repo.write(".husky/pre-commit", "echo husky-user-hook >&2\nexit 7\n")
        #expect(try repo.convoHook("uninstall").status == 0)
        #expect(try repo.snapshot(of: repo.path + "/.husky") == before)
    }

    @Test func prePushFeedsTheSameRefsToTheChainedHookAndConvoHook() throws {
        let remote = repo.root + "/remote.git"
        try repo.gitOK("init", "-q", "--bare", remote)
        try repo.gitOK("remote", "add", "origin", remote)
        try repo.write(".git/hooks/pre-push", "#!/bin/sh\ncat > '\(repo.root)/pushed-refs'\n", mode: 0o755)
        #expect(try repo.convoHook("install").status == 0)
        #expect(try commit().status == 0)
        let push = try repo.git("push", "-q", "origin", "main")
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stderr.contains("trace: running pre-push"))
        let refs = try String(contentsOfFile: repo.root + "/pushed-refs", encoding: .utf8)
        #expect(refs.hasPrefix("refs/heads/main "))
    }

    @Test func aHooksFolderTheTeamCommitsGetsASnippetThatDoesNothingWithoutConvoHook() throws {
        try repo.write(".githooks/pre-commit", "#!/bin/sh\necho team hook\n", mode: 0o755)
        try repo.gitOK("add", ".githooks/pre-commit")
        try repo.gitOK("commit", "-qm", "team hooks")
        try repo.gitOK("config", "core.hooksPath", ".githooks")
        let result = try repo.convoHook("install")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(".githooks/ holds hooks the team commits"))
        let line = "command -v convo-hook-shim >/dev/null 2>&1 && { convo-hook-shim pre-commit \"$@\" || exit $?; }"
        #expect(result.stdout.contains(".githooks/pre-commit:  " + line))
        #expect(try repo.gitOK("status", "--porcelain") == "", "nothing written in the team's folder")

        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path)
        for name in ["pre-commit", "prepare-commit-msg", "post-commit"] {
            let body = name == "pre-commit" ? "#!/bin/sh\necho team hook\n" : "#!/bin/sh\n"
            try repo.write(".githooks/" + name, body + line.replacingOccurrences(of: "pre-commit", with: name) + "\n", mode: 0o755)
        }
        try repo.gitOK("add", ".githooks")
        repo.environment["PATH"] = Products.packageRoot + "/hooks:" + repo.environment["PATH"]!
        let commit = try repo.git("commit", "-q", "-m", "hooks call convo-hook")
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.gitOK("log", "-1", "--format=%(trailers:key=Conversation,valueonly)") == "claude/\(session.sessionID)\n\n")

        let clone = repo.root + "/clone"
        try repo.gitOK("clone", "-q", "-c", "core.hooksPath=.githooks", repo.path, clone)
        try repo.write(clone + "/c.txt", "c\n")
        try repo.gitOK("-C", clone, "add", "c.txt")
        let elsewhere = try repo.git("-C", clone, "commit", "-q", "-m", "in a clone without convo-hook")
        #expect(elsewhere.status == 0 && elsewhere.stderr == "team hook\n", "\(elsewhere.stderr)")
    }

    @Test func unknownHookNameIsAClearError() throws {
        let result = try repo.convoHook("hook", "pre-rebase")
        #expect(result.status == 2)
        #expect(result.stderr == "convo-hook: unknown hook 'pre-rebase' (known: pre-commit, prepare-commit-msg, commit-msg, post-commit, pre-push)\n")
    }

    @Test func outsideARepositoryFailsWithOneLine() throws {
        let result = try Shell.run([Products.convoHook, "install"], in: repo.home, environment: repo.environment.merging(["GIT_CEILING_DIRECTORIES": repo.root]) { $1 })
        #expect(result.status == 128)
        #expect(result.stderr == "convo-hook: not a git repository (or any of the parent directories)\n")
    }
}

/// `install --extract-command`: the `/extract` Claude Code command, recorded and removed like the hooks.
@Suite struct ExtractCommandTests {
    let repo: TemporaryRepository
    init() throws { repo = try TemporaryRepository() }

    private var command: String { repo.path + "/.claude/commands/extract.md" }

    @Test func writesTheCommandOnceAndUninstallRemovesItWhenUnchanged() throws {
        let install = try repo.convoHook("install", "--extract-command")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("convo-hook: wrote \(command) (the /extract command)"))
        let text = try String(contentsOfFile: command, encoding: .utf8)
        for part in [
            "knowledge-base/sessions/", "## Key decisions", "rationale", "## Problems and solutions",
            "## Patterns worth documenting", "## Proposed CLAUDE.md additions", "description:",
        ] {
            #expect(text.contains(part), "missing \(part)")
        }
        #expect(try repo.convoHook("install", "--extract-command").stdout.contains("nothing changed"))
        let uninstall = try repo.convoHook("uninstall")
        #expect(uninstall.stdout.contains("convo-hook: removed \(command)"))
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.claude"), "folders install created are gone")
    }

    @Test func anEditedOrForeignCommandIsLeftAlone() throws {
        #expect(try repo.convoHook("install", "--extract-command").status == 0)
        try repo.write(".claude/commands/extract.md", "my own words\n")
        let uninstall = try repo.convoHook("uninstall")
        #expect(uninstall.stdout.contains("left \(command) alone: it was changed after install"))
        #expect(try String(contentsOfFile: command, encoding: .utf8) == "my own words\n")

        let again = try repo.convoHook("install", "--extract-command")
        #expect(again.stdout.contains("left \(command) alone: it exists and is not convo-hook's"))
        #expect(try String(contentsOfFile: command, encoding: .utf8) == "my own words\n")
    }
}
