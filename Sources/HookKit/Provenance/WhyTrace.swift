import HookCore

/// `convo-hook why`: for each line of a file, the commit that last changed it (`git blame -w -M -C`,
/// renames followed), the sessions that commit links to (`SessionLibrary`), and the tool call among them
/// that wrote the line (`LineAttribution`). A line the blamed commit changed by hand is followed into the
/// commit before (its previous version, matched by similarity), up to `followDepth` times, so a tool's
/// line edited later still names its call.
public struct WhyReport: Sendable {
    /// The file, repository-relative.
    public var file: String
    public var lines: [Line]
    /// The calls named by lines, each once.
    public var origins: [Origin]

    public enum Verdict: String, Sendable {
        case tool, edited, hand, uncommitted
    }

    public struct Line: Sendable {
        public var number: Int
        public var text: String
        public var verdict: Verdict
        /// A blank line: shown with the lines around it, never counted.
        public var isBlank: Bool
        /// The commit that last changed the line (nil: not committed yet), its path there, author and time.
        public var commit: String?
        public var path: String
        public var summary: String
        public var author: String
        public var authorTime: Int64
        /// Index into `origins`.
        public var origin: Int?
        /// The line as the call wrote it, when it was changed after.
        public var written: String?
        /// The commit whose tool call wrote the line, when an earlier commit than `commit` (the line was
        /// changed later by `commit`).
        public var writtenIn: String?
    }

    public struct Origin: Sendable {
        public var session: String
        public var folder: String
        public var stream: String
        /// Archive line of the call.
        public var archiveLine: Int
        /// The commit that carries the session (the blamed commit, or the ancestor it borrowed from).
        public var carrier: String?
        public var context: Context
    }

    /// `CallContext`'s fields, public.
    public struct Context: Sendable {
        public var tool: String
        public var summary: String
        public var callTime: String?
        public var prompt: String?
        public var promptTime: String?
        public var promptIsAgentInstructions: Bool
        public var reasoning: String?
        public var thinking: String?
    }
}

enum WhyTrace {
    static let followDepth = 2

    /// The report for `path` (repository-relative), all lines or those in `ranges`.
    static func report(path: String, ranges: [ClosedRange<Int>], repository: Repository, git: GitText) throws -> WhyReport {
        let blamed = try Blame.lines(path, ranges: ranges, git: git)
        let library = try SessionLibrary(repository: repository)
        var tracer = Tracer(library: library, git: git)
        var lines = blamed.map { b in
            WhyReport.Line(
                number: b.line, text: b.text, verdict: b.isCommitted ? .hand : .uncommitted, isBlank: CodeLine.normalized(b.text).isEmpty, commit: b.isCommitted ? b.commit : nil,
                path: b.path,
                summary: b.summary, author: b.author, authorTime: b.authorTime, origin: nil, written: nil, writtenIn: nil)
        }
        // Runs of consecutive lines from one commit are matched together (closing lines follow their neighbours).
        var start = 0
        while start < blamed.count {
            var end = start + 1
            while end < blamed.count, blamed[end].commit == blamed[start].commit, blamed[end].line == blamed[end - 1].line + 1 { end += 1 }
            if blamed[start].isCommitted {
                let run = Array(blamed[start..<end])
                let found = tracer.match(run)
                for (k, f) in found.enumerated() {
                    // A blank line goes with the line before it in the run, else the one after.
                    let before = found[..<k].last { $0 != nil }.flatMap { $0 }
                    let after = found[(k + 1)...].first { $0 != nil }.flatMap { $0 }
                    guard let f = f ?? before ?? after else { continue }
                    lines[start + k].verdict = f.verdict
                    lines[start + k].origin = f.origin
                    lines[start + k].written = lines[start + k].isBlank ? nil : f.written
                }
            }
            start = end
        }
        // Lines changed by hand: their previous version may be a tool's.
        var pending = blamed.indices.filter { lines[$0].verdict == .hand && blamed[$0].previous != nil && !CodeLine.isTrivial(CodeLine.normalized(blamed[$0].text)) }
        var current = Dictionary(uniqueKeysWithValues: pending.map { ($0, blamed[$0]) })
        for _ in 0..<followDepth where !pending.isEmpty {
            let earlier = try tracer.previousVersions(of: pending.map { current[$0]! })
            var next: [Int] = []
            for (k, index) in pending.enumerated() {
                guard let older = earlier[k] else { continue }
                if let found = tracer.match([older]).first ?? nil, found.verdict != .hand {
                    lines[index].verdict = .edited
                    lines[index].origin = found.origin
                    lines[index].written = found.written ?? CodeLine.normalized(older.text)
                    lines[index].writtenIn = older.commit
                } else if older.previous != nil {
                    current[index] = older
                    next.append(index)
                }
            }
            pending = next
        }
        return WhyReport(file: path, lines: lines, origins: tracer.origins)
    }

