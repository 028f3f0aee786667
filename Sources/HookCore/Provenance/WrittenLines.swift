/// The lines tool calls wrote into files (`ToolCall.edits`: Claude Code's Write/Edit/MultiEdit, Codex's
/// apply_patch, Aider's SEARCH/REPLACE blocks, any source's edits), indexed so that a committed line can
/// be traced back to the call that wrote it.
///
/// Only what a call added counts: an edit's replacement minus the lines it kept from the text it replaced.
/// The first and last line of a replacement may be part of a line (Claude's `Edit` replaces a substring):
/// those are kept as fragments, which match a committed line that contains them.
public struct WrittenLines: Sendable {
    /// A tool call that wrote text, enough to find it in its transcript again.
    public struct Origin: Sendable, Equatable {
        /// The stream the call is in and the index of its event in `SessionTranscript.Stream.events`.
        public var stream: String
        public var event: Int
        /// The archive line of the call, its time (seconds since 1970, nil when unrecorded), the tool's name.
        public var line: Int
        public var time: Int64?
        public var tool: String
        /// The file as the call names it (absolute, or relative to the session's working folder).
        public var path: String

        public init(stream: String, event: Int, line: Int, time: Int64?, tool: String, path: String) {
            self.stream = stream
            self.event = event
            self.line = line
            self.time = time
            self.tool = tool
            self.path = path
        }
    }

    /// One written line.
    struct Entry: Sendable {
        var text: String
        var origin: Int32
        var isFragment: Bool
    }

    /// The lines written into one file (one path as the calls name it).
    struct FileLines: Sendable {
        var entries: [Entry] = []
        var exact: [String: [Int32]] = [:]
        /// Every word of each entry → the entries holding it; of fragments alone, the same.
        var words: [Substring: [Int32]] = [:]
        /// How many entries of the file hold each word (more than `words` has when only some entries were added).
        var counts: [Substring: Int] = [:]
        var fragmentWords: [Substring: [Int32]] = [:]
    }

    public private(set) var origins: [Origin] = []
    private(set) var files: [String: FileLines] = [:]
    /// Last path component → the paths written with that name.
    private var byName: [Substring: [String]] = [:]

    public init() {}

    /// Number of written lines held.
    public var count: Int { files.values.reduce(0) { $0 + $1.entries.count } }

    /// Adds what every successful writing call of `events` wrote (calls whose result is an error or a
    /// refusal wrote nothing).
    public mutating func add(events: [ConversationEvent], stream: String) {
        var failed = Set<String>()
        for event in events {
            if case .toolResult(let r) = event.kind, let id = r.callID, r.isError || r.rejection != nil { failed.insert(id) }
        }
        for (index, event) in events.enumerated() {
            guard case .toolCall(let call) = event.kind, !call.edits.isEmpty, !(call.id.map(failed.contains) ?? false) else { continue }
            let time = event.time.flatMap { ArchiveLayout.epoch(iso8601: $0) }
            for edit in call.edits {
                let origin = Origin(stream: stream, event: index, line: event.line, time: time, tool: call.name, path: edit.path)
                add(edit, origin: origin)
            }
        }
    }

    /// Adds the lines one edit added.
    public mutating func add(_ edit: FileEdit, origin: Origin) {
        let added = WrittenLines.addedLines(edit)
        guard !added.isEmpty else { return }
        origins.append(origin)
        insert(added, path: edit.path, origin: Int32(origins.count - 1), indexing: nil)
    }

    /// Adds lines already normalized (a cache of what earlier calls wrote) under one origin, indexing only
    /// the words in `words` when given (an index for some lines only).
    public mutating func add(lines: [(text: String, isFragment: Bool)], path: String, origin: Origin, indexing words: Set<Substring>? = nil) {
        guard !lines.isEmpty else { return }
        origins.append(origin)
        insert(lines, path: path, origin: Int32(origins.count - 1), indexing: words)
    }

    /// Sets how many entries of `path` hold each word, for an index that holds only some of them.
    mutating func setCounts(_ counts: [Substring: Int], path: String) {
        files[path]?.counts = counts
    }

    private mutating func insert(_ lines: [(text: String, isFragment: Bool)], path: String, origin: Int32, indexing wanted: Set<Substring>?) {
        var file =
            files.removeValue(forKey: path)
            ?? {
                byName[WrittenLines.lastComponent(path), default: []].append(path)
                return FileLines()
            }()
        for (text, isFragment) in lines {
            let index = Int32(file.entries.count)
            file.entries.append(Entry(text: text, origin: origin, isFragment: isFragment))
            file.exact[text, default: []].append(index)
            var seen: [Substring] = []
            for word in CodeLine.words(text) where !seen.contains(word) && (wanted?.contains(word) ?? true) {
                seen.append(word)
                file.words[word, default: []].append(index)
                file.counts[word, default: 0] += 1
                if isFragment { file.fragmentWords[word, default: []].append(index) }
            }
        }
        files[path] = file
    }

    /// The normalized, non-blank lines an edit added, each with whether it may be part of a line: the
    /// replacement's lines minus those of the replaced text (as a multiset); of a sketch, not the lines that
    /// stand for code left as it was (`// ... existing code ...`, in any comment style).
    public static func addedLines(_ edit: FileEdit) -> [(text: String, isFragment: Bool)] {
        var lines = CodeLine.lines(of: edit.newText)
        if edit.isSketch { lines.removeAll { $0.contains("... existing code ...") } }
        let new = lines.map(CodeLine.normalized)
        var kept: [String: Int] = [:]
        if let old = edit.oldText {
            for line in CodeLine.lines(of: old) { kept[CodeLine.normalized(line), default: 0] += 1 }
        }
        var out: [(text: String, isFragment: Bool)] = []
        for (i, line) in new.enumerated() where !line.isEmpty {
            if let n = kept[line], n > 0 {
                kept[line] = n - 1
                continue
            }
            out.append((line, edit.oldText != nil && (i == 0 || i == new.count - 1)))
        }
        return out
    }

