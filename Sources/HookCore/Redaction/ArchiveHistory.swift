/// The archive as git history holds it: every blob under the archive folder reachable from any ref
/// (branches, tags, `refs/convo/archive`, stashes) and every note on `refs/notes/convo`, read with the
/// git binary in batches.
package struct ArchiveHistory {
    package let git: GitCommand
    /// The archive folder, relative to the repository root (`.claude/conversations`).
    package let root: String

    package init(git: GitCommand, root: String) {
        self.git = git
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    package struct Blob: Hashable {
        package var id: String
        /// Where the blob sits (first path git reports for it), or `notes:<object>` for a note.
        package var path: String
    }

    /// Every archive blob and convo note reachable from any ref.
    package func blobs() throws(SubprocessError) -> [Blob] {
        var seen = Set<String>()
        var result: [Blob] = []
        let objects = try git.run(["rev-list", "--objects", "--all"])
        guard objects.status == 0 else { throw SubprocessError("cannot list the repository's objects: \(objects.lastErrorLine)") }
        for line in objects.output.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let path = String(line[line.index(after: space)...])
            guard path.hasPrefix(root + "/") else { continue }
            let id = String(line[..<space])
            if seen.insert(id).inserted { result.append(Blob(id: id, path: path)) }
        }
        let notes = try git.run(["notes", "--ref=convo", "list"])
        if notes.status == 0 {
            for line in notes.output.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 2, seen.insert(String(fields[0])).inserted else { continue }
                result.append(Blob(id: String(fields[0]), path: "notes:" + fields[1]))
            }
        }
        // Trees are listed too (paths of folders): keep blobs only.
        let types = try catFile(result.map(\.id), check: true)
        return result.filter { types[$0.id] == "blob" }
    }

    /// Object types from `git cat-file --batch-check`.
    private func catFile(_ ids: [String], check: Bool) throws(SubprocessError) -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let out = try git.run(["cat-file", "--batch-check"], input: Array(ids.map { $0 + "\n" }.joined().utf8))
        guard out.status == 0 else { throw SubprocessError("cannot read the repository's objects: \(out.lastErrorLine)") }
        var types: [String: String] = [:]
        for line in out.output.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count >= 2 { types[String(f[0])] = String(f[1]) }
        }
        return types
    }

    /// The bytes of each blob, in order.
    package func contents(_ ids: [String]) throws(SubprocessError) -> [String: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        let batch = try git.run(["cat-file", "--batch"], input: Array(ids.map { $0 + "\n" }.joined().utf8))
        guard batch.status == 0 else { throw SubprocessError("cannot read the repository's objects: \(batch.lastErrorLine)") }
        var result: [String: [UInt8]] = [:]
        let out = batch.stdout
        var offset = 0
        while offset < out.count {
            // `<id> SP <type> SP <size> LF <bytes> LF`
            guard let newline = out[offset...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: out[offset..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= out.count else { break }
            result[String(header[0])] = Array(out[(newline + 1)..<(newline + 1 + size)])
            offset = newline + 1 + size + 1
        }
        return result
    }

    /// The commits that brought `blob` into history (on any ref), newest first.
    package func commits(introducing blob: String) -> [String] {
        (git.output(["log", "--all", "--format=%H", "--find-object=" + blob]) ?? "").split(separator: "\n").map(String.init)
    }
}
