import HookCore

/// Attribution counted from history (`CommitAttribution`): the lines a commit adds to its parent (the
/// archive folder aside; merges add none of their own) matched against the sessions `SessionLibrary`
/// considers for it, with calls made at or before the commit.
struct AttributionCounter {
    let library: SessionLibrary
    let git: GitText

    func count(_ commitID: OID) throws -> CommitAttribution? {
        let commit = try library.repository.commit(commitID)
        guard commit.parentIDs.count <= 1 else { return nil }
        let result = try git.git.run(HookAttribution.diffArguments(revision: commitID.description, archiveRoot: library.archiveRoot))
        guard result.status == 0 else { throw ArchiveError("git diff-tree \(commitID.description.prefix(7)): \(GitText.reason(result))") }
        let (folders, carrier) = library.considered(for: commitID)
        let written = folders.compactMap { library.load($0, carriedBy: carrier)?.written }
        return HookAttribution.count(UnifiedDiff.addedFiles(result.stdout), written: written, before: commit.time)
    }
}

/// Attribution as the note on `refs/notes/convo` holds it; a commit whose note lacks it (made before
/// attribution was counted, or by a hook that could not count it) is counted when asked and the count is
/// written into its note, so it travels with the notes from then on.
final class AttributionStore {
    let repository: Repository
    /// Made at the first count: a commit whose note holds the attribution needs no session read.
    private var counter: AttributionCounter?
    private var known: [OID: CommitAttribution?] = [:]

    init(repository: Repository) {
        self.repository = repository
    }

    /// The attribution noted on `commit`, nil when its note has none.
    static func noted(_ commit: OID, in repository: Repository) -> CommitAttribution? {
        (try? ConversationNotes.read(commit, in: repository))?.flatMap { $0.attribution }
    }

    /// The noted attribution, else a count made now (and written into the note).
    func attribution(of commit: OID) throws -> CommitAttribution? {
        if let cached = known[commit] { return cached }
        if let noted = AttributionStore.noted(commit, in: repository), noted.rule == CommitAttribution.currentRule {
            known[commit] = noted
            return noted
        }
        let counter = try self.counter ?? AttributionCounter(library: SessionLibrary(repository: repository), git: GitText(repository: repository))
        self.counter = counter
        let counted = try counter.count(commit)
        // Noting it is a cache: a repository this user cannot write to (or no identity) still gets the count.
        if let counted { try? write(counted, on: commit) }
        known[commit] = counted
        return counted
    }

    /// Puts `attribution` into the note of `commit`, keeping what the note says besides.
    private func write(_ attribution: CommitAttribution, on commit: OID) throws {
        let existing = try repository.note(on: commit, notesRef: ConversationNotes.ref) ?? ""
        var change = ConversationNotes.change(fromNote: existing)
        change.attribution = attribution
        let foreign = existing.split(separator: "\n").filter { !ConversationNotes.isNoteLine($0) && !$0.allSatisfy(\.isWhitespace) }
        let text = ConversationNotes.text(for: change) + foreign.map { $0 + "\n" }.joined()
        let signature = try repository.signature(.committer)
        try repository.createNote(text, on: commit, notesRef: ConversationNotes.ref, author: signature, committer: signature, force: true)
    }
}

extension AttributionStore {
    /// `show COMMIT`'s first line: who wrote the lines the commit adds; nil when that cannot be told (a merge).
    static func header(for commit: OID, repository: Repository) -> String? {
        guard let counts = try? AttributionStore(repository: repository).attribution(of: commit) else { return nil }
        return "*Commit \(commit.description.prefix(7)): \(counts.sentence).*\n"
    }
}
