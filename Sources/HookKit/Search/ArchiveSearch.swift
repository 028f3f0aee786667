import Glibc
import HookCore

/// `convo-hook search`: keeps the index of one archive up to date and answers queries over it.
/// The index is brought up to date here, at search time, never by the commit hooks.
public final class ArchiveSearch {
    let archive: ConversationArchive
    let indexPath: String
    /// Identifies the archive the index belongs to (an index of another archive is rebuilt).
    let archiveID: String
    let commitLookup: (any CommitLookup)?
    let isMirror: Bool
    /// A cheap summary that changes whenever the archive may have changed; nil lists it every time.
    let fingerprint: () -> String?
    let notice: (String) -> Void
    private var index: SearchIndex?

    init(
        archive: ConversationArchive, indexPath: String, archiveID: String, commitLookup: (any CommitLookup)?, isMirror: Bool,
        fingerprint: @escaping () -> String?, notice: @escaping (String) -> Void
    ) {
        self.archive = archive
        self.indexPath = indexPath
        self.archiveID = archiveID
        self.commitLookup = commitLookup
        self.isMirror = isMirror
        self.fingerprint = fingerprint
        self.notice = notice
    }

    /// Searches this worktree's archive (its folder, or `refs/convo/archive` in ref mode); the index lives in
    /// its git dir (`convo-hook/search.sqlite`).
    public static func repository(_ repository: Repository, notice: @escaping (String) -> Void) throws -> ArchiveSearch {
        let settings = try repository.archiveSettings()
        let archive = try ConversationArchive.current(repository)
        let root = settings.layout.root
        if settings.mode == .ref {
            return ArchiveSearch(
                archive: archive, indexPath: repository.convoStateDirectory + "/search-ref.sqlite", archiveID: root,
                commitLookup: ArchiveRefCommitLookup(repository: repository, archiveRoot: root, earlierRoots: archive.earlierRoots), isMirror: false,
                fingerprint: { (try? repository.referenceTarget(ArchiveRefName.full))?.map(\.description) ?? "none" }, notice: notice)
        }
        guard let workdir = repository.workdir else {
            // A bare repository: the archive HEAD's tree holds, indexed again when HEAD moves.
            return ArchiveSearch(
                archive: archive, indexPath: repository.convoStateDirectory + "/search-head.sqlite", archiveID: root,
                commitLookup: TreeCommitLookup(repository: repository, start: "HEAD", archiveRoot: root, earlierRoots: archive.earlierRoots), isMirror: false,
                fingerprint: { [repository] in repository.resolveCommit("HEAD")?.description ?? "none" }, notice: notice)
        }
        let folder = workdir + "/" + root
        // Parts reach the worktree only through the index (pre-commit stages them) or a checkout (HEAD moves):
        // git's index file, HEAD and the archive's own folders change whenever the archive does.
        let watched = [repository.gitDir + "/index", repository.convoStateDirectory + "/state.json"]
        let fingerprint: () -> String? = { [repository] in
            guard let head = try? repository.head() else { return nil }
            var parts: [String]
            switch head {
            case .branch(let name, let target): parts = [name + "@" + target.description]
            case .unborn(let name): parts = [name]
            case .detached(let target): parts = [target.description]
            }
            for path in watched { parts.append(FileProbe.info(path).map { "\($0.mtimeNanos):\($0.size)" } ?? "-") }
            parts.append(FileProbe.info(folder).map { "\($0.mtimeNanos)" } ?? "-")
            for entry in FileProbe.list(folder).sorted(by: { $0.name < $1.name }) where entry.kind == .directory {
                parts.append(entry.name + "=" + (FileProbe.info(folder + "/" + entry.name).map { "\($0.mtimeNanos)" } ?? "-"))
            }
            return parts.joined(separator: "|")
        }
        return ArchiveSearch(
            archive: archive, indexPath: repository.convoStateDirectory + "/search.sqlite", archiveID: folder,
            commitLookup: TreeCommitLookup(repository: repository, start: "HEAD", archiveRoot: root, earlierRoots: archive.earlierRoots),
            isMirror: false, fingerprint: fingerprint, notice: notice)
    }

