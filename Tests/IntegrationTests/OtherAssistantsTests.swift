import Foundation
import HookKit
import TestSupport
import Testing

/// Gemini CLI, Copilot CLI, Cursor, OpenCode, Amp and Cline through the installed hooks: this repository's sessions
/// are archived and another project's are not; a session growing over three commits is archived with no line twice;
/// a tool that rewrites its file (or keeps a database) with messages added and one changed loses nothing and
/// duplicates nothing; `show` and `export` render the result.
@Suite struct OtherAssistantsTests {
    /// How to write one tool's session in a directory.
    struct Tool: CustomTestStringConvertible, Sendable {
        let name: String
        let make: @Sendable (TemporaryRepository, String) throws -> any AssistantSession
        var testDescription: String { name }
    }

    static let tools: [Tool] = [
        Tool(name: "gemini") { repo, cwd in try GeminiChat(home: repo.home, cwd: cwd) },
        Tool(name: "gemini (old document format)") { repo, cwd in try GeminiChat(home: repo.home, cwd: cwd, legacy: true) },
        Tool(name: "copilot") { repo, cwd in try CopilotLog(copilotHome: repo.home + "/.copilot", cwd: cwd) },
        Tool(name: "cursor") { repo, cwd in try CursorChat(configDir: repo.home + "/.cursor", cwd: cwd) },
        Tool(name: "opencode") { repo, cwd in try OpenCodeChat(dataHome: repo.home + "/.local/share", cwd: cwd) },
        Tool(name: "amp") { repo, cwd in try AmpThread(dataHome: repo.home + "/.local/share", cwd: cwd) },
        Tool(name: "cline (task)") { repo, cwd in try ClineConversation(dataDir: repo.home + "/.cline/data", cwd: cwd) },
        Tool(name: "cline (SDK session)") { repo, cwd in try ClineConversation(dataDir: repo.home + "/.cline/data", cwd: cwd, sdk: true) },
    ]

    private func commit(_ repo: TemporaryRepository, _ name: String) throws {
        try repo.write(name, name + "\n")
        try repo.gitOK("add", name)
        let result = try repo.git("commit", "-q", "-m", name)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: tools)
    func threeCommitsArchiveEverythingOnceAndShowTheLastVersion(_ tool: Tool) throws {
        let repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        let elsewhere = repo.root + "/other-project"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let other = try tool.make(repo, elsewhere)
        try other.exchange(prompt: "A question about another project", reply: "Not this repository's")
        let session = try tool.make(repo, repo.path)

        try session.exchange(prompt: "Where is the config parsed? The bucket key is AKIAQ7K2ZLMNWXRT4VBS", reply: "In src/config.ts.")
        try commit(repo, "one")
        try session.exchange(prompt: "Make unknown keys an error", reply: "Streaming the answer")
        try commit(repo, "two")
        try session.exchange(prompt: "Add a test for it", reply: "Added test/config.test.ts.")
        if !session.appends { try session.editReply(1, to: "Unknown keys now throw ConfigError.") }
        try commit(repo, "three")

        let view = ArchiveView(repo)
        let paths = try view.paths()
        let id = ArchiveLayout.sanitize(session.sessionID)
        #expect(paths.contains { $0.contains("/\(session.source)/") && $0.contains("-\(id)/") }, "\(paths)")
        #expect(!paths.contains { $0.contains(ArchiveLayout.sanitize(other.sessionID)) }, "another project's session stays out")
        let lines = try view.lines(session: id)
        #expect(!lines.isEmpty)
        #expect(Set(lines).count == lines.count, "no line twice: \(lines)")
        #expect(lines.contains { $0.contains("[REDACTED:aws-access-token]") } && !lines.contains { $0.contains("AKIAQ7K2ZLMNWXRT4VBS") }, "redacted like any source")
        // Every commit added the lines that were new then, and only those.
        for commit in ["HEAD~2", "HEAD~1", "HEAD"] {
            let added = try repo.gitOK("show", "--name-only", "--format=", commit).split(separator: "\n").filter { $0.contains("/\(session.source)/") }
            #expect(added.count == 1, "\(commit) adds one part of the session: \(added)")
        }

        let show = try repo.convoHook("show", session.source + "/" + session.sessionID)
        #expect(show.status == 0, "\(show.stderr)")
        let md = show.stdout
        for text in ["Make unknown keys an error", "Add a test for it", "In src/config.ts.", "Added test/config.test.ts."] {
            #expect(md.components(separatedBy: text).count == 2, "'\(text)' shows once:\n\(md)")
        }
        if session.appends {
            #expect(md.contains("Streaming the answer"))
        } else {
            #expect(md.contains("Unknown keys now throw ConfigError.") && !md.contains("Streaming the answer"), "the edited reply in its last version:\n\(md)")
        }
        let out = repo.root + "/kb/sessions"
        let export = try repo.convoHook("export", "--out", out, "--session", session.sessionID)
        #expect(export.status == 0, "\(export.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".md") }
        #expect(pages.count == 1)
        let page = try String(contentsOfFile: out + "/" + (pages.first ?? ""), encoding: .utf8)
        #expect(page.contains("Add a test for it"), "\(page)")
        #expect(try repo.gitOK("status", "--porcelain", "--untracked-files=no") == "")
    }
}
