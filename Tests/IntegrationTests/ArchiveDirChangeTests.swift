import Foundation
import TestSupport
import Testing

/// Changing `convo.dir` keeps one archive: new parts go to the new folder, and every reader finds the
/// sessions of the old folder too, a session that went on across the change as one session.
@Suite struct ArchiveDirChangeTests {
    let repo: TemporaryRepository

    init() throws {
        repo = try TemporaryRepository()
    }

    private func commit(_ file: String) throws -> String {
        try repo.write(file, file + "\n")
        try repo.gitOK("add", file)
        let result = try repo.git("commit", "-q", "-m", "add \(file)")
        #expect(result.status == 0, "\(result.stderr)")
        return try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func jsonl(_ target: String) throws -> [String] {
        let result = try repo.convoHook("show", target, "--format", "jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["tree", "ref"])
    func sessionsOfTheOldFolderStayReadableAndOneSessionGoesOn(_ mode: String) throws {
        try repo.commitBaseAndInstall()
        #expect(try repo.convoHook("install", "--mode", mode).status == 0)
        let before = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Plan the importer")
        try before.append(role: "assistant", text: "Parse CSV first.")
        let first = try commit("one.txt")
        let beforeLines = try jsonl(before.sessionID)
        #expect(beforeLines.count == 2)

        try repo.gitOK("config", "convo.dir", "docs/convos")
        try before.append(role: "user", text: "And Excel files?")
        let after = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Name the release")
        let second = try commit("two.txt")
        if mode == "tree" {
            let added = try repo.gitOK("show", "--name-only", "--format=", "HEAD").split(separator: "\n").filter { $0.contains(before.sessionID) }
            #expect(
                added.count == 1 && added[0].hasPrefix("docs/convos/") && added[0].contains("/000003-000003-"),
                "only the new line goes to the new folder; the old parts are not copied: \(added)")
        }

        let log = try repo.convoHook("log")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.components(separatedBy: "claude/\(before.sessionID)  3 lines").count == 2, "one session, all its lines: \(log.stdout)")
        #expect(log.stdout.contains("claude/\(after.sessionID)  1 lines"), "\(log.stdout)")
        let lines = try jsonl(before.sessionID)
        #expect(lines.count == 3)
        #expect(Array(lines.prefix(2)) == beforeLines)
        #expect(lines[2].contains("And Excel files?"))
        #expect(try jsonl(first) == beforeLines, "an old commit still shows its lines")
        let carried = try jsonl(second)
        #expect(carried.contains { $0.contains("And Excel files?") } && carried.contains { $0.contains("Name the release") })
        #expect(!carried.contains { $0.contains("Parse CSV first.") })
        let search = try repo.convoHook("search", "importer OR release", "--json")
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains(before.sessionID) && search.stdout.contains(after.sessionID), "\(search.stdout)")
        let oldLine = try repo.convoHook("search", "importer")
        #expect(oldLine.stdout.contains("commit " + first.prefix(12)), "a line of the old folder names the commit that carried it: \(oldLine.stdout)")
        #expect(!oldLine.stdout.contains("not committed"), "\(oldLine.stdout)")
    }
}
