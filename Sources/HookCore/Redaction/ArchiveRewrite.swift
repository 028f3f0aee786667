#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `convo-hook redact --rewrite`: applies the current rules to archive history that is already committed.
///
/// Ref mode: `refs/convo/archive` gets a new chain in which every archive blob holding a finding is
/// redacted line by line (a line without a secret keeps its bytes) and a part file takes the name
/// of its new bytes; unchanged commits are kept as they are, and the old tip stays under
/// `refs/convo/backup/…` until the user deletes it. Tree mode: the archive is in the branches' own
/// history, which only a history rewrite of the repository can clean: this writes the replacement
/// file and returns the `git filter-repo` command.
public struct ArchiveRewrite {
    public static let archiveRef = "refs/convo/archive"

    public struct Result: Sendable {
        public var commitsRewritten: Int
        public var blobsRedacted: Int
        public var backupRef: String?
        public var newTip: String?
    }

    let history: ArchiveHistory
    let redactor: Redactor

    public init(directory: String, archiveRoot: String, redactor: Redactor) throws(SubprocessError) {
        history = ArchiveHistory(git: try GitCommand(directory: directory), root: archiveRoot)
        self.redactor = redactor
    }

    private var git: GitCommand { history.git }

    private func ok(_ arguments: [String], input: [UInt8]? = nil, env: [String: String] = [:]) throws(SubprocessError) -> String {
        let r = try git.run(arguments, input: input, extraEnvironment: env)
        guard r.status == 0 else { throw SubprocessError("git \(arguments.first ?? "") failed: \(r.lastErrorLine)") }
        return r.output.trimmingCharacters(in: "\n")
    }

    /// Rewrites `refs/convo/archive` (ref mode).
    public func rewriteArchiveRef(now: Int64) throws(SubprocessError) -> Result {
        let old = try ok(["rev-parse", "--verify", "-q", ArchiveRewrite.archiveRef + "^{commit}"])
        var mapped: [String: String] = [:]
        var redactedBlobs: [String: (id: String, bytes: [UInt8])?] = [:]
        var rewritten = 0
        let list = try ok(["rev-list", "--reverse", "--topo-order", "--parents", ArchiveRewrite.archiveRef])
        for line in list.split(separator: "\n") {
            let ids = line.split(separator: " ").map(String.init)
            let commit = ids[0]
            let parents = Array(ids.dropFirst())
            let newParents = parents.map { mapped[$0] ?? $0 }
            let tree = try ok(["rev-parse", commit + "^{tree}"])
            let newTree = try redactedTree(commit, tree: tree, cache: &redactedBlobs)
            if newTree == tree && newParents == parents {
                mapped[commit] = commit
                continue
            }
            mapped[commit] = try recommit(commit, tree: newTree, parents: newParents)
            rewritten += 1
        }
        let tip = mapped[old] ?? old
        let blobs = redactedBlobs.values.compactMap { $0 }.count
        guard tip != old else { return Result(commitsRewritten: 0, blobsRedacted: 0, backupRef: nil, newTip: old) }
        let backup = "refs/convo/backup/archive-\(ArchiveRewrite.stamp(now))"
        _ = try ok(["update-ref", backup, old])
        _ = try ok(["update-ref", "-m", "convo-hook redact --rewrite", ArchiveRewrite.archiveRef, tip, old])
        return Result(commitsRewritten: rewritten, blobsRedacted: blobs, backupRef: backup, newTip: tip)
    }

