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
    /// In a mirror folder (`--dir`): the repository folder it is in; nil in a repository.
    public var repository: String?
    public var title: String?
    /// The record's time as archived (ISO-8601), else the session's first time.
    public var time: String?
    public var role: SearchRole
    /// The matching text around the hit, on one line, each matching term between the requested markers
    /// (`[[` and `]]` unless a terminal asked for bold).
    public var snippet: String
    /// The part file holding the line, relative to the storage root, the stream and the archive line
    /// number in that stream (what `show` counts).
    public var part: String
    public var stream: String
    public var line: Int
    /// BM25 of this piece, weighted by who said it (lower is better, as SQLite reports it), and of its session.
    public var score: Double
    public var sessionScore: Double
    /// How many of a plain-word query's words the session holds (all of them unless fewer matched).
    public var termsMatched: Int?
    /// Commits that carry this line, newest first (empty when not committed, or outside a repository).
    public var commits: [String]
}

/// The markers around matching terms in snippets.
public struct SnippetMarkers: Sendable, Equatable {
    public var open: String
    public var close: String

    public init(open: String, close: String) {
        self.open = open
        self.close = close
    }

    /// The one convention for text that is not a terminal (JSON, pipes): `[[term]]`.
    public static let brackets = SnippetMarkers(open: "[[", close: "]]")
    /// Bold on a terminal.
    public static let terminalBold = SnippetMarkers(open: "\u{1B}[1m", close: "\u{1B}[0m")
}

