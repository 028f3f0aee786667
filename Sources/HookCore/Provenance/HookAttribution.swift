/// post-commit's attribution of the lines a commit adds (`CommitAttribution`), kept in the commit's note:
/// `git diff-tree` of the commit runs while the hook reads the archive lines the commit carries through
/// each session's mapping; what earlier calls of those sessions wrote comes from `WrittenLinesCache`.
/// Whenever that would mean reading much more than the commit's own lines (no cache for a long session, ref
/// mode whose earlier parts are not on disk), the hook leaves the count out and a reader makes it later.
package enum HookAttribution {
    /// Lines of a session the hook will read beyond the commit's own to rebuild a missing cache.
    static let catchUpLimit = 2000
    /// Bytes of part files the hook will read for one commit (a first commit of a long transcript archives
    /// megabytes at once: its count is left to a reader).
    static let byteLimit: Int64 = 2 << 20

    /// `git diff-tree` of HEAD, started now and read by `count`.
    package static func startDiff(git: GitCommand, archiveRoot: String) -> RunningSubprocess? {
        try? git.start(diffArguments(revision: "HEAD", archiveRoot: archiveRoot))
    }

    /// The patch of a commit against its parent, its parents on the first line, the archive folder left out.
    package static func diffArguments(revision: String, archiveRoot: String) -> [String] {
        [
            "-c", "core.quotePath=false", "diff-tree", "-r", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--root",
            "--format=%P", revision, "--", ":(top,exclude)" + archiveRoot,
        ]
    }

    /// What the calls of the sessions `change` carries wrote, read from the archive files under `base` (the
    /// worktree, or ref mode's part folder); nil when that is not possible without reading far more.
    package static func written(for change: ArchiveChange, base: String, archiveRoot: String, stateDir: String) -> [WrittenLines]? {
        let reader = ArchiveReader(storage: FolderStorage(root: base), layout: .repository(root: archiveRoot))
        // What to read: per session, each stream from where its cache stops to the commit's last line.
        var plans: [(session: ArchivedSession, cache: WrittenLinesCache, reads: [(ArchivedStream, ClosedRange<Int>)])] = []
        var bytes: Int64 = 0
        for carried in change.sessions {
            let parts = carried.folder.split(separator: "/")
            guard parts.count >= 2 else { return nil }
            let session = ArchivedSession(folder: carried.folder, source: String(parts[parts.count - 2]), folderName: String(parts[parts.count - 1]))
            let cache = WrittenLinesCache(stateDir: stateDir, folder: carried.folder)
            var reads: [(ArchivedStream, ClosedRange<Int>)] = []
            for stream in reader.streams(of: session) {
                let ranges = carried.lines.filter { $0.stream == stream.name }
                guard let last = ranges.map(\.last).max(), let first = ranges.map(\.first).min() else { continue }
                let from = (cache.covered[stream.name] ?? 0) + 1
                guard from <= last else { continue }
                if first - from > catchUpLimit { return nil }
                reads.append((stream, from...last))
                bytes += HookAttribution.bytes(of: stream, in: from...last, base: base)
            }
            plans.append((session, cache, reads))
        }
        if bytes > byteLimit { return nil }
        var result: [WrittenLines] = []
        for var plan in plans {
            let source = TranscriptSources.reading(plan.session.source)
            for (stream, range) in plan.reads {
                let read = plan.cache.read(stream, from: range.lowerBound, through: range.upperBound, source: source, reader: reader)
                if read < range.count { return nil }  // lines not on disk (ref mode keeps only this commit's parts)
            }
            try? plan.cache.save()
            result.append(plan.cache.written)
        }
        return result
    }

    /// Size of the part files holding lines `range` of a stream (round-1 parts, whose lines are not in their
    /// names, all count).
    static func bytes(of stream: ArchivedStream, in range: ClosedRange<Int>, base: String) -> Int64 {
        stream.parts.reduce(0) { total, part in
            if case .named(let name) = part.kind, name.last < range.lowerBound || name.first > range.upperBound { return total }
            return total + Int64(FileSystem.status(base + "/" + part.path)?.st_size ?? 0)
        }
    }

    /// The counts for the patch `diff` prints, nil for a merge or when git failed.
    package static func count(_ diff: RunningSubprocess, written: [WrittenLines]) -> CommitAttribution? {
        let result = diff.wait()
        guard result.status == 0 else { return nil }
        let firstLine = result.stdout.prefix { $0 != 0x0A }
        guard !firstLine.contains(0x20) else { return nil }  // two parents or more: a merge adds no lines of its own
        return count(UnifiedDiff.addedFiles(result.stdout), written: written, before: nil)
    }

    /// The counts for the files a change adds, against what `written` holds.
    package static func count(_ files: [AddedFile], written: [WrittenLines], before: Int64?) -> CommitAttribution {
        var counts = CommitAttribution()
        for file in files {
            for run in file.runs {
                for verdict in LineAttribution.classify(run.map(\.text), path: file.path, written: written, before: before) {
                    if let verdict { counts.count(verdict.authorship) }
                }
            }
        }
        return counts
    }
}
