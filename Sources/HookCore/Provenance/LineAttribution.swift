/// Who wrote a committed line.
public enum Authorship: String, Sendable, Codable {
    /// A tool call wrote it as it is (whitespace aside).
    case tool
    /// A tool call wrote it and it was changed afterwards (by hand or by another edit).
    case edited
    /// No tool call of the sessions considered wrote it.
    case hand
}

/// The verdict on one line: who wrote it and, when a tool did, which written lines index and origin.
public struct LineVerdict: Sendable, Equatable {
    public var authorship: Authorship
    /// Which of the indexes given to `LineAttribution.classify` holds the call, and the call's origin there.
    public var source: Int?
    public var origin: Int?
    public var similarity: Double
    /// The line as the call wrote it (normalized), when it differs from the committed one.
    public var written: String?

    public init(authorship: Authorship, source: Int? = nil, origin: Int? = nil, similarity: Double = 0, written: String? = nil) {
        self.authorship = authorship
        self.source = source
        self.origin = origin
        self.similarity = similarity
        self.written = written
    }
}

/// The matching rule, in one place (the README states it):
/// - lines are compared with whitespace runs collapsed and ends trimmed; blank lines are not counted;
/// - a line a tool call wrote into the same file (same path, or one ending in the other), at or before
///   the commit, is the tool's — the latest such call is the one named; a line containing the first or
///   last line of an `Edit`'s replacement (which may be part of a line) counts as written too;
/// - else a line at least 60% alike (edit distance) one written into that file, and ten bytes or longer,
///   was edited after the tool wrote it;
/// - a line without a letter or digit (`}`, `]);`) is the tool's only when the tool wrote it into that
///   file and the nearest line with words in the same run of added lines is the tool's (or edited);
/// - anything else is by hand.
public enum LineAttribution {
    public static let similarity = 0.6

    /// Verdicts for one run of consecutive lines of `path` (nil for a blank line), matched against every
    /// index in `written` (one per session) with calls made at or before `before`.
    public static func classify<S: StringProtocol>(_ lines: [S], path: String, written: [WrittenLines], before: Int64?) -> [LineVerdict?] {
        let normalized = lines.map { CodeLine.normalized($0) }
        var verdicts: [LineVerdict?] = normalized.map { _ in nil }
        let isTrivial = normalized.map { !$0.isEmpty && CodeLine.isTrivial($0) }
        for (i, line) in normalized.enumerated() where !line.isEmpty && !isTrivial[i] {
            verdicts[i] = verdict(line, path: path, written: written, before: before, similar: similarity)
        }
        for i in normalized.indices where isTrivial[i] {
            let hasWords = { (k: Int) in verdicts[k] != nil && !isTrivial[k] }
            let neighbour = stride(from: i - 1, through: 0, by: -1).first(where: hasWords) ?? (i + 1..<normalized.count).first(where: hasWords)
            let neighbourIsTool = neighbour.map { verdicts[$0]!.authorship != .hand } ?? true
            if neighbourIsTool, let exact = verdict(normalized[i], path: path, written: written, before: before, similar: nil), exact.authorship == .tool {
                // The same call as the neighbour, when it wrote this line too.
                verdicts[i] = exact
                if let n = neighbour, let v = verdicts[n], v.source != nil { verdicts[i] = sameCall(as: v, normalized[i], path: path, written: written, before: before) ?? exact }
            } else {
                verdicts[i] = LineVerdict(authorship: .hand)
            }
        }
        return verdicts
    }

    /// The best verdict over all indexes: written as it is beats similar; among equals, the latest call.
    static func verdict(_ line: String, path: String, written: [WrittenLines], before: Int64?, similar: Double?) -> LineVerdict? {
        var best: (source: Int, match: WrittenLines.Match)?
        for (k, index) in written.enumerated() {
            guard let m = index.match(line, path: path, before: before, similar: similar) else { continue }
            guard let b = best else {
                best = (k, m)
                continue
            }
            let time = index.origins[m.origin].time ?? 0
            let bestTime = written[b.source].origins[b.match.origin].time ?? 0
            if (m.exact ? 1 : 0, m.similarity, time) > (b.match.exact ? 1 : 0, b.match.similarity, bestTime) { best = (k, m) }
        }
        guard let best else { return similar == nil ? nil : LineVerdict(authorship: .hand) }
        return LineVerdict(
            authorship: best.match.exact ? .tool : .edited, source: best.source, origin: best.match.origin, similarity: best.match.similarity,
            written: best.match.written == line ? nil : best.match.written)
    }

    /// `line` as written by the call of `verdict`, when that call wrote it.
    private static func sameCall(as verdict: LineVerdict, _ line: String, path: String, written: [WrittenLines], before: Int64?) -> LineVerdict? {
        guard let source = verdict.source, let origin = verdict.origin else { return nil }
        guard written[source].wrote(line, path: path, origin: origin) else { return nil }
        return LineVerdict(authorship: .tool, source: source, origin: origin, similarity: 1)
    }
}

extension WrittenLines {
    /// Whether the call `origin` wrote `line` (normalized) into `path`.
    func wrote(_ line: String, path: String, origin: Int) -> Bool {
        candidates(for: path).contains { file in
            (file.exact[line] ?? []).contains { file.entries[Int($0)].origin == Int32(origin) }
        }
    }
}
