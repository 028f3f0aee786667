import HookCore

/// Keeps git's real index in step with archive files committed from a temporary index.
enum Stager {
    /// After a commit made from a temporary index (`git commit <paths>`), git's real index never saw the
    /// archive files: set them to what HEAD now holds so `git status` stays clean.
    static func reconcile(_ paths: [String], workdir: String, realIndex: Index, head: Tree, repository: Repository) throws {
        var changed = false
        for path in paths {
            guard let committed = try head.entry(at: path) else { continue }
            if realIndex.entry(at: path)?.id != committed.id {
                // The file's stat goes in only if it still holds what was committed (a capture may have
                // rewritten it since); otherwise git must look at it and see the change.
                let bytes = FileSystem.read(workdir + "/" + path)
                let same = try bytes.map { b in try b.withUnsafeBytes { try repository.createBlob($0) } } == committed.id
                try realIndex.add(committed, worktreeFile: same ? FileSystem.status(workdir + "/" + path) : nil)
                changed = true
            }
        }
        if changed { try realIndex.write() }
    }
}
