import Glibc
import HookCore

/// `convo-hook export`: one markdown page per archived session in the sessions folder
/// (default `knowledge-base/sessions/`) and `index.md` in the folder above it. Pages keep their
/// file name once written (found again by their first-line marker); a page or index whose bytes
/// would not change is not rewritten. Everything written passes through the redaction rules.
public struct KnowledgeBaseExport {
    /// The sessions folder used when `--out` is not given, relative to the worktree root.
    public static let defaultDirectory = "knowledge-base/sessions"

    /// What an export did.
    public struct Report: Sendable {
        public var directory: String
        public var written: [String] = []
        public var unchanged = 0
        public var indexPath: String
        public var indexWritten = false

        public var text: String {
            var text = "exported \(written.count + unchanged) session\(written.count + unchanged == 1 ? "" : "s") to \(directory): "
            text += written.isEmpty ? "nothing changed" : "\(written.count) written, \(unchanged) unchanged"
            if indexWritten { text += "; updated \(indexPath)" }
            return text
        }
    }

    let repository: Repository
    let environment: [String: String]

    public init(repository: Repository, environment: [String: String] = ProcessEnvironment.current) {
        self.repository = repository
        self.environment = environment
    }

    /// Exports every archived session, or the one whose id is (or starts with) `session`, into `directory`
    /// (absolute, or relative to the current folder; nil for the default below the worktree root).
    public func run(directory: String?, session: String?) throws -> Report {
        guard let workdir = repository.workdir else { throw ArchiveError("a bare repository has no archive to export") }
        let settings = try repository.archiveSettings()
        // The worktree folder in tree mode, refs/convo/archive in ref mode.
        let archive = try ConversationArchive.current(repository)
        defer { archive.saveCache() }
        var sessions = archive.sessions().sorted { $0.folder < $1.folder }
        if let session {
            guard let match = try archive.find(session) else { throw ArchiveError("no archived session matches '\(session)'") }
            sessions = [match]
        }
        let commits = SessionCommits(git: try GitCommand(directory: workdir, environment: environment))
        return try KnowledgeBaseExport.write(
            sessions, of: archive, into: KnowledgeBaseExport.resolve(directory, workdir: workdir),
            key: { String($0.folder.dropFirst(settings.layout.root.count + 1)) },
            commits: { commits.commits(folder: $0.folder, source: $0.source, sessionID: $0.id) },
            redaction: ExportRedaction(redactor: try Redactor(config: settings.redaction)), prices: try Prices.table(repository), workdir: workdir)
    }

    /// `export --dir DIR --out OUT`: the sessions of a `sync --to DIR` mirror (every repository in it, or
    /// the one session named), with the default redaction rules; pages carry no commits (a mirror has none).
    public static func run(mirror archive: ConversationArchive, directory: String, session: String?) throws -> Report {
        defer { archive.saveCache() }
        var sessions = archive.sessions().sorted { $0.folder < $1.folder }
        if let session {
            guard let match = try MirrorSessions.find(session, in: archive) else {
                throw ArchiveError("no archived session matches '\(session)' in \(archive.place)")
            }
            sessions = [match]
        }
        return try write(
            sessions, of: archive, into: resolve(directory, workdir: FileSystem.currentDirectory() ?? archive.place),
            key: { ($0.repository.map { $0 + "/" } ?? "") + $0.path }, commits: { _ in [] },
            redaction: ExportRedaction(redactor: try Redactor(config: RedactionConfig())), prices: .builtin, workdir: archive.place)
    }

    /// Writes one page per session (keeping each page's name, found by `key`) and the index.
    private static func write(
        _ sessions: [ArchivedSession], of archive: ConversationArchive, into outDir: String, key: (ArchivedSession) -> String,
        commits: (ArchivedSession) -> [SessionCommits.Commit], redaction: ExportRedaction, prices: PriceTable, workdir: String
    ) throws -> Report {
        try FileSystem.makeDirectories(outDir)
        guard FileSystem.isDirectory(outDir) else { throw ArchiveError("\(outDir) is not a folder") }

        var names: [String: String] = [:]
        for entry in KnowledgeBaseIndex.entries(in: outDir) where names[entry.key] == nil { names[entry.key] = entry.fileName }
        var taken = Set(FileTree.files(under: outDir).map(\.relativePath))
        let indexPath = FileSystem.parent(of: outDir) + "/index.md"
        var report = Report(directory: outDir, indexPath: indexPath)

        for archived in sessions {
            let key = key(archived)
            let transcript = archive.transcript(of: archived)
            let facts = SessionFacts(transcript)
            let digest = SessionDigest(transcript)
            let title = MarkdownText.oneLine(redaction.redact(facts.title ?? "Session \(facts.sessionID ?? archived.id)"))
            let name: String
            if let existing = names[key] {
                name = existing
            } else {
                let date = ExportSlug.date(timestamp: facts.firstTime, folderName: archived.folderName)
                name = ExportSlug.uniqueName(date: date, slug: ExportSlug.slug(title), taken: taken)
                taken.insert(name)
                names[key] = name
            }
            let page = SessionMarkdown(
                key: key, title: title, session: archived, facts: facts, digest: digest, commits: commits(archived),
                prices: prices, workdir: workdir)
            if try writeIfChanged(redaction.redact(page.render()), to: outDir + "/" + name) {
                report.written.append(name)
            } else {
                report.unchanged += 1
            }
        }
        let index = KnowledgeBaseIndex.render(KnowledgeBaseIndex.entries(in: outDir), folderName: FileSystem.baseName(outDir))
        report.indexWritten = try writeIfChanged(redaction.redact(index), to: indexPath)
        return report
    }

    /// `directory` made absolute: nil → the default below the worktree root; relative → from the current folder.
    static func resolve(_ directory: String?, workdir: String) -> String {
        guard let directory, !directory.isEmpty else { return workdir + "/" + defaultDirectory }
        if directory.hasPrefix("/") { return Markdown.normalize(directory) }
        let cwd = FileSystem.currentDirectory() ?? workdir
        return Markdown.normalize(cwd + "/" + directory)
    }

    /// Writes atomically unless the file already holds exactly these bytes; returns whether it wrote.
    static func writeIfChanged(_ text: String, to path: String) throws -> Bool {
        let bytes = Array(text.utf8)
        if FileSystem.read(path) == bytes { return false }
        try FileSystem.writeAtomically(bytes, to: path)
        return true
    }
}

extension FileSystem {
    /// The last component of `path`.
    public static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
