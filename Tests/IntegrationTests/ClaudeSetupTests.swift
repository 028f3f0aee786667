import Foundation
import TestSupport
import Testing

/// `install --claude` and the archive part of `status`.
@Suite struct ClaudeSetupTests {
    let repo: TemporaryRepository

    init() throws { repo = try TemporaryRepository() }

    private func settings() throws -> NSDictionary? {
        guard let data = FileManager.default.contents(atPath: repo.path + "/.claude/settings.local.json") else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? NSDictionary
    }

    @Test func registersCaptureForThreeEventsMergedAndRemovedAgain() throws {
        let original = "{\"permissions\":{\"allow\":[\"Bash(ls)\"]},\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":\"say done\"}]}]}}"
        try repo.write(".claude/settings.local.json", original)
        let install = try repo.convoHook("install", "--claude")
        #expect(install.status == 0, "\(install.stderr)")
        let merged = try #require(try settings())
        let hooks = try #require(merged["hooks"] as? [String: [[String: Any]]])
        #expect(Set(hooks.keys) == ["Stop", "PreCompact", "SessionEnd"])
        #expect(hooks["Stop"]?.count == 2, "the user's own Stop hook stays")
        let command = ((hooks["SessionEnd"]?.first?["hooks"] as? [[String: Any]])?.first?["command"] as? String)
        #expect(command == "convo-hook capture --hook-input || true")
        #expect((merged["permissions"] as? NSDictionary) != nil)

        let again = try repo.convoHook("install", "--claude")
        #expect(again.stdout.contains("nothing changed"))
        #expect(try repo.convoHook("uninstall").status == 0)
        let restored = try JSONSerialization.jsonObject(with: Data(original.utf8)) as? NSDictionary
        #expect(try settings() == restored)
    }

    @Test func settingsFileInstallCreatedIsRemovedAndNeverShowsInGitStatus() throws {
        let exclude = repo.path + "/.git/info/exclude"
        let before = FileManager.default.contents(atPath: exclude)
        #expect(try repo.convoHook("install", "--claude").status == 0)
        #expect(try settings() != nil)
        #expect(try repo.gitOK("status", "--porcelain", "--untracked-files=all") == "", "machine-local settings stay out of git status")
        #expect(try repo.convoHook("uninstall").status == 0)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.claude"))
        #expect(FileManager.default.contents(atPath: exclude) == before, "the exclude line is gone again")
    }

    @Test func invalidSettingsFileIsAOneLineErrorAndUntouched() throws {
        try repo.write(".claude/settings.local.json", "{not json")
        let result = try repo.convoHook("install", "--claude")
        #expect(result.status == 1)
        #expect(result.stderr.contains("settings.local.json is not valid JSON"))
        #expect(try String(contentsOfFile: repo.path + "/.claude/settings.local.json", encoding: .utf8) == "{not json")
    }

    @Test func statusCountsSessionsAndWarnsBeforeClaudeCleansUp() throws {
        let old = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path)
        _ = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path + "/sub")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-4 * 86400)], ofItemAtPath: old.path)
        try repo.write(repo.home + "/.claude/settings.json", "{\"cleanupPeriodDays\": 5}")
        let before = try repo.convoHook("status")
        #expect(before.stdout.contains("sources: claude 2"))
        #expect(before.stdout.contains("0 sessions, 0 bytes; next commit: 2 lines of 2 sessions (2 not captured yet)"), "\(before.stdout)")
        #expect(before.stdout.contains("warning: a Claude Code transcript not yet archived is 4 days old and cleanupPeriodDays is 5"))
        #expect(try repo.convoHook("capture").status == 0)
        let after = try repo.convoHook("status")
        #expect(after.stdout.contains("next commit: 2 lines of 2 sessions (0 not captured yet)"), "\(after.stdout)")
        #expect(try repo.convoHook("commit", "-m", "archive").status == 0)
        let committed = try repo.convoHook("status")
        #expect(committed.stdout.contains(", 2 sessions, "), "\(committed.stdout)")
        #expect(committed.stdout.contains("next commit: 0 lines of 0 sessions"), "\(committed.stdout)")
        #expect(!after.stdout.contains("warning:"))
    }

    @Test func firstCommitOnAnUnbornBranchCarriesTheSession() throws {
        #expect(try repo.convoHook("install").status == 0)
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path)
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        let result = try repo.git("commit", "-q", "-m", "first")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ArchiveView(repo).lines(session: session.sessionID).count == 1)
        #expect(try repo.gitOK("status", "--porcelain") == "")
    }
}
