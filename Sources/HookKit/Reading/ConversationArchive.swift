import Glibc
import HookCore

/// An archive opened for reading, wherever it is: the one entry point of `log`, `show`, `export`, `search`,
/// `stats` (and anything built on them). It pairs the reader (`ArchiveReader` over the right storage) with
/// a cache of derived session facts.
///
/// - `current(repository)`: this worktree's archive in the configured mode (tree: the worktree folder;
///   ref: the tree of `refs/convo/archive`).
/// - `at(commit:repository:)`: the archive as a commit's tree holds it (tree mode; works on a clone
///   without notes).
/// - `mirror(directory)`: a folder written by `sync --to DIR` (`DIR/<repo>/<convo.dir>/…`, any number of
///   repositories).
public final class ConversationArchive {
    public let reader: ArchiveReader
    /// The repository, when reading one (nil for a mirror).
    public let repository: Repository?
    /// The archive folder inside the repository (`convo.dir`), nil for a mirror.
    public let archiveRoot: String?
    /// Folders an earlier `convo.dir` filled, read as part of this archive (`ArchiveRoots`).
    public private(set) var earlierRoots: [String] = []
    /// What to call this archive in messages: `the worktree archive`, `refs/convo/archive`, a folder.
    public let place: String
    let cache: SessionFactsCache

    init(reader: ArchiveReader, repository: Repository?, archiveRoot: String?, place: String, cachePath: String?) {
        self.reader = reader
        self.repository = repository
        self.archiveRoot = archiveRoot
        self.place = place
        cache = SessionFactsCache(path: cachePath)
    }

    /// This worktree's archive in the configured mode.
    public static func current(_ repository: Repository) throws -> ConversationArchive {
        let settings = try repository.archiveSettings()
        let root = settings.layout.root
        let cachePath = repository.convoStateDirectory + "/session-facts"
        switch settings.mode {
        case .tree:
            guard let workdir = repository.workdir else {
                // A bare repository (a server's, a mirror): the archive as the branch HEAD names holds it.
                return try inTree(of: repository.head().commit, repository: repository, root: root, place: "HEAD", cachePath: cachePath)
            }
            let roots = ArchiveRoots.tracked(by: repository, configured: root)
            let archive = ConversationArchive(
                reader: ArchiveReader(storage: MergedRootsStorage.over(FolderStorage(root: workdir), roots: roots), layout: .repository(root: root)),
                repository: repository, archiveRoot: root, place: root, cachePath: cachePath)
            archive.earlierRoots = Array(roots.dropFirst())
            return archive
        case .ref:
            let tip = try repository.referenceTarget(ArchiveRefName.full)
            return try inTree(of: tip, repository: repository, root: root, place: ArchiveRefName.full, cachePath: cachePath)
        }
    }

    /// The archive in the tree of `commit` (none: empty), every archive folder that tree holds.
    private static func inTree(of commit: OID?, repository: Repository, root: String, place: String, cachePath: String) throws -> ConversationArchive {
        let tree = try commit.map { try repository.commit($0).tree() }
        let roots = try tree.map { try ArchiveRoots.inTree($0, repository: repository, configured: root) } ?? [root]
        let storage = GitTreeStorage(repository: repository, tree: tree)
        let archive = ConversationArchive(
            reader: ArchiveReader(storage: MergedRootsStorage.over(storage, roots: roots), layout: .repository(root: root)),
            repository: repository, archiveRoot: root, place: place, cachePath: cachePath)
        archive.earlierRoots = Array(roots.dropFirst())
        return archive
    }

    /// The archive as `commit`'s tree holds it.
    public static func at(commit: OID, repository: Repository) throws -> ConversationArchive {
        let root = try repository.archiveSettings().layout.root
        let tree = try repository.commit(commit).tree()
        // The archive folders this worktree knows (cheap: git's index), as far as the commit has them;
        // walking a whole code tree for them would cost more than the show itself.
        let roots = ArchiveRoots.tracked(by: repository, configured: root).filter { $0 == root || (try? tree.entry(at: $0)) != nil }
        let archive = ConversationArchive(
            reader: ArchiveReader(
                storage: MergedRootsStorage.over(GitTreeStorage(repository: repository, tree: tree), roots: roots),
                layout: .repository(root: root)),
            repository: repository, archiveRoot: root, place: "commit " + String(commit.description.prefix(12)),
            cachePath: repository.convoStateDirectory + "/session-facts")
        archive.earlierRoots = Array(roots.dropFirst())
        return archive
    }

    /// A `sync --to DIR` mirror. Its facts cache lives under `$XDG_CACHE_HOME/convo-hook/` (or `~/.cache/…`), never in it.
    public static func mirror(_ directory: String, environment: [String: String] = ProcessEnvironment.current) throws -> ConversationArchive {
        guard let resolved = realpath(directory, nil) else { throw ArchiveError("--dir \(directory): no such folder") }
        let root = String(cString: resolved)
        free(resolved)
        guard FileSystem.isDirectory(root) else { throw ArchiveError("--dir \(directory): not a folder") }
        let cache = ConversationArchive.cacheDirectory(environment).map { $0 + "/facts/" + ArchiveLayout.sanitize(String(root.dropFirst()).replacing("/", with: "_")) }
        let folder = FolderStorage(root: root)
        let storage: any ArchiveStorage =
            SingleRepositoryMirror.looksLikeOneRepository(root)
            ? SingleRepositoryMirror(base: folder, name: FileSystem.baseName(root)) : folder
        return ConversationArchive(
            reader: ArchiveReader(storage: storage, layout: .mirror), repository: nil,
            archiveRoot: nil, place: root, cachePath: cache)
    }

    /// `$XDG_CACHE_HOME/convo-hook` or `~/.cache/convo-hook`; nil without either.
    static func cacheDirectory(_ environment: [String: String]) -> String? {
        (environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? environment["HOME"].map { $0 + "/.cache" })
            .map { $0 + "/convo-hook" }
    }

    // MARK: reading

    /// Every session folder, newest first (by the start time in the folder name, then folder).
    public func sessions() -> [ArchivedSession] {
        reader.sessions().sorted { ($0.folderName.prefix(15), $0.folder) > ($1.folderName.prefix(15), $1.folder) }
    }

    /// The session named by an id, `source/id`, folder name or unique prefix of one; nil when none matches.
    public func find(_ query: String) throws -> ArchivedSession? { try reader.find(query) }

    /// A session's facts (title, times, models, tokens…), from the cache when its parts did not change.
    public func facts(of session: ArchivedSession) -> SessionFacts { cache.facts(of: session, reader: reader) }

    /// A session's facts without the per-message list (`messages` empty, `byModel` filled): what listings need,
    /// cheaper to load from the cache.
    public func summary(of session: ArchivedSession) -> SessionFacts { cache.facts(of: session, reader: reader, messages: false) }

    /// All of a session's events.
    public func transcript(of session: ArchivedSession) -> SessionTranscript { reader.transcript(of: session) }

    /// Keeps what was derived for the next run.
    public func saveCache() { cache.save() }
}
