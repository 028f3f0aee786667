import HookCore

/// A code commit that carries conversation, as the site shows it.
struct SiteCommit: Sendable {
    var id: String
    var subject: String
    var message: String
    var author: String
    /// Author time: seconds since the epoch and minutes east of UTC; nil when the commit is not here (a
    /// ref-mode archive commit naming a code commit this clone lacks).
    var time: Int64?
    var offsetMinutes: Int32 = 0
    var sessions: [CarriedSession]
    /// Who wrote the lines it adds, as its note on `refs/notes/convo` says; nil when the note has no count.
    var attribution: CommitAttribution?
    /// A merge adds no lines of its own (never counted).
    var isMerge = false

    var short: String { String(id.prefix(7)) }

    /// `2025-11-19 10:41` in the author's own time zone.
    var date: String? {
        guard let time else { return nil }
        return SiteTime.format(epoch: time + Int64(offsetMinutes) * 60)
    }
}

/// The commits of the history the site covers that carry conversation, newest first, and for each
/// session the commits that carry its lines. Tree mode: the commits reachable from HEAD (or in
/// `--range`) whose archive folder differs from their parents' (`CommitLines.diff`), plus commits whose
/// `Conversation:` trailer names a session the tree does not show. Ref mode: the archive commits of
/// `refs/convo/archive`, each standing for the code commit its `Code-Commit:` trailer names.
struct SiteHistory {
    private(set) var commits: [SiteCommit] = []
    /// `<source>/<folder name>` of a carried session (whichever archive folder, `convo.dir`, held it), or its
    /// `source/id` key when no folder is known → (index into `commits`, index into its sessions).
    private var bySession: [String: [(commit: Int, carried: Int)]] = [:]

    init() {}

    init(repository: Repository, settings: ArchiveSettings, earlierRoots: [String] = [], range: String?) throws {
        let root = settings.layout.root
        let lines = CommitLines(repository: repository, archiveRoot: root, earlierRoots: earlierRoots)
        var inRange: Set<String>?
        if let range {
            guard range.contains("..") else { throw ArchiveError("--range takes A..B (for example main..HEAD), not '\(range)'") }
            var ids = Set<String>()
            do {
                try repository.walkCommits(range: range) { commit in
                    ids.insert(commit.id.description)
                    return true
                }
            } catch {
                throw ArchiveError("--range \(range): not a range of commits here")
            }
            inRange = ids
        }
        switch settings.mode {
        case .tree:
            var found: [SiteCommit] = []
            let visit: (Commit) throws -> Bool = { commit in
                var carried = try lines.diff(commit)
                let named = ConversationTrailers.sessions(in: commit.message)
                if named.contains(where: { key in !carried.contains { $0.key == key } }) { carried = try lines.carried(by: commit.id) }
                if !carried.isEmpty { found.append(SiteHistory.describe(commit, carried: carried, repository: repository)) }
                return true
            }
            if let range {
                try repository.walkCommits(range: range, visit)
            } else if let head = try repository.head().commit {
                try repository.walkCommits(from: head, visit)
            }
            for commit in found { add(commit) }
        case .ref:
            guard let tip = try repository.referenceTarget(ArchiveRefName.full) else { break }
            var order: [String] = []
            var grouped: [String: (archive: Commit, carried: [CarriedSession])] = [:]
            try repository.walkCommits(from: tip) { archiveCommit in
                let carried = try lines.diff(archiveCommit)
                guard !carried.isEmpty else { return true }
                let trailer = archiveCommit.message.split(separator: "\n").first { $0.hasPrefix(ArchiveRefName.codeCommitTrailer + ": ") }
                let code = trailer.map { String($0.dropFirst(ArchiveRefName.codeCommitTrailer.count + 2)) } ?? archiveCommit.id.description
                if let inRange, !inRange.contains(code) { return true }
                if grouped[code] == nil {
                    order.append(code)
                    grouped[code] = (archiveCommit, [])
                }
                grouped[code]!.carried += carried
                return true
            }
            for code in order {
                let g = grouped[code]!
                if let oid = OID(hex: code), let commit = try? repository.commit(oid) {
                    add(SiteHistory.describe(commit, carried: g.carried, repository: repository))
                } else {
                    var described = SiteHistory.describe(g.archive, carried: g.carried, repository: nil)
                    described.id = code
                    described.time = nil
                    // Notes are keyed by the code commit's id, which this clone may have notes for without the commit.
                    described.attribution = OID(hex: code).flatMap { AttributionStore.noted($0, in: repository) }
                    add(described)
                }
            }
        }
    }

    /// The commit as the site shows it; with `repository`, the attribution its note holds.
    private static func describe(_ commit: Commit, carried: [CarriedSession], repository: Repository?) -> SiteCommit {
        let author = commit.author
        return SiteCommit(
            id: commit.id.description, subject: commit.subject, message: commit.message, author: author.name, time: author.time,
            offsetMinutes: author.offsetMinutes, sessions: carried, attribution: repository.flatMap { AttributionStore.noted(commit.id, in: $0) },
            isMerge: commit.parentIDs.count > 1)
    }

    private mutating func add(_ commit: SiteCommit) {
        let index = commits.count
        commits.append(commit)
        for (k, s) in commit.sessions.enumerated() { bySession[SiteHistory.name(s), default: []].append((index, k)) }
    }

    /// The commits carrying `session`, newest first, with the lines each carries (nil: only a trailer names it).
    func commits(of session: ArchivedSession) -> [(commit: SiteCommit, lines: [String: LineRanges]?)] {
        // Carried sessions named by folder, and those only a trailer names (no folder) with this key.
        let found = (bySession[session.path] ?? []) + (bySession[session.key] ?? []).filter { commits[$0.commit].sessions[$0.carried].folder == nil }
        var lines: [Int: [String: LineRanges]] = [:]
        for (index, k) in found {
            guard let l = commits[index].sessions[k].lines else { continue }
            var merged = lines[index] ?? [:]
            for (stream, ranges) in l { merged[stream] = (merged[stream] ?? LineRanges()).union(ranges) }
            lines[index] = merged
        }
        return Set(found.map(\.commit)).sorted().map { (commits[$0], lines[$0]) }
    }

    /// Whether any commit carries `session`.
    func carries(_ session: ArchivedSession) -> Bool { bySession[session.path] != nil || bySession[session.key] != nil }

    /// `<source>/<folder name>` of a carried session's folder (the archive folder above it may be an earlier
    /// `convo.dir`), or its key when only a trailer names it.
    static func name(_ carried: CarriedSession) -> String {
        guard let folder = carried.folder else { return carried.key }
        return folder.split(separator: "/").suffix(2).joined(separator: "/")
    }

}

/// Times as the pages print them (UTC as recorded, no locale: the same bytes everywhere).
enum SiteTime {
    /// `2025-11-19 10:41` from seconds since the epoch.
    static func format(epoch: Int64) -> String {
        let days = Int((epoch >= 0 ? epoch : epoch - 86_399) / 86_400)
        let seconds = Int(epoch - Int64(days) * 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(seconds / 3600)):\(two(seconds / 60 % 60))"
    }
}
