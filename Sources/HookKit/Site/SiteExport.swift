import HookCore

/// `convo-hook export --html`: writes the archive's site into a folder. A page whose bytes would not
/// change is not rewritten; a page the previous export wrote that this one does not (a session gone, a
/// page fewer) is removed. Nothing else in the folder is touched: what an export wrote is listed in its
/// `.convo-hook-site` file.
public struct SiteExport {
    /// The folder used when `--out` is not given, relative to the worktree root.
    public static let defaultDirectory = "convo-site"

    public struct Report: Sendable {
        public var directory: String
        public var sessions = 0
        public var commits = 0
        public var pages = 0
        public var written = 0
        public var removed = 0

        public var text: String {
            var text = "wrote the site of \(sessions) session\(sessions == 1 ? "" : "s") and \(commits) commit\(commits == 1 ? "" : "s") to \(directory)/index.html: "
            let unchanged = pages - written
            text += written == 0 ? "nothing changed" : "\(written) page\(written == 1 ? "" : "s") written, \(unchanged) unchanged"
            if removed > 0 { text += ", \(removed) removed" }
            return text
        }
    }

    let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    /// Writes the site into `directory` (absolute or relative to the current folder; nil: `convo-site` in
    /// the worktree root).
    public func run(directory: String?, range: String?, session: String?) throws -> Report {
        let outDir: String
        if let directory, !directory.isEmpty {
            outDir = KnowledgeBaseExport.resolve(directory, workdir: repository.workdir ?? FileSystem.currentDirectory() ?? "/")
        } else {
            guard let workdir = repository.workdir else { throw ArchiveError("a bare repository has no worktree to write the site into; give --out DIR") }
            outDir = workdir + "/" + SiteExport.defaultDirectory
        }
        let site = try ArchiveSite(repository: repository, range: range, session: session)
        defer { site.saveCache() }
        return try SiteExport.write(site, to: outDir)
    }

    /// `export --html --dir DIR --out OUT`: the site of a `sync --to DIR` mirror (every repository in it, or the
    /// one session named), with the default redaction rules and prices; a mirror has no commits.
    public static func run(mirror archive: ConversationArchive, directory: String, session: String?) throws -> Report {
        let site = try ArchiveSite(
            archive: archive, history: SiteHistory(), prices: .builtin, redaction: SiteRedaction(redactor: try Redactor(config: RedactionConfig())),
            range: nil, session: session)
        defer { site.saveCache() }
        return try write(site, to: KnowledgeBaseExport.resolve(directory, workdir: FileSystem.currentDirectory() ?? archive.place))
    }

    /// Renders every page of `site` into `outDir`, but for pages whose inputs did not change since the last
    /// export (their key in `.convo-hook-site` is the same and their files are there).
    static func write(_ site: ArchiveSite, to outDir: String) throws -> Report {
        do {
            try FileSystem.makeDirectories(outDir + "/sessions")
            try FileSystem.makeDirectories(outDir + "/commits")
        } catch {
            throw ArchiveError("cannot create \(outDir): \(error)")
        }
        guard FileSystem.isDirectory(outDir) else { throw ArchiveError("\(outDir) is not a folder") }
        let before = SiteManifest.read(outDir, settings: site.settingsKey)
        var after = SiteManifest(settings: site.settingsKey)
        var report = Report(directory: outDir)
        func put(_ path: String, _ bytes: [UInt8]) throws {
            report.pages += 1
            if try SiteExport.writeIfChanged(bytes, to: outDir + "/" + path) { report.written += 1 }
        }
        /// Whether the pages of `key` are there from the last export: then they are kept as they are.
        func unchanged(_ key: String) -> Bool {
            guard let paths = before.groups[key], paths.allSatisfy({ FileSystem.exists(outDir + "/" + $0) }) else { return false }
            after.add(key, paths)
            report.pages += paths.count
            return true
        }
        for session in site.sessions {
            let key = "session " + site.sessionKey(session)
            if unchanged(key) { continue }
            let pages = site.sessionPages(session)
            for page in pages { try put(page.path, page.bytes) }
            after.add(key, pages.map(\.path))
        }
        let commits = site.commits
        for commit in commits {
            let key = "commit " + site.commitKey(commit)
            if unchanged(key) { continue }
            try put(SiteNames.commit(commit.id), site.commitPage(commit))
            after.add(key, [SiteNames.commit(commit.id)])
        }
        if site.range != nil {
            let key = "digest " + ArchiveSite.digest((site.sessions.map(site.sessionKey) + commits.map(site.commitKey)).joined(separator: "\n"))
            if !unchanged(key) {
                try put(SiteNames.digest, site.digestPage())
                after.add(key, [SiteNames.digest])
            }
        }
        let always: [(String, [UInt8])] = [
            (SiteNames.index, site.indexPage()), (SiteNames.stylesheet, Array(SiteAssets.stylesheet.utf8)),
            (SiteNames.script, Array(SiteAssets.filterScript.utf8)),
        ]
        for (path, bytes) in always {
            try put(path, bytes)
            after.add("always", [path])
        }
        report.sessions = site.sessions.count
        report.commits = commits.count

        let now = Set(after.paths)
        for old in before.paths where !now.contains(old) {
            if (try? FileSystem.remove(outDir + "/" + old)) != nil { report.removed += 1 }
        }
        _ = try SiteExport.writeIfChanged(after.text, to: outDir + "/" + SiteNames.manifest)
        return report
    }

    /// Writes atomically unless the file already holds exactly these bytes; returns whether it wrote.
    static func writeIfChanged(_ bytes: [UInt8], to path: String) throws -> Bool {
        if FileSystem.read(path) == bytes { return false }
        do {
            try FileSystem.writeAtomically(bytes, to: path)
        } catch {
            throw ArchiveError("cannot write \(path): \(error)")
        }
        return true
    }
}

/// `.convo-hook-site`: what an export wrote. The first line names the settings every page depends on; each
/// other line is a key (what a group of pages was rendered from) and the group's paths, tab-separated.
struct SiteManifest {
    let settings: String
    /// Key → paths, for groups rendered under the same settings.
    private(set) var groups: [String: [String]] = [:]
    /// Every path listed, whatever the settings (the pages a new export may have to remove).
    private(set) var paths: [String] = []

    init(settings: String) { self.settings = settings }

    mutating func add(_ key: String, _ paths: [String]) {
        groups[key, default: []] += paths
        self.paths += paths
    }

    var text: [UInt8] {
        var lines = ["convo-hook site " + settings]
        for key in groups.keys.sorted() { lines.append(([key] + groups[key]!).joined(separator: "\t")) }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The manifest in `outDir`; groups only when it was written under `settings`. Only relative paths inside
    /// the site's own folders are taken, so a damaged manifest can never name a file elsewhere.
    static func read(_ outDir: String, settings: String) -> SiteManifest {
        var manifest = SiteManifest(settings: settings)
        guard let bytes = FileSystem.read(outDir + "/" + SiteNames.manifest) else { return manifest }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        let same = lines.first == "convo-hook site " + settings
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 2 else { continue }
            let paths = fields.dropFirst().filter(SiteManifest.isSitePath)
            manifest.paths += paths
            if same, paths.count == fields.count - 1 { manifest.groups[fields[0], default: []] += paths }
        }
        return manifest
    }

    static func isSitePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }) else { return false }
        if parts.count == 1 { return path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".js") }
        return parts.count == 2 && ["sessions", "commits"].contains(parts[0]) && path.hasSuffix(".html")
    }
}
