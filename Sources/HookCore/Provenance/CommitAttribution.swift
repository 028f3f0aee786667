/// Of the lines a commit adds (blank lines and the archive folder aside), how many its sessions' tool calls
/// wrote as committed, how many they wrote and were changed before the commit, and how many were written
/// by hand (`LineAttribution` states the rule). Kept in the commit's note on `refs/notes/convo` as
/// `"attribution":{"added":…,"tool":…,"edited":…,"hand":…,"rule":1}`.
public struct CommitAttribution: Codable, Equatable, Sendable {
    public var added: Int
    public var tool: Int
    public var edited: Int
    public var hand: Int
    /// The version of the matching rule that counted them.
    public var rule: Int

    public static let currentRule = 1

    public init(added: Int = 0, tool: Int = 0, edited: Int = 0, hand: Int = 0, rule: Int = CommitAttribution.currentRule) {
        self.added = added
        self.tool = tool
        self.edited = edited
        self.hand = hand
        self.rule = rule
    }

    /// Counts one verdict.
    public mutating func count(_ authorship: Authorship) {
        added += 1
        switch authorship {
        case .tool: tool += 1
        case .edited: edited += 1
        case .hand: hand += 1
        }
    }

    public static func + (a: CommitAttribution, b: CommitAttribution) -> CommitAttribution {
        CommitAttribution(added: a.added + b.added, tool: a.tool + b.tool, edited: a.edited + b.edited, hand: a.hand + b.hand, rule: max(a.rule, b.rule))
    }

    /// The counts of several commits added up; nil when there are none.
    public static func sum(_ all: some Sequence<CommitAttribution>) -> CommitAttribution? {
        all.reduce(nil) { ($0 ?? CommitAttribution()) + $1 }
    }

    /// One attribution from two notes of the same commit (two clones, or a rewrite that concatenated
    /// notes): the one that found more of the lines' calls — a total order, so the result does not depend
    /// on which side is which or in what order notes are merged.
    public static func merged(_ a: CommitAttribution?, _ b: CommitAttribution?) -> CommitAttribution? {
        guard let a else { return b }
        guard let b else { return a }
        func key(_ x: CommitAttribution) -> [Int] { [x.rule, x.tool + x.edited, x.tool, x.added, x.edited, x.hand] }
        return key(a).lexicographicallyPrecedes(key(b)) ? b : a
    }

    /// `42 lines added: 30 by tool calls, 4 edited after, 8 by hand`.
    public var sentence: String {
        guard added > 0 else { return "no lines added" }
        var parts: [String] = []
        if tool > 0 { parts.append("\(tool) by tool calls") }
        if edited > 0 { parts.append("\(edited) edited after") }
        if hand > 0 { parts.append("\(hand) by hand") }
        return "\(added) line\(added == 1 ? "" : "s") added: " + parts.joined(separator: ", ")
    }
}