    /// The commit's tree with its archive blobs redacted (the same tree when nothing changes).
    private func redactedTree(_ commit: String, tree: String, cache: inout [String: (id: String, bytes: [UInt8])?]) throws(SubprocessError) -> String {
        let listing = try git.run(["ls-tree", "-r", "-z", "--full-tree", commit])
        guard listing.status == 0 else { throw SubprocessError("cannot list \(commit): \(listing.lastErrorLine)") }
        var entries: [(mode: String, id: String, path: String)] = []
        for entry in listing.stdout.split(separator: 0) {
            guard let tab = entry.firstIndex(of: 0x09) else { continue }
            let head = String(decoding: entry[..<tab], as: UTF8.self).split(separator: " ")
            let path = String(decoding: entry[(tab + 1)...], as: UTF8.self)
            guard head.count == 3, head[1] == "blob", path.hasPrefix(history.root + "/") else { continue }
            entries.append((String(head[0]), String(head[2]), path))
        }
        let unknown = entries.map(\.id).filter { cache[$0] == nil }
        let contents = try history.contents(Array(Set(unknown)))
        for id in Set(unknown) {
            guard let bytes = contents[id] else {
                cache[id] = .some(nil)
                continue
            }
            let redacted = redact(bytes)
            if redacted == bytes {
                cache[id] = .some(nil)
            } else {
                let newID = try ok(["hash-object", "-w", "--stdin"], input: redacted)
                cache[id] = (newID, redacted)
            }
        }
        var updates = ""
        for e in entries {
            guard let change = cache[e.id] ?? nil else { continue }
            let slash = e.path.lastIndex(of: "/").map { e.path.index(after: $0) } ?? e.path.startIndex
            let name = String(e.path[slash...])
            var newPath = e.path
            if let part = ArchivePartName.parse(name) {
                newPath = String(e.path[..<slash]) + ArchivePartName(first: part.first, last: part.last, bytes: change.bytes, ext: part.ext).fileName
            }
            if newPath != e.path { updates += "0 0000000000000000000000000000000000000000\t\(e.path)\n" }
            updates += "\(e.mode) \(change.id)\t\(newPath)\n"
        }
        guard !updates.isEmpty else { return tree }
        var template = Array("/tmp/convo-hook-rewrite-index-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw SubprocessError("cannot create a temporary index") }
        close(fd)
        let index = String(cString: template)
        unlink(index)  // git writes the index itself; an empty file is not an index
        defer { unlink(index) }
        let env = ["GIT_INDEX_FILE": index]
        _ = try ok(["read-tree", tree], env: env)
        _ = try ok(["update-index", "--index-info"], input: Array(updates.utf8), env: env)
        return try ok(["write-tree"], env: env)
    }

    /// Every line redacted with the current rules; a line without a secret keeps its bytes.
    private func redact(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.prefix(8000).contains(0) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (k, line) in lines.enumerated() {
            out += redactor.findings(in: line).contains { !$0.text.hasPrefix("[REDACTED:") } ? redactor.redactLine(line) : Array(line)
            if k < lines.count - 1 { out.append(0x0A) }
        }
        return out
    }

    /// The same commit (message, author, committer, dates) on a new tree and parents.
    private func recommit(_ commit: String, tree: String, parents: [String]) throws(SubprocessError) -> String {
        let raw = try git.run(["cat-file", "commit", commit])
        guard raw.status == 0 else { throw SubprocessError("cannot read \(commit): \(raw.lastErrorLine)") }
        let bytes = raw.stdout
        var cut = bytes.count
        for k in 0..<max(0, bytes.count - 1) where bytes[k] == 0x0A && bytes[k + 1] == 0x0A {
            cut = k
            break
        }
        let header = String(decoding: bytes[..<cut], as: UTF8.self)
        let message = cut + 2 <= bytes.count ? Array(bytes[(cut + 2)...]) : []
        var env: [String: String] = [:]
        for line in header.split(separator: "\n") {
            for (field, prefix) in [("author ", "GIT_AUTHOR_"), ("committer ", "GIT_COMMITTER_")] where line.hasPrefix(field) {
                let value = line.dropFirst(field.count)
                guard let lt = value.lastIndex(of: "<"), let gt = value.lastIndex(of: ">") else { continue }
                env[prefix + "NAME"] = String(value[..<lt].trimmingCharacters(in: " "))
                env[prefix + "EMAIL"] = String(value[value.index(after: lt)..<gt])
                env[prefix + "DATE"] = "@" + String(value[value.index(after: gt)...].trimmingCharacters(in: " "))
            }
        }
        return try ok(["commit-tree", tree] + parents.flatMap { ["-p", $0] }, input: message, env: env)
    }

    /// Tree mode: writes the secrets found in archive history to a replacement file in the git dir
    /// (mode 0600) and returns the filter-repo command that replaces them in every commit.
    public func treeModeCommand(findings: [HistoryScan.Finding], gitDir: String) throws(SubprocessError) -> (file: String, command: String) {
        var lines: [String] = []
        var seen = Set<String>()
        for f in findings where seen.insert(f.secret).inserted && !f.secret.contains("==>") {
            lines.append("literal:\(f.secret)==>[REDACTED:\(f.ruleID)]")
        }
        let folder = gitDir + "/convo-hook"
        _ = try? FileSystem.makeDirectories(folder)
        let file = folder + "/redact-replacements.txt"
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SubprocessError("cannot write \(file)") }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw SubprocessError("cannot write \(file)") }
        return (file, "git filter-repo --replace-text '\(file)'")
    }

    static func stamp(_ seconds: Int64) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}
