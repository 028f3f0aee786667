import Foundation
import TestSupport
import Testing

/// One error style, git's: `convo-hook: <what went wrong>` on stderr, no library or Swift type names;
/// status 1 for a failure, 2 for wrong usage, 128 where git uses it.
@Suite struct ErrorStyleTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
    }

    private func firstLine(_ result: ProcessResult) -> String {
        result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    @Test(arguments: [
        ["log"], ["show", "HEAD"], ["export"], ["status"], ["capture"], ["commit", "-m", "x"], ["install"],
        ["uninstall"], ["sync"], ["search", "parser"], ["fetch"],
    ])
    func outsideARepositoryEveryCommandSaysSoAsGitDoes(_ arguments: [String]) throws {
        let outside = repo.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        var environment = repo.environment
        environment["GIT_CEILING_DIRECTORIES"] = repo.root
        let result = try Shell.run([Products.convoHook] + arguments, in: outside, environment: environment)
        #expect(result.status == 128, "\(arguments): \(result.stderr)")
        #expect(result.stderr == "convo-hook: not a git repository (or any of the parent directories)\n", "\(arguments)")
        #expect(result.stdout == "")
    }

    @Test func aSHA256RepositoryIsNamedAsOneThatCannotBeOpened() throws {
        let sha256 = repo.root + "/sha256"
        try repo.gitOK("init", "-q", "--object-format=sha256", sha256)
        for arguments in [["install"], ["log"]] {
            let result = try Shell.run([Products.convoHook] + arguments, in: sha256, environment: repo.environment)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(firstLine(result).hasPrefix("convo-hook: this repository uses SHA-256 object names"), "\(result.stderr)")
        }
    }

    @Test func gitDirPointingNowhereIsNotARepositoryEither() throws {
        var environment = repo.environment
        environment["GIT_DIR"] = repo.root + "/missing.git"
        let result = try Shell.run([Products.convoHook, "log"], in: repo.path, environment: environment)
        #expect(result.status == 128)
        #expect(result.stderr == "convo-hook: not a git repository (or any of the parent directories)\n")
    }

    @Test func badHookInputIsNamedInWordsAndNeverBlocksClaude() throws {
        for input in ["{bad", #"{"cwd":"\#(repo.path)"}"#, #"{"session_id":42}"#] {
            let result = try repo.convoHook("capture", "--hook-input", input: input)
            #expect(result.status == 0, "never blocks Claude")
            #expect(result.stderr == "convo-hook: capture from Claude Code hook: the hook input on stdin is not Claude Code's hook JSON (session_id and cwd)\n", "\(input)")
        }
    }

    @Test func aMissingArgumentIsWrongUsage() throws {
        let result = try repo.convoHook("show")
        #expect(result.status == 2)
        #expect(firstLine(result) == "convo-hook: missing expected argument '<target>'")
        #expect(result.stderr.contains("\nusage: convo-hook show <target> [--format <format>]"))
        #expect(!result.stderr.contains("Error:"))
    }

    @Test func anUnknownOptionIsWrongUsage() throws {
        let result = try repo.convoHook("log", "--colour")
        #expect(result.status == 2)
        #expect(firstLine(result) == "convo-hook: unknown option '--colour'")
    }

    @Test func anUnknownSubcommandIsWrongUsage() throws {
        let result = try repo.convoHook("frobnicate")
        #expect(result.status == 2)
        #expect(firstLine(result) == "convo-hook: unexpected argument 'frobnicate'")
    }

    @Test func aValueOfTheWrongKindIsWrongUsage() throws {
        let result = try repo.convoHook("search", "--limit", "many", "parser")
        #expect(result.status == 2)
        #expect(firstLine(result) == "convo-hook: the value 'many' is invalid for '--limit <limit>'")
    }

    @Test func aValueOutOfRangeIsWrongUsage() throws {
        let result = try repo.convoHook("search", "--limit", "5000", "parser")
        #expect(result.status == 2)
        #expect(result.stderr == "convo-hook: --limit must be between 1 and 1000 (got 5000)\n")
    }

    @Test func aQueryThatCannotBeReadIsWrongUsage() throws {
        let result = try repo.convoHook("search", "\"open phrase")
        #expect(result.status == 2)
        #expect(result.stderr == "convo-hook: unterminated phrase: a \" has no closing \"\n")
    }

    @Test func aBadSettingIsAFailureNamingTheKey() throws {
        try repo.gitOK("config", "convo.mode", "cloud")
        let result = try repo.convoHook("log")
        #expect(result.status == 1)
        #expect(result.stderr == "convo-hook: convo.mode must be tree or ref (got 'cloud')\n")
    }

    @Test func aTargetThatIsNeitherSessionNorCommitIsAFailure() throws {
        let result = try repo.convoHook("show", "no-such-thing")
        #expect(result.status == 1)
        #expect(result.stderr == "convo-hook: 'no-such-thing' is neither an archived session nor a commit\n")
    }

    @Test func aDamagedInstallRecordIsNamedWithoutSwiftsWords() throws {
        try repo.write(".git/convo-hook/install.json", "{\"hooksDirectory\": 3}\n")
        let result = try repo.convoHook("install")
        #expect(result.status == 1)
        #expect(result.stderr == "convo-hook: \(repo.path)/.git/convo-hook/install.json is damaged (field 'hooksDirectory' has the wrong type); remove it and reinstall\n")
    }

    @Test func aRemoteThatCannotBeReachedIsNamedWithGitsReason() throws {
        try repo.gitOK("remote", "add", "origin", repo.root + "/gone.git")
        let fetch = try repo.convoHook("fetch")
        #expect(fetch.status == 1)
        #expect(fetch.stderr == "convo-hook: git fetch from origin failed: '\(repo.root)/gone.git' does not appear to be a git repository\n")
        let sync = try repo.convoHook("sync", "--remote", "origin")
        #expect(sync.status == 1)
        #expect(sync.stderr == "convo-hook: git fetch from origin failed: '\(repo.root)/gone.git' does not appear to be a git repository\n")
    }

    @Test func helpAndVersionAreNotErrors() throws {
        let version = try repo.convoHook("--version")
        #expect(version.status == 0)
        #expect(version.stderr == "")
        #expect(!version.stdout.isEmpty)
        let help = try repo.convoHook("show", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: convo-hook show <target>"))
    }
}