    /// Matches blamed lines against the sessions of their commits, keeping each call it names once.
    struct Tracer {
        let library: SessionLibrary
        let git: GitText
        var origins: [WhyReport.Origin] = []
        private var originIndex: [String: Int] = [:]
        private var diffs: [String: [UnifiedDiff.FilePatch]] = [:]

        init(library: SessionLibrary, git: GitText) {
            self.library = library
            self.git = git
        }

        struct Found {
            var verdict: WhyReport.Verdict
            var origin: Int?
            var written: String?
        }

        /// Verdicts for a run of consecutive lines blamed on one commit.
        mutating func match(_ run: [BlameLine]) -> [Found?] {
            guard let first = run.first, let commit = OID(hex: first.commit) else { return run.map { _ in nil } }
            let (folders, carrier) = library.considered(for: commit)
            let sessions = folders.compactMap { library.load($0, carriedBy: carrier) }
            let verdicts = LineAttribution.classify(run.map(\.text), path: first.path, written: sessions.map(\.written), before: first.committerTime)
            return verdicts.map { verdict -> Found? in
                guard let verdict else { return nil }
                guard verdict.authorship != .hand, let s = verdict.source, let o = verdict.origin else { return Found(verdict: .hand) }
                let index = origin(sessions[s], sessions[s].written.origins[o], carrier: carrier)
                return Found(verdict: verdict.authorship == .tool ? .tool : .edited, origin: index, written: verdict.written)
            }
        }

        private mutating func origin(_ loaded: SessionLibrary.LoadedSession, _ written: WrittenLines.Origin, carrier: OID?) -> Int {
            let key = loaded.session.folder + "\u{0}" + written.stream + "\u{0}" + String(written.event)
            if let known = originIndex[key] { return known }
            let c = CallContext(transcript: loaded.transcript, stream: written.stream, event: written.event)
            origins.append(
                WhyReport.Origin(
                    session: loaded.session.key, folder: loaded.session.folder, stream: written.stream, archiveLine: written.line,
                    carrier: carrier?.description,
                    context: WhyReport.Context(
                        tool: c.tool, summary: c.summary, callTime: c.callTime, prompt: c.prompt, promptTime: c.promptTime,
                        promptIsAgentInstructions: c.promptIsAgentInstructions, reasoning: c.reasoning, thinking: c.thinking)))
            originIndex[key] = origins.count - 1
            return origins.count - 1
        }

        /// For each line, its version before the commit that changed it: the most alike line its hunk
        /// removed, blamed in the parent. Nil when the commit added the line without replacing one.
        mutating func previousVersions(of lines: [BlameLine]) throws -> [BlameLine?] {
            var result = [BlameLine?](repeating: nil, count: lines.count)
            var wanted: [String: [(index: Int, oldLine: Int)]] = [:]
            for (k, line) in lines.enumerated() {
                guard let previous = line.previous else { continue }
                let patch = try diff(from: previous.commit, previous.path, to: line.commit, line.path)
                guard let hunk = patch?.hunks.first(where: { $0.newStart <= line.originalLine && line.originalLine < $0.newStart + max($0.newCount, 1) }) else {
                    continue
                }
                let text = CodeLine.normalized(line.text)
                let scored = hunk.removed.enumerated().map { ($0.offset, CodeLine.similarity(text, CodeLine.normalized($0.element))) }
                guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 0.5 else { continue }
                wanted[previous.commit + "\u{0}" + previous.path, default: []].append((k, hunk.oldStart + best.0))
            }
            for (key, items) in wanted {
                let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
                let ranges = Set(items.map(\.oldLine)).sorted().map { $0...$0 }
                let blamed = try Blame.lines(parts[1], revision: parts[0], ranges: ranges, git: git)
                let byLine = Dictionary(blamed.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
                for item in items { result[item.index] = byLine[item.oldLine] }
            }
            return result
        }

        /// The patch of one file between two commits (renames detected).
        private mutating func diff(from old: String, _ oldPath: String, to new: String, _ newPath: String) throws -> UnifiedDiff.FilePatch? {
            let key = old + " " + new + "\u{0}" + oldPath + "\u{0}" + newPath
            if diffs[key] == nil {
                var arguments = ["diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M", old, new, "--", newPath]
                if oldPath != newPath { arguments.append(oldPath) }
                diffs[key] = UnifiedDiff.files(try git.run(arguments, what: "git diff"))
            }
            return diffs[key]?.first { $0.newPath == newPath }
        }
    }
}
