/// Remembers, per file path, what reading its head decided (the `cwd` found, or that it has
/// none), so a scan doesn't reopen thousands of old files. Codable; the caller persists it.
///
/// A head is immutable once written (sources only append), so a decision holds until the file
/// shrinks below the bytes that were examined. "No cwd" is final only when the whole read cap was
/// examined; a short file without a `cwd` yet is read again once it has grown.
public struct SourceHeadCache: Codable, Sendable, Equatable {
    /// What one head read decided.
    public struct Entry: Codable, Sendable, Equatable {
        /// The working directory found in the head; nil = none found.
        public var cwd: String?
        /// The session id found in the head (Codex `payload.id`, Claude `sessionId`), if any.
        public var sessionID: String?
        /// Bytes of the file that were examined.
        public var examinedBytes: UInt64
        /// True when this decision won't change as the file grows.
        public var isFinal: Bool

        public init(cwd: String?, sessionID: String?, examinedBytes: UInt64, isFinal: Bool) {
            self.cwd = cwd
            self.sessionID = sessionID
            self.examinedBytes = examinedBytes
            self.isFinal = isFinal
        }
    }

    /// Where the sessions of a multi-session file start (Aider's chat history).
    public struct SegmentIndex: Codable, Sendable, Equatable {
        /// Bytes scanned so far: the end of the last complete line looked at.
        public var scannedBytes: UInt64
        /// Byte offsets of the session headings, ascending.
        public var starts: [UInt64]
        /// The heading text of each start (e.g. its timestamp), same order.
        public var labels: [String]

        public init(scannedBytes: UInt64 = 0, starts: [UInt64] = [], labels: [String] = []) {
            self.scannedBytes = scannedBytes
            self.starts = starts
            self.labels = labels
        }
    }

    /// Decisions by absolute file path.
    public private(set) var entries: [String: Entry] = [:]
    /// Session boundaries of multi-session files, by absolute path.
    public private(set) var segments: [String: SegmentIndex] = [:]
    /// Head reads performed through this value since it was created or decoded (not persisted).
    public private(set) var headReads = 0
    private var seen = Set<String>()
    /// Files whose head could not be read since they were last taken (not persisted).
    private var unreadable: [String] = []

    private enum CodingKeys: String, CodingKey { case entries, segments }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entries = try c.decodeIfPresent([String: Entry].self, forKey: .entries) ?? [:]
        segments = try c.decodeIfPresent([String: SegmentIndex].self, forKey: .segments) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entries, forKey: .entries)
        try c.encode(segments, forKey: .segments)
    }

    public static func == (a: SourceHeadCache, b: SourceHeadCache) -> Bool {
        a.entries == b.entries && a.segments == b.segments
    }

    /// The cached decision for `path` if still valid for a file of `size` bytes (pass nil to skip
    /// the size check when the caller knows the file is append-only and present).
    public mutating func lookup(_ path: String, size: UInt64?) -> Entry? {
        guard let entry = entries[path] else { return nil }
        seen.insert(path)
        if let size {
            if size < entry.examinedBytes { return nil }
            if !entry.isFinal && size > entry.examinedBytes { return nil }
        } else if !entry.isFinal {
            return nil
        }
        return entry
    }

    /// Records a decision for `path`.
    public mutating func store(_ path: String, _ entry: Entry) {
        entries[path] = entry
        seen.insert(path)
    }

    /// The stored segment index of `path` (marks it seen).
    public mutating func segmentIndex(_ path: String) -> SegmentIndex? {
        seen.insert(path)
        return segments[path]
    }

    /// Stores the segment index of `path`.
    public mutating func storeSegments(_ path: String, _ index: SegmentIndex) {
        segments[path] = index
        seen.insert(path)
    }

    /// Records a session file that cannot be read (sources report it; the caller warns).
    package mutating func noteUnreadable(_ path: String) { unreadable.append(path) }

    /// The files found unreadable since the last call, each once.
    package mutating func takeUnreadable() -> [String] {
        defer { unreadable = [] }
        var seenPaths = Set<String>()
        return unreadable.filter { seenPaths.insert($0).inserted }
    }

    /// Counts one head read (sources call this so tests and benchmarks can see cache misses).
    package mutating func noteRead() { headReads += 1 }

    /// Forgets paths no scan looked up or stored since this value was created or decoded (files
    /// that were deleted or no longer belong to any candidate folder). Call after all sources ran.
    public mutating func pruneUnseen() {
        entries = entries.filter { seen.contains($0.key) }
        segments = segments.filter { seen.contains($0.key) }
    }

    /// Decides a head for `path`, from the cache when possible; `decide` receives the head bytes
    /// and returns the cwd and session id it found (cwd nil = none).
    package mutating func resolve(
        _ path: String, cap: Int = HeadReader.defaultCap,
        decide: ([UInt8]) -> (cwd: String?, sessionID: String?)
    ) -> Entry? {
        // A final decision needs no stat: heads of append-only files don't change.
        if let entry = entries[path], entry.isFinal {
            seen.insert(path)
            return entry
        }
        guard let size = FileProbe.info(path)?.size else { return nil }
        if let hit = lookup(path, size: size) { return hit }
        noteRead()
        guard let head = HeadReader.read(path, cap: cap) else {
            unreadable.append(path)
            return nil
        }
        let found = decide(head)
        let examined = UInt64(head.count)
        let final = found.cwd != nil || head.count >= cap
        let entry = Entry(cwd: found.cwd, sessionID: found.sessionID, examinedBytes: examined, isFinal: final)
        store(path, entry)
        return entry
    }
}