    /// Searches a folder written by `sync --to DIR` (any number of repositories' archives below it).
    /// Its index is kept under `$XDG_CACHE_HOME/convo-hook/search/` (or `~/.cache/…`), never inside the synced folder.
    public static func folder(
        _ path: String, environment: [String: String] = ProcessEnvironment.current,
        notice: @escaping (String) -> Void
    ) throws -> ArchiveSearch {
        let archive = try ConversationArchive.mirror(path, environment: environment)
        guard let cache = ConversationArchive.cacheDirectory(environment) else {
            throw ArchiveError("--dir needs HOME or XDG_CACHE_HOME for its index")
        }
        let name = ArchiveLayout.sanitize(String(archive.place.dropFirst()).replacing("/", with: "_"))
        return ArchiveSearch(
            archive: archive, indexPath: cache + "/search/" + name + ".sqlite", archiveID: archive.place,
            commitLookup: nil, isMirror: true, fingerprint: { nil }, notice: notice)
    }

    /// Deletes the index; the next `update` builds it again from every part file.
    public func dropIndex() throws {
        index = nil
        try SearchIndex.removeFiles(indexPath)
    }

    /// Opens the index (rebuilding a corrupt or outdated one) and reads what is new in the archive.
    @discardableResult
    public func update(progress: Bool = false) throws -> SearchIndex.UpdateReport {
        let index = try openIndex()
        let report: ((Int, Int) -> Void)? = progress ? { done, total in ArchiveSearch.showProgress(done, total) } : nil
        defer { archive.saveCache() }
        do {
            let result = try index.update(from: archive, fingerprint: fingerprint(), progress: report)
            if progress { ArchiveSearch.clearProgress() }
            return result
        } catch let error as SQLiteError where error.isCorruption {
            notice("the search index was damaged (\(error.message)); rebuilding it")
            try dropIndex()
            return try openIndex().update(from: archive, fingerprint: fingerprint(), progress: report)
        }
    }

    /// Updates the index, then returns the best hits with the commits that carry them.
    public func search(_ query: SearchQuery, filter: SearchFilter, markers: SnippetMarkers = .brackets, progress: Bool = false) throws -> [SearchHit] {
        try update(progress: progress)
        let started = SearchIndex.milliseconds()
        var hits: [SearchHit]
        do {
            hits = try openIndex().search(query, filter: filter, markers: markers)
        } catch let error as SQLiteError where error.isCorruption {
            notice("the search index was damaged (\(error.message)); rebuilding it")
            try dropIndex()
            try update(progress: progress)
            hits = try openIndex().search(query, filter: filter, markers: markers)
        }
        if isMirror {
            for i in hits.indices { hits[i].repository = hits[i].folder.split(separator: "/").first.map(String.init) }
        }
        Diagnostics.trace("search: query took \(SearchIndex.milliseconds() - started) ms")
        if let commitLookup {
            let paths = Set(hits.map(\.part))
            let commits = try commitLookup.commits(carrying: paths)
            for i in hits.indices { hits[i].commits = commits[hits[i].part] ?? [] }
            Diagnostics.trace("search: commit lookup done after \(SearchIndex.milliseconds() - started) ms")
        }
        return hits
    }

    private func openIndex() throws -> SearchIndex {
        if let index { return index }
        let opened = try SearchIndex(path: indexPath, archiveRoot: archiveID)
        switch opened.openState {
        case .ready: break
        case .created: notice("building the search index in \(indexPath)")
        case .rebuilt(let reason): notice("rebuilding the search index: \(reason)")
        }
        index = opened
        return opened
    }

    private static func clearProgress() {
        if isatty(2) == 1 { Diagnostics.progress(nil) }
    }

    private static func showProgress(_ done: Int, _ total: Int) {
        guard total > 50, isatty(2) == 1, done % 25 == 0 else { return }
        Diagnostics.progress("indexing session \(done + 1) of \(total)")
    }
}
