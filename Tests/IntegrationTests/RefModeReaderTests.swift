import Foundation
import TestSupport
import Testing

/// Ref mode: the readers take the archive from `refs/convo/archive`, and a code commit's lines from the
/// archive commits whose `Code-Commit:` trailer names it.
@Suite struct RefModeReaderTests {
    let repo: TemporaryRepository
    var codeCommits: [String] = []

    init() throws {
        repo = try TemporaryRepository()
        try repo.gitOK("config", "convo.mode", "ref")
        let main = Fixtures.lines("claude-main.jsonl")
        let folder = "20251119-095800-7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"
        let staging = FixtureArchive(root: repo.root + "/archive-tree")
        var parent: String?
        for (n, range) in [1...12, 13...main.count].enumerated() {
            try repo.write("code\(n).txt", "code \(n)\n")
            try repo.gitOK("add", "code\(n).txt")
            try repo.gitOK("commit", "-qm", n == 0 ? "Plan the retry" : "Write the docs")
            let code = try repo.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            codeCommits.append(code)
            // The archive commit for it, made with plumbing on its own index and tree.
            try staging.writePart(source: "claude", session: folder, lines: main, range: range)
            repo.environment["GIT_INDEX_FILE"] = repo.root + "/archive-index"
            try repo.gitOK("--work-tree=" + staging.root, "add", "-A")
            let tree = try repo.gitOK("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
            repo.environment["GIT_INDEX_FILE"] = nil
            var args = ["commit-tree", tree, "-m", "archive for \(code.prefix(12))\n\nCode-Commit: \(code)\nConversation: claude/7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"]
            if let parent { args += ["-p", parent] }
            let archiveCommit = try repo.git(args).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try repo.gitOK("update-ref", "refs/convo/archive", archiveCommit)
            parent = archiveCommit
        }
    }

    @Test func showStatsAndLogReadTheArchiveRef() throws {
        let first = try repo.convoHook("show", codeCommits[0])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("- Shown: lines main 1–12"))
        #expect(first.stdout.contains("Add retry with exponential backoff"))
        #expect(!first.stdout.contains("Docs written"))
        let stats = try repo.convoHook("stats", "--by", "commit", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == [codeCommits[1], codeCommits[0]], "code commits, named by the trailers")
        #expect(rows.map { $0["label"] as? String } == ["Write the docs", "Plan the retry"])
        #expect(rows.last?["tokens"] as? [String: Int] == ["input": 17, "output": 464, "cacheRead": 30000, "cacheWrite": 2300])
        let log = try repo.convoHook("log")
        #expect(log.stdout.contains("claude/7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37  25 lines"), "\(log.stdout)")
    }

    @Test func theSiteNamesCodeCommitsAndTheirStretches() throws {
        let out = repo.root + "/site"
        let export = try repo.convoHook("export", "--html", "--out", out)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("wrote the site of 1 session and 2 commits"), "\(export.stdout)")
        let page = try String(contentsOfFile: out + "/sessions/claude-20251119-095800-7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37.html", encoding: .utf8)
        #expect(page.contains("<a href=\"../commits/\(codeCommits[0]).html\"><code>\(codeCommits[0].prefix(7))</code> Plan the retry</a>"))
        #expect(
            page.contains(
                "<p class=\"commit-mark\">Lines 13–25 went into <a href=\"../commits/\(codeCommits[1]).html\"><code>\(codeCommits[1].prefix(7))</code> Write the docs</a></p>"))
        let commit = try String(contentsOfFile: out + "/commits/\(codeCommits[0]).html", encoding: .utf8)
        #expect(commit.contains("<h1>Commit <code>\(codeCommits[0].prefix(7))</code> Plan the retry</h1>"))
        #expect(commit.contains("Lines 1–12"))
        #expect(SiteCheck.problems(in: out).map(\.description) == [])
    }
}
