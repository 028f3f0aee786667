/// `convo-hook scan --history`: secrets in every archive blob and convo note reachable from any ref,
/// with the commits that brought each blob in, so a leak can be traced and cleaned up.
public struct HistoryScan {
    public struct Finding: Sendable, Equatable {
        /// The commits that added the blob (newest first).
        public var commits: [String]
        public var path: String
        public var line: Int
        public var ruleID: String
        public var masked: String
        /// The secret itself (for the history-rewrite replacement file; never printed).
        public var secret: String

        /// `<short commit>[,…] <path>:<line>:<rule>: <masked>`.
        public var textLine: String {
            let names = commits.isEmpty ? "(no commit)" : commits.map { String($0.prefix(12)) }.joined(separator: ",")
            return "\(names) \(path):\(line):\(ruleID): \(masked)"
        }
    }

    let history: ArchiveHistory
    let redactor: Redactor

    public init(directory: String, archiveRoot: String, redactor: Redactor) throws(SubprocessError) {
        history = ArchiveHistory(git: try GitCommand(directory: directory), root: archiveRoot)
        self.redactor = redactor
    }

    /// Every finding, blob by blob in the order git lists them.
    public func findings() throws(SubprocessError) -> [Finding] {
        let blobs = try history.blobs()
        let contents = try history.contents(blobs.map(\.id))
        var result: [Finding] = []
        for blob in blobs {
            guard let bytes = contents[blob.id], !bytes.prefix(8000).contains(0) else { continue }
            var found: [Finding] = []
            for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                for f in redactor.findings(in: line) where !f.text.hasPrefix("[REDACTED:") {
                    found.append(Finding(commits: [], path: blob.path, line: number + 1, ruleID: f.ruleID, masked: f.masked, secret: f.text))
                }
            }
            guard !found.isEmpty else { continue }
            let commits = history.commits(introducing: blob.id)
            result += found.map {
                var f = $0
                f.commits = commits
                return f
            }
        }
        return result
    }
}
