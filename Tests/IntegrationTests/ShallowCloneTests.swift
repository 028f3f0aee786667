import Foundation
import TestSupport
import Testing

/// A CI checkout (`git clone --depth 1`) lacks the parents of its oldest commit. The readers end history
/// there, as `git log` does, instead of failing on the missing objects; the hooks still commit. A server's
/// bare repository reads the archive of its HEAD.
@Suite struct ShallowCloneTests {
    let remote: TeamRemote
    let alice: TemporaryRepository
    let shallow: TemporaryRepository

    init() throws {
        remote = try TeamRemote()
        alice = try remote.clone(as: "Alice")
        #expect(try alice.convoHook("install").status == 0)
        try alice.write("README", "hello\n")
        try alice.gitOK("add", "README")
        try alice.gitOK("commit", "-q", "-m", "base")
        let session = try ClaudeTranscript(configDir: alice.home + "/.claude", cwd: alice.path, prompt: "Sketch the retry policy")
        try session.append(role: "assistant", text: "Exponential backoff with jitter.")
        try alice.write("retry.txt", "retry\n")
        try alice.gitOK("add", "retry.txt")
        try alice.gitOK("commit", "-q", "-m", "add retry")
        try session.append(role: "user", text: "Cap it at five attempts.")
        try alice.write("cap.txt", "cap\n")
        try alice.gitOK("add", "cap.txt")
        try alice.gitOK("commit", "-q", "-m", "add cap")
        try alice.gitOK("push", "-q", "origin", "main")
        shallow = try TemporaryRepository(initialize: false)
        try shallow.gitOK("clone", "-q", "--depth", "1", "file://" + remote.url, shallow.path, in: shallow.root)
        #expect(FileManager.default.fileExists(atPath: shallow.path + "/.git/shallow"))
    }

    @Test func readersEndHistoryAtTheShallowEdge() throws {
        let log = try shallow.convoHook("log")
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("Sketch the retry policy"))
        #expect(log.stdout.contains("3 lines"), "the tree holds the session's three lines: \(log.stdout)")

        let head = try shallow.gitOK("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let show = try shallow.convoHook("show", head, "--format", "jsonl")
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Cap it at five attempts."))

        let stats = try shallow.convoHook("stats", "--by", "commit")
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stderr.isEmpty, "\(stats.stderr)")

        let search = try shallow.convoHook("search", "backoff")
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("commit " + head.prefix(12)), "\(search.stdout)")

        let site = try shallow.convoHook("export", "--html", "--out", shallow.root + "/site")
        #expect(site.status == 0, "\(site.stderr)")
        let range = try shallow.convoHook("export", "--html", "--out", shallow.root + "/site2", "--range", "HEAD~1..HEAD")
        #expect(range.status != 0 && range.stderr.hasPrefix("convo-hook: "), "HEAD~1 is beyond the edge: \(range.stderr)")
    }

    /// The team's server (a bare repository) reads the archive its HEAD holds.
    @Test func aBareRepositoryReadsTheArchiveOfItsHead() throws {
        let head = try remote.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let expected: [([String], String)] = [
            (["log"], "Sketch the retry policy"), (["show", head, "--format", "jsonl"], "Cap it at five attempts."),
            (["search", "backoff"], "backoff"), (["stats", "--by", "day"], "tokens"),
        ]
        for (arguments, text) in expected {
            let result = try Shell.run([Products.convoHook] + arguments, in: remote.url, environment: alice.environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains(text), "\(arguments): \(result.stdout)")
        }
        let site = try Shell.run([Products.convoHook, "export", "--html", "--out", shallow.root + "/bare-site"], in: remote.url, environment: alice.environment)
        #expect(site.status == 0, "\(site.stderr)")
        #expect(FileManager.default.fileExists(atPath: shallow.root + "/bare-site/index.html"))
    }

    @Test func hooksCommitInAShallowClone() throws {
        try shallow.gitOK("config", "user.name", "CI")
        try shallow.gitOK("config", "user.email", "ci@example.com")
        #expect(try shallow.convoHook("install").status == 0)
        let session = try ClaudeTranscript(configDir: shallow.home + "/.claude", cwd: shallow.path, prompt: "Fix the flaky test")
        try session.append(role: "assistant", text: "Pinned the clock.")
        try shallow.write("clock.txt", "pinned\n")
        try shallow.gitOK("add", "clock.txt")
        let commit = try shallow.git("commit", "-q", "-m", "pin the clock")
        #expect(commit.status == 0, "\(commit.stderr)")
        let files = try shallow.gitOK("show", "--name-only", "--format=", "HEAD")
        #expect(files.contains(".jsonl"), "\(files)")
        let show = try shallow.convoHook("show", "HEAD", "--format", "jsonl")
        #expect(show.stdout.contains("Pinned the clock."), "\(show.stderr)")
        #expect(!show.stdout.contains("Cap it at five attempts."))
    }
}
