import GitIndexFile

/// The archive files a commit will hold — the truth the capture state is checked against: the paths
/// below the archive folder in the index git commits from (tree mode), or in the tree of
/// `refs/convo/archive` (ref mode). Read with one `git` run.
package struct ArchiveListing: Sendable {
    /// Repository-relative paths below the archive folder.
    package private(set) var paths: Set<String>
    package let root: String

    package init(root: String, paths: Set<String>) {
        self.root = root
        self.paths = paths
    }

    /// The archive paths of the index at `indexFile` (the one `GIT_INDEX_FILE` names): read from the file
    /// itself, or with `git ls-files` when the reader has a doubt (a split or sparse index, a conflict).
    package static func index(root: String, indexFile: String, git: GitCommand) throws -> ArchiveListing {
        if let read = GitIndexFile.paths(under: root + "/", inIndexAt: indexFile) {
            return ArchiveListing(root: root, paths: Set(read.paths.map { String(decoding: $0, as: UTF8.self) }))
        }
        if !FileSystem.exists(indexFile) { return ArchiveListing(root: root, paths: []) }
        let result = try git.run(["--literal-pathspecs", "ls-files", "-z", "--", root])
        guard result.status == 0 else { throw ArchiveError("git ls-files failed: \(result.lastErrorLine)") }
        return ArchiveListing(root: root, paths: Set(result.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }))
    }

    /// The archive paths in the tree of `ref` (empty when the ref does not exist yet).
    package static func tree(of ref: String, root: String, git: GitCommand) throws -> ArchiveListing {
        let exists = try git.run(["rev-parse", "-q", "--verify", ref + "^{tree}"])
        guard exists.status == 0 else { return ArchiveListing(root: root, paths: []) }
        let result = try git.run(["--literal-pathspecs", "ls-tree", "-r", "-z", "--name-only", ref, "--", root])
        guard result.status == 0 else { throw ArchiveError("git ls-tree \(ref) failed: \(result.lastErrorLine)") }
        return ArchiveListing(root: root, paths: Set(result.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }))
    }

    package mutating func insert(_ path: String) { paths.insert(path) }

    package func contains(_ path: String) -> Bool { paths.contains(path) }

    /// The folder of a session in this listing (`<root>/<source>/<YYYYMMDD-HHMMSS>-<id>`), if any.
    package func sessionFolder(source: String, sessionID: String) -> String? {
        let prefix = root + "/" + ArchiveLayout.sanitize(source) + "/"
        let suffix = "-" + ArchiveLayout.sanitize(sessionID)
        var found: Set<String> = []
        for path in paths where path.hasPrefix(prefix) {
            guard let name = path.dropFirst(prefix.count).split(separator: "/", maxSplits: 1).first,
                name.hasSuffix(suffix), name.utf8.count == ArchiveLayout.stampLength + suffix.utf8.count
            else { continue }
            found.insert(prefix + name)
        }
        return found.min()
    }

    /// The parts of one stream of a session folder in this listing (`stream` "" for the main one).
    package func parts(folder: String, stream: String) -> [ArchivePartName] {
        let prefix = ArchiveListing.streamFolder(folder: folder, stream: stream) + "/"
        return paths.compactMap { path in
            guard path.hasPrefix(prefix) else { return nil }
            let name = path.dropFirst(prefix.count)
            return name.contains("/") ? nil : ArchivePartName.parse(String(name))
        }.sorted()
    }

    /// Round-1 part files (`0001.jsonl`…) of one stream, by number.
    package func legacyParts(folder: String, stream: String) -> [Int: String] {
        let prefix = ArchiveListing.streamFolder(folder: folder, stream: stream) + "/"
        var found: [Int: String] = [:]
        for path in paths where path.hasPrefix(prefix) {
            let name = String(path.dropFirst(prefix.count))
            if !name.contains("/"), let n = ArchivePartName.legacyNumber(name) { found[n] = path }
        }
        return found
    }

    /// The folder holding a stream's parts: the session folder, or `subagents/<name>` below it.
    package static func streamFolder(folder: String, stream: String) -> String {
        stream.isEmpty ? folder : folder + "/" + stream.split(separator: "/").map { ArchiveLayout.sanitize(String($0)) }.joined(separator: "/")
    }
}

/// Which sessions, streams and lines a set of archive paths holds: read from the paths alone.
package struct ArchivePathInfo: Equatable, Sendable {
    /// `<root>/<source>/<YYYYMMDD-HHMMSS>-<id>`.
    package var folder: String
    /// `<source>/<id>` as the `Conversation:` trailer names it.
    package var session: String
    /// `main`, or `subagents/<name>`.
    package var stream: String
    package var part: ArchivePartName

    /// Parses a part path below `root`; nil for anything else (`.ignore`, round-1 files).
    package init?(path: String, root: String) {
        guard path.hasPrefix(root + "/") else { return nil }
        let components = path.dropFirst(root.count + 1).split(separator: "/").map(String.init)
        guard components.count >= 3, let part = ArchivePartName.parse(components[components.count - 1]) else { return nil }
        let folderName = components[1]
        guard folderName.utf8.count > ArchiveLayout.stampLength + 1 else { return nil }
        self.folder = root + "/" + components[0] + "/" + folderName
        self.session = components[0] + "/" + String(folderName.dropFirst(ArchiveLayout.stampLength + 1))
        let streamPath = components[2..<(components.count - 1)].joined(separator: "/")
        self.stream = streamPath.isEmpty ? "main" : streamPath
        self.part = part
    }

    /// The sessions and line ranges `paths` carry, one entry per session, ranges merged per stream.
    package static func change(carrying paths: [String], root: String) -> ArchiveChange {
        var bySession: [String: (folder: String, ranges: [String: [ClosedRange<Int>]])] = [:]
        for path in paths {
            guard let info = ArchivePathInfo(path: path, root: root) else { continue }
            bySession[info.session, default: (info.folder, [:])].ranges[info.stream, default: []].append(info.part.first...info.part.last)
        }
        var change = ArchiveChange(paths: paths.sorted())
        for (session, entry) in bySession.sorted(by: { $0.key < $1.key }) {
            var lines: [LineRange] = []
            for (stream, ranges) in entry.ranges.sorted(by: { ($0.key == "main" ? "" : $0.key) < ($1.key == "main" ? "" : $1.key) }) {
                for range in ClosedRanges.merged(ranges) { lines.append(LineRange(stream: stream, first: range.lowerBound, last: range.upperBound)) }
            }
            change.sessions.append(SessionChange(session: session, folder: entry.folder, lines: lines))
        }
        return change
    }
}

/// Line-number ranges of one stream: which lines a set of parts holds.
package enum ClosedRanges {
    /// Sorted, with overlapping and adjacent ranges joined.
    package static func merged(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// True when `merged` (as `merged(_:)` returns) holds every line of `range`.
    package static func covers(_ merged: [ClosedRange<Int>], _ range: ClosedRange<Int>) -> Bool {
        merged.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
    }
}