extension SearchIndex {
    /// SQL for a role's ranking weight (see `SearchRole.weight`).
    static var roleWeightSQL: String {
        "CASE d.role " + SearchRole.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.weight)" }.joined(separator: " ") + " ELSE 1.0 END"
    }

    /// The best hits for `query`: sessions ordered by the weighted BM25 of all their matching pieces together
    /// (a session that discusses the terms at length comes before one that mentions them once), within a
    /// session its pieces by their own score. For a plain-word query, when fewer sessions than `limit` hold
    /// every word, sessions holding most of the words follow, most words first.
    public func search(_ query: SearchQuery, filter: SearchFilter, markers: SnippetMarkers = .brackets) throws -> [SearchHit] {
        var picked = try rank(query.expression, filter: filter, limit: filter.limit, excluding: [], terms: nil)
        if let terms = query.plainTerms, terms.count >= 2, picked.count < filter.limit {
            let orExpression = terms.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"" }.joined(separator: " OR ")
            let sessions = Set(picked.map(\.session))
            for i in picked.indices { picked[i].terms = terms.count }
            picked += try rank(orExpression, filter: filter, limit: filter.limit - picked.count, excluding: sessions, terms: terms)
        }
        let details = try db.prepare(
            """
            SELECT snippet(fts, 0, char(2), char(3), char(1), 24), d.line, d.role, d.ts, p.path, s.source, s.session_id, s.folder, s.title, s.first_ts, d.stream
            FROM fts JOIN docs d ON d.id = fts.rowid JOIN parts p ON p.id = d.part JOIN sessions s ON s.id = d.session
            WHERE fts MATCH ?1 AND fts.rowid = ?2
            """)
        var hits: [SearchHit] = []
        for pick in picked {
            try details.bind([.text(pick.expression), .integer(pick.id)])
            guard try details.step() else { continue }
            hits.append(
                SearchHit(
                    source: details.text(5) ?? "", sessionID: details.text(6) ?? "", folder: details.text(7) ?? "", repository: nil, title: details.text(8),
                    time: details.text(3) ?? details.text(9), role: SearchRole(rawValue: details.text(2) ?? "") ?? .text,
                    snippet: SearchIndex.cleanSnippet(details.text(0) ?? "", open: markers.open, close: markers.close),
                    part: details.text(4) ?? "", stream: details.text(10) ?? "main", line: Int(details.int(1)), score: pick.score,
                    sessionScore: pick.sessionScore, termsMatched: pick.terms, commits: []))
        }
        return hits
    }

    private struct Pick {
        var id: Int64
        var session: Int64
        var score: Double
        var sessionScore: Double
        var terms: Int?
        var expression: String
    }

    /// Ranked documents matching `expression`, at most `perSession` of one session; with `terms`, sessions
    /// are ranked first by how many of the terms they hold.
    private func rank(_ expression: String, filter: SearchFilter, limit: Int, excluding: Set<Int64>, terms: [String]?) throws -> [Pick] {
        guard limit > 0 else { return [] }
        let filters = """
                  AND (?2 IS NULL OR s.source = ?2)
                  AND (?3 IS NULL OR d.epoch >= ?3)
                  AND (?4 IS NULL OR s.session_id = ?4 OR substr(s.session_id, 1, length(?4)) = ?4)
            """
        var coverage = ""
        var order = "session_score, score, role_rank, id"
        if let terms {
            // One row per (session, term) it holds, counted.
            let perTerm = terms.indices.map { i in
                "SELECT DISTINCT d.session AS session, \(i) AS term FROM fts JOIN docs d ON d.id = fts.rowid JOIN sessions s ON s.id = d.session WHERE fts MATCH ?\(7 + i) \(filters)"
            }
            coverage = ", c AS (SELECT session, count(*) AS n FROM (" + perTerm.joined(separator: " UNION ALL ") + ") GROUP BY session)"
            order = "n DESC, " + order
        }
        let excluded = excluding.isEmpty ? "" : "AND d.session NOT IN (" + excluding.map(String.init).joined(separator: ",") + ")"
        let sql = """
            WITH m AS (
                SELECT d.id AS id, d.session AS session, bm25(fts) * \(SearchIndex.roleWeightSQL) AS score,
                       CASE WHEN d.role IN ('user', 'rejection') THEN 0 WHEN d.role IN ('tool_output', 'injected') THEN 2 ELSE 1 END AS role_rank
                FROM fts JOIN docs d ON d.id = fts.rowid JOIN sessions s ON s.id = d.session
                WHERE fts MATCH ?1 \(filters) \(excluded)
            )\(coverage), r AS (
                SELECT m.id AS id, m.session AS session, m.score AS score, m.role_rank AS role_rank,
                       sum(m.score) OVER (PARTITION BY m.session) AS session_score,
                       row_number() OVER (PARTITION BY m.session ORDER BY m.score, m.role_rank, m.id) AS k\(terms == nil ? "" : ", c.n AS n")
                FROM m\(terms == nil ? "" : " JOIN c ON c.session = m.session")
            )
            SELECT id, session, score, session_score\(terms == nil ? "" : ", n") FROM r WHERE k <= ?5 ORDER BY \(order) LIMIT ?6
            """
        let ranked = try db.prepare(sql)
        var values: [SQLiteStatement.Value] = [
            .text(expression), filter.source.map { .text($0) } ?? .null, filter.since.map { .integer($0) } ?? .null,
            filter.session.map { .text($0) } ?? .null, .integer(Int64(max(1, filter.perSession))),
            .integer(Int64(max(1, limit))),
        ]
        for term in terms ?? [] { values.append(.text("\"" + term.replacing("\"", with: "\"\"") + "\"")) }
        try ranked.bind(values)
        var picked: [Pick] = []
        do {
            while try ranked.step() {
                picked.append(
                    Pick(
                        id: ranked.int(0), session: ranked.int(1), score: ranked.double(2), sessionScore: ranked.double(3),
                        terms: terms == nil ? nil : Int(ranked.int(4)), expression: expression))
            }
        } catch {
            guard error.message.hasPrefix("fts5:") || error.message.contains("syntax error") else { throw error }
            throw SearchQueryError("malformed query: \(error.message)")
        }
        return picked
    }

    /// One printable line: control characters and runs of white space become one space (an archived
    /// escape sequence must not reach the terminal), SQLite's markers become the requested ones.
    static func cleanSnippet(_ raw: String, open: String, close: String) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 1:
                out += "…"
                pendingSpace = false
            case 2:
                if pendingSpace {
                    out += " "
                    pendingSpace = false
                }
                out += open
            case 3: out += close
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029:
                pendingSpace = !out.isEmpty
            case 0x20:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace {
                    out += " "
                    pendingSpace = false
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
