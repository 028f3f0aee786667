import Foundation
import HookKit
import TestSupport
import Testing

/// `status` per source, `install --gemini/--copilot/--cursor` (merged and removed byte for byte), capture from
/// their hooks, and `restore` for the sources whose format allows it.
@Suite struct OtherAssistantsSetupTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
    }

    private func commit(_ name: String = UUID().uuidString) throws {
        try repo.write(name, "x\n")
        try repo.gitOK("add", name)
        let result = try repo.git("commit", "-q", "-m", name)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func statusSaysWhichToolsAreHereAndTheirSessions() throws {
        try GeminiChat(home: repo.home, cwd: repo.path).exchange(prompt: "hi", reply: "hello")
        try CopilotLog(copilotHome: repo.home + "/.copilot", cwd: repo.root).exchange(prompt: "elsewhere", reply: "ok")
        try FileManager.default.createDirectory(atPath: repo.home + "/.cursor", withIntermediateDirectories: true)
        let status = try repo.convoHook("status")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("sources: gemini 1, copilot 0, cursor 0 (sessions of this worktree)"), "\(status.stdout)")
        #expect(status.stdout.contains("not installed: claude, codex, opencode, amp, cline"), "\(status.stdout)")
        let json = try repo.convoHook("status", "--json").stdout
        #expect(json.contains("\"sourceStates\""))
    }

    @Test func toolHooksAreMergedIntoTheirSettingsAndRemovedByteForByte() throws {
        let gemini = repo.home + "/.gemini/settings.json"
        let original =
            "{\n  // the user's own settings\n  \"theme\": \"GitHub\",\n  \"hooks\": { \"BeforeTool\": [ { \"matcher\": \"write_file\", \"hooks\": [ { \"type\": \"command\", \"command\": \"lint\" } ] } ] }\n}\n"
        try repo.write(gemini, original.replacingOccurrences(of: "  // the user's own settings\n", with: ""))
        let before = try String(contentsOfFile: gemini, encoding: .utf8)
        let cursor = repo.home + "/.cursor/hooks.json"
        try repo.write(cursor, "{\"version\":1,\"hooks\":{\"stop\":[{\"command\":\"say done\"}]}}")
        let install = try repo.convoHook("install", "--gemini", "--copilot", "--cursor")
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("registered capture in \(gemini)"))

        let merged = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: gemini))) as? [String: Any])
        #expect(merged["theme"] as? String == "GitHub")
        let hooks = try #require(merged["hooks"] as? [String: [[String: Any]]])
        #expect(Set(hooks.keys) == ["BeforeTool", "AfterAgent", "SessionEnd"])
        let command = (hooks["SessionEnd"]?.first?["hooks"] as? [[String: Any]])?.first?["command"] as? String
        #expect(command == "convo-hook capture --hook-input --source gemini || true")
        let copilot = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: repo.home + "/.copilot/hooks/convo-hook.json"))) as? [String: Any])
        #expect(copilot["version"] as? Int == 1)
        #expect(((copilot["hooks"] as? [String: [[String: Any]]])?["agentStop"]?.first?["bash"] as? String) == "convo-hook capture --hook-input --source copilot || true")
        let cursorHooks = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cursor))) as? [String: Any])
        #expect((cursorHooks["hooks"] as? [String: [[String: Any]]])?["stop"]?.count == 2, "the user's own stop hook stays")

        #expect(try repo.convoHook("install", "--gemini", "--copilot", "--cursor").stdout.contains("nothing changed"))
        let uninstall = try repo.convoHook("uninstall")
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(try String(contentsOfFile: gemini, encoding: .utf8) == before, "byte for byte")
        #expect(try String(contentsOfFile: cursor, encoding: .utf8) == "{\"version\":1,\"hooks\":{\"stop\":[{\"command\":\"say done\"}]}}")
        #expect(!FileManager.default.fileExists(atPath: repo.home + "/.copilot"), "the file and folders install made are gone")
    }

    @Test func aSettingsFileChangedAfterInstallLosesOnlyOurEntries() throws {
        #expect(try repo.convoHook("install", "--cursor").status == 0)
        let cursor = repo.home + "/.cursor/hooks.json"
        var settings = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cursor))) as? [String: Any])
        settings["note"] = "added later"
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: cursor))
        let uninstall = try repo.convoHook("uninstall")
        #expect(uninstall.stdout.contains("only convo-hook's entries were taken out"), "\(uninstall.stdout)")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cursor))) as? [String: Any])
        #expect(after["note"] as? String == "added later" && after["hooks"] == nil)
    }

    @Test func theHookInputOfEachToolCapturesItsSession() throws {
        let gemini = try GeminiChat(home: repo.home, cwd: repo.path)
        try gemini.exchange(prompt: "Capture me", reply: "Captured")
        let input =
            "{\"session_id\":\"\(gemini.sessionID)\",\"transcript_path\":\"\(gemini.path)\",\"cwd\":\"\(repo.path)\",\"hook_event_name\":\"AfterAgent\",\"timestamp\":\"2026-05-04T09:14:00Z\"}"
        let result = try repo.convoHook("capture", "--hook-input", "--source", "gemini", in: repo.home, input: input)
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "silent on stdout (Gemini CLI parses it): \(result.stdout) \(result.stderr)")
        #expect(try repo.convoHook("status").stdout.contains("(0 not captured yet)"))
        let cursor = try CursorChat(configDir: repo.home + "/.cursor", cwd: repo.path)
        try cursor.exchange(prompt: "Cursor too", reply: "ok")
        let cursorInput =
            "{\"conversation_id\":\"another-id\",\"generation_id\":\"g\",\"hook_event_name\":\"stop\",\"workspace_roots\":[\"\(repo.path)\"],\"status\":\"completed\"}"
        #expect(try repo.convoHook("capture", "--hook-input", "--source", "cursor", in: repo.home, input: cursorInput).status == 0)
        #expect(try repo.convoHook("status").stdout.contains("(0 not captured yet)"), "an id the source does not know: its sessions here are captured")
        // Where convo-hook is not installed, the machine-wide registration does nothing.
        let bare = repo.root + "/not-installed"
        try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
        try repo.gitOK("init", "-q", in: bare)
        let elsewhere = "{\"sessionId\":\"x\",\"cwd\":\"\(bare)\",\"timestamp\":1}"
        #expect(try repo.convoHook("capture", "--hook-input", "--source", "copilot", in: bare, input: elsewhere).status == 0)
        #expect(!FileManager.default.fileExists(atPath: bare + "/.git/convo-hook"))
    }

    @Test func geminiAndCopilotSessionsComeBackWhereTheToolResumesThem() throws {
        let gemini = try GeminiChat(home: repo.home, cwd: repo.path)
        try gemini.exchange(prompt: "Restore me", reply: "Sure")
        let copilot = try CopilotLog(copilotHome: repo.home + "/.copilot", cwd: repo.path)
        try copilot.exchange(prompt: "Restore me too", reply: "Sure")
        try commit()
        let originals = try [gemini.path, copilot.path].map { try String(contentsOfFile: $0, encoding: .utf8) }
        try FileManager.default.removeItem(atPath: repo.home + "/.gemini/tmp")
        try FileManager.default.removeItem(atPath: repo.home + "/.copilot/session-state")
        #expect(try repo.convoHook("status").stdout.contains("restorable: 2 archived sessions"))
        for session in [gemini.source + "/" + gemini.sessionID, copilot.source + "/" + copilot.sessionID] {
            let result = try repo.convoHook("restore", session)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: gemini.path, encoding: .utf8) == originals[0], "the registered project folder, byte for byte")
        #expect(try String(contentsOfFile: copilot.path, encoding: .utf8) == originals[1])
        // The tool goes on: the next commit archives only the new lines.
        try gemini.exchange(prompt: "Continue", reply: "Continued")
        try commit()
        let added = try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").filter { $0.contains("/gemini/") }
        #expect(added.count == 1 && added[0].contains("/000005-000007-"), "\(added)")
    }

    @Test func geminiSessionsRestoredOnAnotherCloneGetThatClonesProjectHash() throws {
        let gemini = try GeminiChat(home: repo.home, cwd: repo.path)
        try gemini.exchange(prompt: "Work from a clone", reply: "ok")
        try commit()
        let clone = repo.root + "/elsewhere/clone"
        try FileManager.default.createDirectory(atPath: repo.root + "/elsewhere", withIntermediateDirectories: true)
        try repo.gitOK("clone", "-q", repo.path, clone)
        #expect(try repo.convoHook("install", in: clone).status == 0)
        repo.environment["GEMINI_CLI_HOME"] = repo.root + "/teammate"
        let result = try repo.convoHook("restore", "gemini/" + gemini.sessionID, in: clone)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = repo.root + "/teammate/.gemini/tmp/" + GeminiSource.projectHash(clone) + "/chats"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files == ["session-2026-05-04T09-12-\(gemini.sessionID.prefix(8)).jsonl"])
        let text = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        #expect(text.contains(GeminiSource.projectHash(clone)) && !text.contains(GeminiSource.projectHash(repo.path)))
        let status = try repo.convoHook("status", in: clone).stdout
        #expect(status.contains("sources: gemini 1"), "the clone finds the restored session as its own: \(status)")
    }

    @Test(arguments: ["cursor", "opencode", "amp", "cline"])
    func sourcesThatCannotBeRestoredSayWhy(_ source: String) throws {
        let session: any AssistantSession =
            switch source {
            case "cursor": try CursorChat(configDir: repo.home + "/.cursor", cwd: repo.path)
            case "opencode": try OpenCodeChat(dataHome: repo.home + "/.local/share", cwd: repo.path)
            case "amp": try AmpThread(dataHome: repo.home + "/.local/share", cwd: repo.path)
            default: try ClineConversation(dataDir: repo.home + "/.cline/data", cwd: repo.path)
            }
        try session.exchange(prompt: "hi", reply: "hello")
        try commit()
        let result = try repo.convoHook("restore", source + "/" + session.sessionID)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("convo-hook: ") && result.stderr.contains("cannot be restored: \(source)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
