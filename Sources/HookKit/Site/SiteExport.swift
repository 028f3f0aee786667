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
        defer { site.archive.saveCache() }
        return try SiteExport.write(site, to: outDir)
    }

    /// Renders every page of `site` into `outDir`.
    static func write(_ site: ArchiveSite, to outDir: String) throws -> Report {
        do {
            try FileSystem.makeDirectories(outDir + "/sessions")
            try FileSystem.makeDirectories(outDir + "/commits")
        } catch {
            throw ArchiveError("cannot create \(outDir): \(error)")
        }
        guard FileSystem.isDirectory(outDir) else { throw ArchiveError("\(outDir) is not a folder") }
        let before = SiteExport.manifest(in: outDir)
        var report = Report(directory: outDir)
        var wrote: [String] = []
        func put(_ path: String, _ bytes: [UInt8]) throws {
            wrote.append(path)
            report.pages += 1
            if try SiteExport.writeIfChanged(bytes, to: outDir + "/" + path) { report.written += 1 }
        }
        for session in site.sessions {
            for page in site.sessionPages(session) { try put(page.path, page.bytes) }
        }
        let commits = site.commits
        for commit in commits { try put(SiteNames.commit(commit.id), site.commitPage(commit)) }
        if site.range != nil { try put(SiteNames.digest, site.digestPage()) }
        try put(SiteNames.index, site.indexPage())
        try put(SiteNames.stylesheet, Array(SiteAssets.stylesheet.utf8))
        try put(SiteNames.script, Array(SiteAssets.filterScript.utf8))
        report.sessions = site.sessions.count
        report.commits = commits.count

        let now = Set(wrote)
        for old in before where !now.contains(old) {
            if (try? FileSystem.remove(outDir + "/" + old)) != nil { report.removed += 1 }
        }
        _ = try SiteExport.writeIfChanged(Array((wrote.sorted().joined(separator: "\n") + "\n").utf8), to: outDir + "/" + SiteNames.manifest)
        return report
    }

    /// The pages the previous export listed: relative paths inside the site's own folders only.
    static func manifest(in outDir: String) -> [String] {
        guard let bytes = FileSystem.read(outDir + "/" + SiteNames.manifest) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init).filter { path in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return false }
            return parts.count == 1 ? path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".js") : parts.count == 2 && ["sessions", "commits"].contains(parts[0])
        }
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
