import Glibc

/// Commits archive files onto `refs/convo/archive` with git's plumbing (no libgit2 on the hook path):
/// the tip's tree plus the files, in a temporary index, then a compare-and-swap of the ref.
package enum ArchiveRefWriter {
    /// Commits `paths` (repository-relative, read below `root`) on top of the ref's tip; returns the new
    /// commit, nil when the tip already holds them. Another worktree moving the ref meanwhile makes it
    /// retry on the new tip.
    package static func append(_ paths: [String], from root: String, message: String, git: GitCommand, stateDir: String) throws -> String? {
        let present = paths.filter { FileSystem.exists(root + "/" + $0) }
        guard !present.isEmpty else { return nil }
        let hashed = try git.run(
            ["hash-object", "-w", "--stdin-paths", "--no-filters"],
            input: Array(present.map { root + "/" + $0 + "\n" }.joined().utf8))
        guard hashed.status == 0 else { throw ArchiveError("git hash-object failed: \(hashed.lastErrorLine)") }
        let ids = hashed.output.split(separator: "\n").map(String.init)
        guard ids.count == present.count else { throw ArchiveError("git hash-object returned \(ids.count) ids for \(present.count) files") }
        let entries = zip(ids, present).map { "100644 \($0.0)\t\($0.1)\n" }.joined()
        let index = stateDir + "/archive-ref-index." + String(getpid())
        defer { unlink(index) }
        let withIndex = ["GIT_INDEX_FILE": index]
        for _ in 0..<5 {
            let tip = try git.run(["rev-parse", "-q", "--verify", ArchiveRefName.full + "^{commit}"])
            let parent = tip.status == 0 ? tip.output.trimmingCharacters(in: " \n") : nil
            unlink(index)
            let read = try git.run(parent.map { ["read-tree", $0] } ?? ["read-tree", "--empty"], extraEnvironment: withIndex)
            guard read.status == 0 else { throw ArchiveError("git read-tree failed: \(read.lastErrorLine)") }
            let update = try git.run(["update-index", "--add", "--index-info"], input: Array(entries.utf8), extraEnvironment: withIndex)
            guard update.status == 0 else { throw ArchiveError("git update-index failed: \(update.lastErrorLine)") }
            let tree = try git.run(["write-tree"], extraEnvironment: withIndex)
            guard tree.status == 0 else { throw ArchiveError("git write-tree failed: \(tree.lastErrorLine)") }
            let treeID = tree.output.trimmingCharacters(in: " \n")
            if let parent, try git.run(["rev-parse", parent + "^{tree}"]).output.trimmingCharacters(in: " \n") == treeID { return nil }
            let made = try git.run(["commit-tree", treeID] + (parent.map { ["-p", $0] } ?? []), input: Array(message.utf8))
            guard made.status == 0 else { throw ArchiveError("git commit-tree failed: \(made.lastErrorLine)") }
            let commit = made.output.trimmingCharacters(in: " \n")
            let subject = message.split(separator: "\n").first.map(String.init) ?? ""
            let moved = try git.run(["update-ref", "-m", "convo-hook: " + subject, ArchiveRefName.full, commit, parent ?? ""])
            if moved.status == 0 { return commit }
        }
        throw ArchiveError("\(ArchiveRefName.full) kept moving while convo-hook committed to it; try again")
    }

    /// The message of the archive commit made for a code commit.
    package static func message(forCodeCommit code: String, change: ArchiveChange) -> String {
        "archive for \(code.prefix(12))\n\n\(ArchiveRefName.codeCommitTrailer): \(code)\n"
            + change.sessions.map { "\(ConversationTrailers.key): \($0.session)\n" }.joined()
    }
}
