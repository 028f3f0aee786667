import HookCore

/// The sessions provenance looks into for a commit, read once each: the sessions the commit carries (its
/// note, its `Conversation:` trailers, else what its archive diff or archive-ref commit shows); a commit
/// carrying none borrows those of its closest first-parent ancestor that carries some, at most
/// `borrowDepth` commits back (the code of a session committed in several steps). Each session is read
/// from the current archive, else from the tree of the commit that carries it.
final class SessionLibrary {
    let repository: Repository
    let archive: ConversationArchive
    let archiveRoot: String
    private let lines: CommitLines
    /// By `<source>/<folder name>`: a session reads as one whichever archive folder (`convo.dir`) holds it.
    private var byPath: [String: ArchivedSession] = [:]
    private var byKey: [String: [ArchivedSession]] = [:]
    private var carried: [OID: [String]] = [:]
    private var loaded: [String: LoadedSession?] = [:]
    private var commitArchives: [OID: ConversationArchive?] = [:]

    static let borrowDepth = 10

    /// A session read into events, with what its calls wrote.
    final class LoadedSession {
        let session: ArchivedSession
        let transcript: SessionTranscript
        let written: WrittenLines

        init(session: ArchivedSession, transcript: SessionTranscript) {
            self.session = session
            self.transcript = transcript
            var written = WrittenLines()
            for stream in transcript.streams { written.add(events: stream.events, stream: stream.name) }
            self.written = written
        }
    }

    init(repository: Repository) throws {
        self.repository = repository
        archive = try ConversationArchive.current(repository)
        archiveRoot = archive.archiveRoot ?? ArchiveSettings.defaultDirectory
        lines = CommitLines(repository: repository, archiveRoot: archiveRoot)
        for session in archive.sessions() { remember(session) }
    }

    private func remember(_ session: ArchivedSession) {
        if byPath[session.path] == nil {
            byPath[session.path] = session
            byKey[session.key, default: []].append(session)
        }
    }

    /// The sessions `commit` carries, as `<source>/<folder name>`; cheapest evidence first.
    func folders(carriedBy commit: OID) -> [String] {
        if let known = carried[commit] { return known }
        var found: [String] = []
        func add(folder: String?, key: String) {
            if let folder, !folder.isEmpty {
                let path = ArchivedSession.path(ofFolder: folder)
                if !found.contains(path) { found.append(path) }
            } else {
                for s in byKey[key] ?? [] where !found.contains(s.path) { found.append(s.path) }
                if byKey[key] == nil, let s = atCommit(commit)?.sessions().first(where: { $0.key == key }), !found.contains(s.path) { found.append(s.path) }
            }
        }
        if let note = try? ConversationNotes.read(commit, in: repository) {
            for s in note.sessions { add(folder: s.folder, key: s.session) }
        }
        if found.isEmpty, let message = try? repository.commit(commit).message {
            for key in ConversationTrailers.sessions(in: message) { add(folder: nil, key: key) }
        }
        if found.isEmpty, let diff = try? lines.carried(by: commit) {
            for c in diff { add(folder: c.folder, key: c.key) }
        }
        carried[commit] = found
        return found
    }

    /// The sessions considered for `commit` and the commit that carries them (itself or a borrowed ancestor).
    func considered(for commit: OID) -> (folders: [String], carrier: OID?) {
        var current: OID? = commit
        for _ in 0...SessionLibrary.borrowDepth {
            guard let c = current else { break }
            let found = folders(carriedBy: c)
            if !found.isEmpty { return (found, c) }
            current = try? repository.commit(c).parentIDs.first
        }
        return ([], nil)
    }

    /// A session (`<source>/<folder name>`), read from the current archive or, when that lacks it, from
    /// `commit`'s tree.
    func load(_ path: String, carriedBy commit: OID?) -> LoadedSession? {
        if let known = loaded[path] { return known }
        var result: LoadedSession?
        if let session = byPath[path] {
            result = LoadedSession(session: session, transcript: archive.transcript(of: session))
        } else if let commit, let holder = atCommit(commit), let session = holder.sessions().first(where: { $0.path == path }) {
            remember(session)
            result = LoadedSession(session: session, transcript: holder.transcript(of: session))
        }
        loaded[path] = result
        return result
    }

    private func atCommit(_ commit: OID) -> ConversationArchive? {
        if let known = commitArchives[commit] { return known }
        let holder = try? ConversationArchive.at(commit: commit, repository: repository)
        commitArchives[commit] = holder
        return holder
    }
}
