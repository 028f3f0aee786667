import Foundation
import TestSupport
import Testing

/// `why`, attribution and `prompts --format sh` on sessions of the sources added after Claude Code, Codex and
/// Aider, committed through the real hooks (writers in `TestSupport/AssistantSessions.swift`).
@Suite struct OtherSourcesProvenanceTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
        repo.environment["GIT_COMMITTER_DATE"] = "2027-01-01T12:00:00Z"
        repo.environment["GIT_AUTHOR_DATE"] = "2027-01-01T12:00:00Z"
        try repo.commitBaseAndInstall()
    }

    static let loader = "export function load(raw) {\n  return { port: raw.port ?? 8080 };\n}\n"
    static let check = "  for (const key of Object.keys(raw)) if (key !== 'port') throw new ConfigError(key);\n"

    @Test func aGeminiReplaceLeadsBackToItsPromptAndItsSessionReplaysWithGemini() throws {
        let gemini = try GeminiChat(home: repo.home, cwd: repo.path, sessionID: "5a0c2f9e-gem")
        let file = repo.path + "/src/config.ts"
        try gemini.call(prompt: "Write a config loader", says: "Creating it.", tool: "write_file", args: ["file_path": file, "content": Self.loader])
        try gemini.call(
            prompt: "-Reject unknown keys", says: "Adding the check.", tool: "replace",
            args: [
                "file_path": file, "instruction": "Reject unknown keys", "old_string": "  return { port: raw.port ?? 8080 };",
                "new_string": Self.check + "  return { port: raw.port ?? 8080 };",
            ])
        try repo.write("src/config.ts", "export function load(raw) {\n" + Self.check + "  // reviewed\n  return { port: raw.port ?? 8080 };\n}\n")
        try repo.gitOK("add", "src/config.ts")
        try repo.gitOK("commit", "-q", "-m", "config loader")

        let result = try repo.convoHook("why", "src/config.ts", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let lines = try #require(report["lines"] as? [[String: Any]])
        #expect(lines.map { $0["verdict"] as? String } == ["tool", "tool", "hand", "tool", "tool"])
        let origins = try #require(report["origins"] as? [[String: Any]])
        let replace = try #require(origins.first { $0["tool"] as? String == "replace" })
        #expect(replace["prompt"] as? String == "-Reject unknown keys")
        #expect(replace["reasoning"] as? String == "Adding the check.")
        #expect(replace["session"] as? String == "gemini/5a0c2f9e-gem")
        #expect(origins.first { $0["tool"] as? String == "write_file" }?["prompt"] as? String == "Write a config loader")

        // The note's count, by hand: 4 lines the calls wrote, 1 typed.
        let note = try repo.gitOK("notes", "--ref=convo", "show", "HEAD")
        #expect(note.contains(#""attribution":{"added":5,"edited":0,"hand":1,"rule":1,"tool":4}"#), "\(note)")

        let sh = try repo.convoHook("prompts", "5a0c2f9e-gem", "--format", "sh")
        #expect(sh.status == 0, "\(sh.stderr)")
        #expect(sh.stdout.contains("gemini $GEMINI_FLAGS --prompt='Write a config loader'\n"))
        #expect(sh.stdout.contains("gemini $GEMINI_FLAGS --resume latest --prompt='-Reject unknown keys'\n"))
        let bin = repo.root + "/fake-bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try repo.write(bin + "/gemini", "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]' \"$a\"; done >> \"$REPLAY_LOG\"\necho >> \"$REPLAY_LOG\"\n", mode: 0o755)
        try repo.write(repo.root + "/replay.sh", sh.stdout, mode: 0o755)
        var environment = repo.environment
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "")
        environment["REPLAY_LOG"] = repo.root + "/replay.log"
        let run = try Shell.run(["sh", repo.root + "/replay.sh"], in: repo.path, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try String(contentsOfFile: repo.root + "/replay.log", encoding: .utf8) == """
                [--approval-mode][auto_edit][--prompt=Write a config loader]
                [--approval-mode][auto_edit][--resume][latest][--prompt=-Reject unknown keys]

                """)
    }

    @Test func aSourceWithoutAReplaySaysSoAndListsItsPrompts() throws {
        let copilot = try CopilotLog(copilotHome: repo.home + "/.copilot", cwd: repo.path, sessionID: "c0p1-session")
        try copilot.exchange(prompt: "Sum the cart with discounts", reply: "Done.")
        try copilot.exchange(prompt: "Add a test", reply: "Added.")
        try repo.write("cart.ts", "x\n")
        try repo.gitOK("add", "cart.ts")
        try repo.gitOK("commit", "-q", "-m", "cart")
        let sh = try repo.convoHook("prompts", "c0p1-session", "--format", "sh")
        #expect(sh.status == 0, "\(sh.stderr)")
        #expect(sh.stdout.contains("# convo-hook writes no replay for copilot: it knows no headless way to continue one conversation"))
        #expect(sh.stdout.contains("#   Sum the cart with discounts\n"))
        #expect(sh.stdout.contains("#   Add a test\n"))
        #expect(!sh.stdout.contains("\ncopilot "))
    }
}
