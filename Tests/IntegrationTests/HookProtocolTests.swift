import Foundation
import HookCore
import TestSupport
import Testing

@testable import HookKit

/// The contract between the shim and the binary: the state files it reads, and the index check of
/// `convo-hook-changed`, which must agree with what the full hook records.
@Suite struct HookProtocolTests {
    @Test func everyStateFileTheShimReadsIsDescribedByOneType() throws {
        let shim = try String(contentsOfFile: Products.packageRoot + "/hooks/convo-hook-shim", encoding: .utf8)
        let named = Set(HookStateFiles.File.allCases.map(\.rawValue))
        let pattern = try NSRegularExpression(pattern: #"\$state/([A-Za-z0-9._-]+)"#)
        let used = pattern.matches(in: shim, range: NSRange(shim.startIndex..., in: shim)).map { String(shim[Range($0.range(at: 1), in: shim)!]) }
        #expect(!used.isEmpty)
        for file in Set(used) { #expect(named.contains(file), "the shim reads \(file), which HookStateFiles does not describe") }
        #expect(!shim.contains("CLAUDE_CONFIG_DIR") && !shim.contains("CODEX_HOME"), "the binary tells the shim which variables matter")
    }

    @Test func theShimCarriesItsVersion() throws {
        let shim = try #require(FileManager.default.contents(atPath: Products.packageRoot + "/hooks/convo-hook-shim"))
        #expect(ManagedHooks.version([UInt8](shim)) == 6)
    }

    /// `git ls-files` digested by the full hook equals the digest convo-hook-changed reads from the
    /// index file itself, for every index version; a split index is a doubt ("changed").
    @Test(arguments: ["2", "3", "4", "split"])
    func theIndexCheckAgreesWithGit(_ version: String) throws {
        let repo = try TemporaryRepository()
        let root = ".claude/conversations"
        for name in ["a", "b/c", "deeply/nested/path-with-a-long-name-\(UUID().uuidString)"] {
            try repo.write("\(root)/claude/20261130-100000-s/\(name).jsonl", "x\n")
        }
        try repo.write("src/main.swift", "print()\n")
        try repo.write(".claude/conversationsX/not-below-the-root", "y\n")
        try repo.gitOK("add", "-A")
        // A name of 4,095 bytes or more: its length no longer fits the entry's flags, the reader looks for its end.
        let long = root + "/claude/20261130-100000-s/" + Array(repeating: String(repeating: "l", count: 200), count: 21).joined(separator: "/") + ".jsonl"
        let blob = try repo.git("hash-object", "-w", "--stdin", input: "x\n").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.gitOK("update-index", "--add", "--cacheinfo", "100644,\(blob),\(long)")
        if version == "3" {
            // An intent-to-add entry carries the extended flags that only version 3 stores.
            try repo.write("src/intent.swift", "later\n")
            try repo.gitOK("add", "-N", "src/intent.swift")
        }
        if version == "split" {
            try repo.gitOK("update-index", "--split-index")
        } else {
            try repo.gitOK("update-index", "--index-version", version)
        }
        let listed = try repo.gitOK("ls-files", "--", root).split(separator: "\n").map(String.init)
        #expect(listed.count == 4 && listed.contains(long))
        let state = repo.path + "/.git/convo-hook"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try (root + "\n" + IndexDigest.of(listed) + "\n").write(toFile: state + "/index-digest", atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: state + "/stamp", contents: nil)
        let check = try Shell.run(
            [Products.directory + "/convo-hook-changed", "--index", repo.path + "/.git/index", state + "/index-digest", state + "/stamp"],
            in: repo.path, environment: repo.environment)
        #expect(check.status == (version == "split" ? 0 : 1), "1 = unchanged: \(check.stderr)")
        if version != "split" {
            var index = stat()
            var stamp = stat()
            #expect(stat(repo.path + "/.git/index", &index) == 0 && stat(state + "/stamp", &stamp) == 0)
            let gap = (index.st_mtim.tv_sec - stamp.st_mtim.tv_sec) * 1_000_000_000 + (index.st_mtim.tv_nsec - stamp.st_mtim.tv_nsec)
            #expect(gap == 0 || gap == 1, "the stamp takes the index's time, or a nanosecond less in its clock tick: \(gap) ns")
            try repo.gitOK("rm", "-q", "--cached", root + "/claude/20261130-100000-s/a.jsonl")
            let after = try Shell.run(
                [Products.directory + "/convo-hook-changed", "--index", repo.path + "/.git/index", state + "/index-digest", state + "/stamp"],
                in: repo.path, environment: repo.environment)
            #expect(after.status == 0, "a part taken out of the index is a change")
        }
    }
}
