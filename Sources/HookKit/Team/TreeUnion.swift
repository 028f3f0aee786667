import HookCore

/// The union of two archive trees: every file of both sides. Committed archive files are written
/// once under names unique to their bytes, so the same path nearly always holds the same blob on both
/// sides; where it does not (a round-1 `meta.json` rewritten by both), the larger file is kept and
/// the higher object id breaks a tie, so every clone that merges picks the same one.
struct TreeUnion {
    let repository: Repository

    func union(_ a: Tree, _ b: Tree) throws -> OID {
        if a.id == b.id { return a.id }
        let mine = Dictionary(a.modeEntries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let builder = try TreeBuilder(repository: repository, base: a)
        for theirs in b.modeEntries {
            guard let own = mine[theirs.name] else {
                try builder.insert(theirs)
                continue
            }
            guard own.id != theirs.id else { continue }
            let kept: TreeEntry
            switch (own.isTree, theirs.isTree) {
            case (true, true):
                kept = TreeEntry(name: own.name, id: try union(repository.tree(own.id), repository.tree(theirs.id)), mode: own.mode)
            case (true, false): kept = own  // a folder is never replaced by a file
            case (false, true): kept = theirs
            case (false, false): kept = try pick(own, theirs)
            }
            if kept != own { try builder.insert(kept) }
        }
        return try builder.write()
    }

    private func pick(_ a: TreeEntry, _ b: TreeEntry) throws -> TreeEntry {
        let sizeA = try repository.blobContent(a.id).count
        let sizeB = try repository.blobContent(b.id).count
        if sizeA != sizeB { return sizeA > sizeB ? a : b }
        return a.id.description > b.id.description ? a : b
    }
}