    // MARK: matching

    /// How a committed line was found among the written ones.
    public struct Match: Sendable, Equatable {
        /// As written (or containing a written fragment), or only similar: changed after it was written.
        public var exact: Bool
        public var origin: Int
        public var similarity: Double
        /// The line (or fragment) as the call wrote it, normalized.
        public var written: String = ""
    }

    /// The files the calls wrote that may be `path` (repository-relative): the same path, or one ending in
    /// the other at a `/` (calls name files absolutely, or relative to the session's working folder).
    func candidates(for path: String) -> [FileLines] {
        guard let names = byName[WrittenLines.lastComponent(path)] else { return [] }
        return names.compactMap { written in
            WrittenLines.samePath(written, path) ? files[written] : nil
        }
    }

    /// Whether a path a call wrote and a repository path may name the same file.
    public static func samePath(_ written: String, _ path: String) -> Bool {
        let w = written.hasPrefix("./") ? String(written.dropFirst(2)) : written
        return w == path || w.hasSuffix("/" + path) || path.hasSuffix("/" + w)
    }

    /// The call that wrote `line` (normalized) into `path` at or before `before` (seconds since 1970): the
    /// latest one that wrote it as it is; else, when `similar` is set, the closest line of that file at
    /// least that similar (a line changed after the call wrote it).
    public func match(_ line: String, path: String, before: Int64?, similar: Double?) -> Match? {
        let files = candidates(for: path)
        guard !files.isEmpty else { return nil }
        func allowed(_ origin: Int32) -> Bool {
            guard let before, let time = origins[Int(origin)].time else { return true }
            return time <= before + WrittenLines.clockSlack
        }
        func later(_ a: Int32, than b: Int32) -> Bool {
            (origins[Int(a)].time ?? 0, a) > (origins[Int(b)].time ?? 0, b)
        }
        var best: Int32?
        for file in files {
            for i in file.exact[line] ?? [] {
                let o = file.entries[Int(i)].origin
                if allowed(o), best.map({ later(o, than: $0) }) ?? true { best = o }
            }
        }
        if let best { return Match(exact: true, origin: Int(best), similarity: 1, written: line) }
        let lineWords = Set(CodeLine.words(line))
        guard !lineWords.isEmpty else { return nil }
        var found: Match?
        // A fragment the line contains, among the fragments sharing a word with it.
        for file in files {
            var seen = Set<Int32>()
            for word in lineWords.sorted() {
                for i in (file.fragmentWords[word] ?? []).suffix(WrittenLines.candidateLimit) where seen.insert(i).inserted {
                    let entry = file.entries[Int(i)]
                    guard allowed(entry.origin), WrittenLines.contains(line, fragment: entry.text) else { continue }
                    if found.map({ later(entry.origin, than: Int32($0.origin)) }) ?? true {
                        found = Match(exact: true, origin: Int(entry.origin), similarity: 1, written: entry.text)
                    }
                }
            }
        }
        if found != nil { return found }
        // Else the most alike line, among the entries sharing the line's key words.
        guard var threshold = similar, line.utf8.count >= WrittenLines.minimumSimilarLength else { return nil }
        if line.utf8.count < WrittenLines.shortLine { threshold = max(threshold, WrittenLines.shortLineSimilarity) }
        for file in files {
            var seen = Set<Int32>()
            for list in WrittenLines.keyWords(line, count: { file.counts[$0] }).compactMap({ file.words[$0] }) {
                for i in list.suffix(WrittenLines.candidateLimit) where seen.insert(i).inserted {
                    let entry = file.entries[Int(i)]
                    guard allowed(entry.origin), let s = CodeLine.similarity(line, entry.text, atLeast: max(threshold, found?.similarity ?? 0))
                    else { continue }
                    if found.map({ s > $0.similarity || (s == $0.similarity && later(entry.origin, than: Int32($0.origin))) }) ?? true {
                        found = Match(exact: false, origin: Int(entry.origin), similarity: s, written: entry.text)
                    }
                }
            }
        }
        return found
    }

    /// The words a line's similar candidates are looked up by: the two of its words held by the fewest
    /// entries of the file (`count`: nil for none), the earlier word first among equals. An index holding
    /// only the entries with those words (post-commit's, counted on the whole file) finds what the whole
    /// index finds.
    public static func keyWords(_ line: String, count: (Substring) -> Int?) -> [Substring] {
        var seen = Set<Substring>()
        let held = CodeLine.words(line).filter { seen.insert($0).inserted }.enumerated().compactMap { k, w in count(w).map { (w, $0, k) } }
        return held.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.prefix(2).map(\.0)
    }

    /// Whether `line` holds a fragment long enough to say something: at least eight bytes, or half the line.
    static func contains(_ line: String, fragment: String) -> Bool {
        let n = fragment.utf8.count
        guard n >= 8 || n * 2 >= line.utf8.count, n <= line.utf8.count else { return false }
        return line.contains(fragment)
    }

    /// A call's time and a commit's can disagree by a little (clocks of one machine, rounding).
    static let clockSlack: Int64 = 60
    /// Entries compared per word: the most recent ones.
    static let candidateLimit = 64
    /// Shorter lines are only ever matched as written.
    static let minimumSimilarLength = 10
    /// Lines shorter than this must be more alike to count as edited (one changed name is much of them).
    static let shortLine = 20
    static let shortLineSimilarity = 0.75

    static func lastComponent(_ path: String) -> Substring {
        path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path)
    }
}
