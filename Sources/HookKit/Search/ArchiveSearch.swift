import Glibc
import HookCore

/// `convo-hook search`: keeps the index of one archive up to date and answers queries over it.
/// The index is brought up to date here, at search time, never by the commit hooks.
public final class ArchiveSearch {
    let reader: any ArchiveReader
    let indexPath: String
    let archiveRoot: String
    let commitLookup: (any CommitLookup)?
    let isMirror: Bool
    let notice: (String) -> Void
    private var index: SearchIndex?

    init(reader: any ArchiveReader, indexPath: String, archiveRoot: String, commitLookup: (any CommitLookup)?, isMirror: Bool,
         notice: @escaping (String) -> Void) {
        self.reader = reader
        self.indexPath = indexPath
        self.archiveRoot = archiveRoot
        self.commitLookup = commitLookup
        self.isMirror = isMirror
        self.notice = notice
    }

    /// Searches the archive folder of this worktree; the index lives in its git dir (`convo-hook/search.sqlite`).
    public static func repository(_ repository: Repository, notice: @escaping (String) -> Void) throws -> ArchiveSearch {
        let settings = try repository.archiveSettings()
        if settings.mode == .ref {
            return ArchiveSearch(
                reader: RefArchiveReader(repository: repository, layoutRoot: settings.layout.root),
                indexPath: repository.convoStateDirectory + "/search-ref.sqlite", archiveRoot: settings.layout.root,
                commitLookup: ArchiveRefCommitLookup(repository: repository, archiveRoot: settings.layout.root),
                isMirror: false, notice: notice)
        }
        guard let workdir = repository.workdir else { throw ArchiveError("a bare repository has no worktree archive to search; use --dir") }
        let root = workdir + "/" + settings.layout.root
        var reader = FolderArchiveReader(root: root, repositoryPrefix: settings.layout.root)
        reader.watchedFiles = [repository.convoStateDirectory + "/state.json", repository.gitDir + "/index"]
        reader.fingerprintSalt = { [repository] in
            // Where HEAD points: a checkout, pull or reset changes it even when no file time above does.
            guard let head = try? repository.head() else { return nil }
            switch head {
            case .branch(let name, let target): return name + "@" + target.description
            case .unborn(let name): return name
            case .detached(let target): return target.description
            }
        }
        return ArchiveSearch(
            reader: reader,
            indexPath: repository.convoStateDirectory + "/search.sqlite", archiveRoot: root,
            commitLookup: TreeCommitLookup(repository: repository, start: "HEAD", archiveRoot: settings.layout.root),
            isMirror: false, notice: notice)
    }

    /// Searches a folder written by `sync --to DIR` (any number of repositories' archives below it).
    /// Its index is kept under `$XDG_CACHE_HOME/convo-hook/search/` (or `~/.cache/…`), never inside the synced folder.
    public static func folder(_ path: String, environment: [String: String] = ProcessEnvironment.current,
                              notice: @escaping (String) -> Void) throws -> ArchiveSearch {
        guard let resolved = realpath(path, nil) else { throw ArchiveError("--dir \(path): no such folder") }
        let root = String(cString: resolved)
        free(resolved)
        guard FileSystem.isDirectory(root) else { throw ArchiveError("--dir \(path): not a folder") }
        guard let cache = environment["XDG_CACHE_HOME"].flatMap({ $0.hasPrefix("/") ? $0 : nil })
                ?? environment["HOME"].map({ $0 + "/.cache" }) else {
            throw ArchiveError("--dir needs HOME or XDG_CACHE_HOME for its index")
        }
        let name = ArchiveLayout.sanitize(String(root.dropFirst()).replacing("/", with: "_"))
        return ArchiveSearch(
            reader: FolderArchiveReader(root: root, repositoryPrefix: nil),
            indexPath: cache + "/convo-hook/search/" + name + ".sqlite", archiveRoot: root,
            commitLookup: nil, isMirror: true, notice: notice)
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
        do {
            let result = try index.update(from: reader, progress: report)
            if progress { ArchiveSearch.clearProgress() }
            return result
        } catch let error as SQLiteError where error.isCorruption {
            notice("the search index was damaged (\(error.message)); rebuilding it")
            try dropIndex()
            return try openIndex().update(from: reader, progress: report)
        }
    }

    /// Updates the index, then returns the best hits with the commits that carry them.
    public func search(_ query: SearchQuery, filter: SearchFilter, highlight: (open: String, close: String) = ("**", "**"),
                       progress: Bool = false) throws -> [SearchHit] {
        try update(progress: progress)
        let started = SearchIndex.milliseconds()
        var hits: [SearchHit]
        do {
            hits = try openIndex().search(query, filter: filter, highlight: highlight)
        } catch let error as SQLiteError where error.isCorruption {
            notice("the search index was damaged (\(error.message)); rebuilding it")
            try dropIndex()
            try update(progress: progress)
            hits = try openIndex().search(query, filter: filter, highlight: highlight)
        }
        if isMirror {
            for i in hits.indices {
                let components = hits[i].folder.split(separator: "/")
                hits[i].repository = components.count > 2 ? components.dropLast(2).joined(separator: "/") : nil
            }
        }
        Diagnostics.trace("search: query took \(SearchIndex.milliseconds() - started) ms")
        if let commitLookup {
            let paths = Set(hits.compactMap { reader.repositoryPath(of: $0.part) })
            let commits = try commitLookup.commits(carrying: paths)
            for i in hits.indices {
                hits[i].commits = reader.repositoryPath(of: hits[i].part).flatMap { commits[$0] } ?? []
            }
            Diagnostics.trace("search: commit lookup done after \(SearchIndex.milliseconds() - started) ms")
        }
        return hits
    }

    private func openIndex() throws -> SearchIndex {
        if let index { return index }
        let opened = try SearchIndex(path: indexPath, archiveRoot: archiveRoot)
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
        Diagnostics.progress("indexing part \(done + 1) of \(total)")
    }
}
