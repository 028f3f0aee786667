import HookCore

/// Reads the archive from the tree of `refs/convo/archive` (ref mode). A part's version is its blob id,
/// so a part is re-read only when its content changed.
struct RefArchiveReader: ArchiveReader {
    let repository: Repository
    /// The archive folder inside the tree (`convo.dir`).
    let layoutRoot: String

    private var tree: Tree? {
        guard let tip = try? repository.referenceTarget(ArchiveRefName.full) else { return nil }
        return try? repository.commit(tip).tree()
    }

    func sessions() throws -> [SearchableSession] {
        guard let tree, let rootEntry = try tree.entry(at: layoutRoot) else { return [] }
        var found: [SearchableSession] = []
        for source in try repository.tree(rootEntry.id).entries where source.isTree {
            for session in try repository.tree(source.id).entries where session.isTree {
                let folder = source.name + "/" + session.name
                var parts: [SearchablePart] = []
                try collectParts(in: repository.tree(session.id), prefix: folder, depth: 0, into: &parts)
                let metaVersion = try repository.tree(session.id).entries.first { $0.name == LegacyMeta.fileName }?.id.description ?? ""
                found.append(SearchableSession(folder: folder, source: source.name, parts: parts.sorted { $0.path < $1.path }, metaVersion: metaVersion))
            }
        }
        return found
    }

    private func collectParts(in tree: Tree, prefix: String, depth: Int, into parts: inout [SearchablePart]) throws {
        for entry in tree.entries where !entry.name.hasPrefix(".") {
            let path = prefix + "/" + entry.name
            if entry.isTree, depth < 4 {
                try collectParts(in: repository.tree(entry.id), prefix: path, depth: depth + 1, into: &parts)
            } else if !entry.isTree, FolderArchiveReader.isPart(entry.name) {
                parts.append(SearchablePart(path: path, size: UInt64(try repository.blobContent(entry.id).count), version: entry.id.description))
            }
        }
    }

    func meta(of session: SearchableSession) -> [UInt8]? {
        read(session.folder + "/" + LegacyMeta.fileName)
    }

    func readLines(of part: SearchablePart, from offset: UInt64, _ body: (ArraySlice<UInt8>) throws -> Void) throws -> UInt64 {
        guard let bytes = read(part.path), offset < UInt64(bytes.count) else { return offset }
        var start = Int(offset)
        var end = offset
        for i in start..<bytes.count where bytes[i] == UInt8(ascii: "\n") {
            try body(bytes[start..<i])
            start = i + 1
            end = UInt64(start)
        }
        return end
    }

    func repositoryPath(of archivePath: String) -> String? { layoutRoot + "/" + archivePath }

    func fingerprint() -> String? {
        (try? repository.referenceTarget(ArchiveRefName.full))?.map(\.description) ?? "none"
    }

    private func read(_ archivePath: String) -> [UInt8]? {
        guard let tree, let entry = try? tree.entry(at: layoutRoot + "/" + archivePath) else { return nil }
        return try? repository.blobContent(entry.id)
    }
}

/// Ref mode: the archive commit that added a part names its code commit in a `Code-Commit:` trailer;
/// a hit is carried by that code commit (or by the archive commit itself, for `convo-hook commit -m`).
struct ArchiveRefCommitLookup: CommitLookup {
    let repository: Repository
    let archiveRoot: String

    func commits(carrying paths: Set<String>) throws -> [String: [String]] {
        let archiveCommits = try TreeCommitLookup(repository: repository, start: ArchiveRefName.full, archiveRoot: archiveRoot)
            .commits(carrying: paths)
        return try archiveCommits.mapValues { ids in
            try ids.map { id in
                guard let oid = OID(hex: id) else { return id }
                let message = try repository.commit(oid).message
                let code = message.split(separator: "\n").first { $0.hasPrefix("Code-Commit: ") }
                return code.map { String($0.dropFirst("Code-Commit: ".count)) } ?? id
            }
        }
    }
}
