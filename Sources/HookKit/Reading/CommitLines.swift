import HookCore

/// The conversation lines one code commit carries, per session and stream.
public struct CarriedSession: Sendable {
    /// `<source>/<sanitized id>`.
    public var key: String
    /// The session folder, repository-relative, when known.
    public var folder: String?
    /// Stream → line numbers; nil when only a trailer names the session (no range known).
    public var lines: [String: LineRanges]?
}

/// Finds what a commit carries without trusting anything but the history itself: in tree mode, the part
/// files its tree has and its parents' trees lack (a clone without notes gives the same answer); in ref
/// mode, the archive commits of `refs/convo/archive` whose `Code-Commit:` trailer names it. Notes and
/// `Conversation:` trailers fill in what neither shows.
public struct CommitLines {
    let repository: Repository
    let archiveRoot: String
    /// Line counts of round-1 parts by blob id (they never change, and history repeats them).
    private let counts = CountMemo()

    /// Folders an earlier `convo.dir` filled: their parts are read as they are (`ArchiveRoots`).
    let earlierRoots: [String]

    public init(repository: Repository, archiveRoot: String, earlierRoots: [String] = []) {
        self.repository = repository
        self.archiveRoot = archiveRoot
        self.earlierRoots = earlierRoots
    }

    final class CountMemo {
        var byVersion: [String: Int] = [:]
    }

    /// The sessions and lines `commit` carries.
    public func carried(by commit: OID) throws -> [CarriedSession] {
        var found = try diff(try repository.commit(commit))
        if found.isEmpty { found = try archiveRefCommits(naming: commit).flatMap { try diff(try repository.commit($0)) } }
        if let note = try ConversationNotes.read(commit, in: repository) {
            for s in note.sessions where !found.contains(where: { $0.key == s.session }) && !s.lines.isEmpty {
                var lines: [String: LineRanges] = [:]
                for r in s.lines where r.first <= r.last { lines[r.stream, default: LineRanges()].insert(r.first...r.last) }
                found.append(CarriedSession(key: s.session, folder: s.folder.isEmpty ? nil : s.folder, lines: lines))
            }
        }
        for key in ConversationTrailers.sessions(in: try repository.commit(commit).message) where !found.contains(where: { $0.key == key }) {
            found.append(CarriedSession(key: key, folder: nil, lines: nil))
        }
        return found
    }

    /// Lines in `commit`'s archive that none of its parents has, in every archive folder.
    public func diff(_ commit: Commit) throws -> [CarriedSession] {
        try ([archiveRoot] + earlierRoots).flatMap { try diff(commit, root: $0) }
    }

    private func diff(_ commit: Commit, root archiveRoot: String) throws -> [CarriedSession] {
        let tree = try commit.tree()
        guard let root = try tree.entry(at: archiveRoot) else { return [] }
        // At a shallow clone's edge the parents are unknown: as in `git log`, the commit added all it holds.
        let parents = try commit.parentTrees() ?? []
        if try parents.contains(where: { p throws(GitError) in try p.entry(at: archiveRoot)?.id == root.id }) { return [] }
        let reader = ArchiveReader(storage: GitTreeStorage(repository: repository, tree: tree), layout: .repository(root: archiveRoot))
        let parentReaders = parents.map { ArchiveReader(storage: GitTreeStorage(repository: repository, tree: $0), layout: .repository(root: archiveRoot)) }
        // Lines a parent holds in another archive folder (an earlier `convo.dir`, or the folder parts
        // were copied from after it changed) are not new either.
        let otherRoots = ([self.archiveRoot] + earlierRoots).filter { $0 != archiveRoot }
        let elsewhere = parents.flatMap { tree in
            otherRoots.map { (root: $0, reader: ArchiveReader(storage: GitTreeStorage(repository: repository, tree: tree), layout: .repository(root: $0))) }
        }
        // A session folder's version is its tree id: equal to a parent's, nothing changed in it.
        let parentVersions = parentReaders.map { r in Dictionary(r.sessions().map { ($0.folder, $0.version) }, uniquingKeysWith: { a, _ in a }) }
        var found: [CarriedSession] = []
        for session in reader.sessions() {
            if parentVersions.contains(where: { $0[session.folder] == session.version }) { continue }
            var lines: [String: LineRanges] = [:]
            let before =
                parentReaders.map { r in (r, r.streams(of: session)) }
                + elsewhere.map { e in
                    (e.reader, e.reader.streams(of: ArchivedSession(folder: e.root + "/" + session.path, source: session.source, folderName: session.folderName)))
                }
            for stream in reader.streams(of: session) {
                var old = LineRanges()
                for (r, streams) in before {
                    if let s = streams.first(where: { $0.name == stream.name }) { old = old.union(ranges(s, r)) }
                }
                let added = ranges(stream, reader).subtracting(old)
                if !added.isEmpty { lines[stream.name] = added }
            }
            if !lines.isEmpty { found.append(CarriedSession(key: session.key, folder: session.folder, lines: lines)) }
        }
        return found
    }

    private func ranges(_ stream: ArchivedStream, _ reader: ArchiveReader) -> LineRanges {
        reader.lineRanges(of: stream) { part in
            if let n = counts.byVersion[part.version] { return n }
            let n = ArchiveReader.lineCount(reader.storage.read(part.path) ?? [])
            counts.byVersion[part.version] = n
            return n
        }
    }

    /// Ref mode: the archive commits made for `code` (their `Code-Commit:` trailer names it).
    private func archiveRefCommits(naming code: OID) throws -> [OID] {
        guard let tip = try repository.referenceTarget(ArchiveRefName.full) else { return [] }
        var found: [OID] = []
        let full = code.description
        try repository.walkCommits(from: tip) { commit in
            if commit.message.split(separator: "\n").contains(where: { $0 == ArchiveRefName.codeCommitTrailer + ": " + full }) { found.append(commit.id) }
            return true
        }
        return found
    }
}
