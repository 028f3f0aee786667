import HookCore

/// What to search and how many hits to return.
public struct SearchFilter: Sendable {
    /// Only sessions of this source (`claude`, `codex`, `aider`, …).
    public var source: String?
    /// Only records at or after this time (seconds since 1970).
    public var since: Int64?
    /// Only the session with this id, or whose id starts with it.
    public var session: String?
    public var limit: Int
    /// At most this many hits from one session, so one long session cannot hide the others.
    public var perSession: Int

    public init(source: String? = nil, since: Int64? = nil, session: String? = nil, limit: Int = 20, perSession: Int = 5) {
        self.source = source
        self.since = since
        self.session = session
        self.limit = limit
        self.perSession = perSession
    }
}

/// One matching piece of an archived conversation.
public struct SearchHit: Codable, Sendable, Equatable {
    public var source: String
    public var sessionID: String
    /// The session folder relative to the archive root (in a mirror it starts with the repository's folder).
    public var folder: String
    /// In a mirror folder (`--dir`): the folder above the source folder, i.e. which repository; nil in a repository.
    public var repository: String?
    public var title: String?
    /// The record's time as archived (ISO-8601), else the session's first time.
    public var time: String?
    public var role: SearchRole
    /// The matching text around the hit, on one line, terms wrapped in the requested markers.
    public var snippet: String
    /// The part file relative to the archive root, and the 1-based line in it.
    public var part: String
    public var line: Int
    /// BM25 of this piece (lower is better, as SQLite reports it) and of its whole session.
    public var score: Double
    public var sessionScore: Double
    /// Commits that carry this line, newest first (empty when not committed, or outside a repository).
    public var commits: [String]
}

extension SearchIndex {
    /// The best hits for `query`: sessions ordered by the BM25 of all their matching pieces together (a
    /// session that discusses the terms at length comes before one that mentions them once), and within a
    /// session its pieces by their own BM25.
    public func search(_ query: SearchQuery, filter: SearchFilter, highlight: (open: String, close: String) = ("**", "**")) throws -> [SearchHit] {
        let ranked = try db.prepare("""
        WITH m AS (
            SELECT d.id AS id, d.session AS session, bm25(fts) AS score
            FROM fts JOIN docs d ON d.id = fts.rowid JOIN sessions s ON s.id = d.session
            WHERE fts MATCH ?1
              AND (?2 IS NULL OR s.source = ?2)
              AND (?3 IS NULL OR d.epoch >= ?3)
              AND (?4 IS NULL OR s.session_id = ?4 OR substr(s.session_id, 1, length(?4)) = ?4)
        ), r AS (
            SELECT id, score, sum(score) OVER (PARTITION BY session) AS session_score,
                   row_number() OVER (PARTITION BY session ORDER BY score, id) AS n
            FROM m
        )
        SELECT id, score, session_score FROM r WHERE n <= ?5 ORDER BY session_score, score, id LIMIT ?6
        """)
        try ranked.bind([.text(query.expression), filter.source.map { .text($0) } ?? .null, filter.since.map { .integer($0) } ?? .null,
                         filter.session.map { .text($0) } ?? .null, .integer(Int64(max(1, filter.perSession))), .integer(Int64(max(1, filter.limit)))])
        var picked: [(id: Int64, score: Double, sessionScore: Double)] = []
        do {
            while try ranked.step() { picked.append((ranked.int(0), ranked.double(1), ranked.double(2))) }
        } catch {
            guard error.message.hasPrefix("fts5:") || error.message.contains("syntax error") else { throw error }
            throw SearchQueryError("malformed query: \(error.message)")
        }
        let details = try db.prepare("""
        SELECT snippet(fts, 0, char(2), char(3), char(1), 24), d.line, d.role, d.ts, p.path, s.source, s.session_id, s.folder, s.title, s.first_ts
        FROM fts JOIN docs d ON d.id = fts.rowid JOIN parts p ON p.id = d.part JOIN sessions s ON s.id = d.session
        WHERE fts MATCH ?1 AND fts.rowid = ?2
        """)
        var hits: [SearchHit] = []
        for pick in picked {
            try details.bind([.text(query.expression), .integer(pick.id)])
            guard try details.step() else { continue }
            hits.append(SearchHit(
                source: details.text(5) ?? "", sessionID: details.text(6) ?? "", folder: details.text(7) ?? "", repository: nil, title: details.text(8),
                time: details.text(3) ?? details.text(9), role: SearchRole(rawValue: details.text(2) ?? "") ?? .text,
                snippet: SearchIndex.cleanSnippet(details.text(0) ?? "", open: highlight.open, close: highlight.close),
                part: details.text(4) ?? "", line: Int(details.int(1)), score: pick.score, sessionScore: pick.sessionScore, commits: []))
        }
        return hits
    }

    /// One printable line: control characters and runs of white space become one space (an archived
    /// escape sequence must not reach the terminal), SQLite's markers become the requested ones.
    static func cleanSnippet(_ raw: String, open: String, close: String) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 1: out += "…"; pendingSpace = false
            case 2: if pendingSpace { out += " "; pendingSpace = false }; out += open
            case 3: out += close
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029:
                pendingSpace = !out.isEmpty
            case 0x20:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out += " "; pendingSpace = false }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
