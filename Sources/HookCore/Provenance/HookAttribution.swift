import Glibc

/// post-commit's attribution of the lines a commit adds (`CommitAttribution`), kept in the commit's note:
/// `git diff-tree` of the commit runs while the hook reads the archive lines the commit carries through
/// each session's mapping; what earlier calls of those sessions wrote comes from `WrittenLinesCache`.
/// The hook counts only while that stays cheap — its sessions have written at most about 4,000 lines so
/// far (`cacheLimit`) and the lines to read are at most 2 MB, all on disk — else it leaves the count out
/// and a reader makes it later (`show COMMIT`, `stats --by commit|branch`), with the same rule.
package enum HookAttribution {
    /// Size of a session's cache beyond which post-commit no longer counts (about 4,000 written lines):
    /// matching costs grow with what the session wrote.
    static let cacheLimit: Int64 = 256 << 10

    /// This process's CPU time so far, for traces (`CONVO_HOOK_TRACE=1`): wall time misleads on a busy machine.
    package static func cpuTime() -> String {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        let tenths = Int(t.tv_sec) * 10_000 + Int(t.tv_nsec) / 100_000
        return "cpu \(tenths / 10).\(tenths % 10) ms"
    }

    /// Whether post-commit counts this commit: every session's cache is small enough.
    package static func isCheap(_ change: ArchiveChange, stateDir: String) -> Bool {
        !change.sessions.isEmpty
            && change.sessions.allSatisfy { s in
                (FileSystem.status(WrittenLinesCache.path(stateDir: stateDir, folder: s.folder)).map { Int64($0.st_size) } ?? 0) <= cacheLimit
            }
    }

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

    /// What post-commit reads to bring each carried session's cache up to the commit (the worktree's parts, or
    /// ref mode's part folder): per session, each stream from where its cache stops to the commit's last line.
    package struct ReadPlan {
        let reader: ArchiveReader
        var sessions: [(session: ArchivedSession, cache: WrittenLinesCache, reads: [(ArchivedStream, ClosedRange<Int>)])]

        /// The caches brought up to the commit; nil when lines are not on disk (ref mode keeps only this
        /// commit's parts).
        package func read() -> [WrittenLinesCache]? {
            var result: [WrittenLinesCache] = []
            for var plan in sessions {
                let source = TranscriptSources.reading(plan.session.source)
                for (stream, range) in plan.reads {
                    let read = plan.cache.read(stream, from: range.lowerBound, through: range.upperBound, source: source, reader: reader)
                    if read.lines < range.count { return nil }
                }
                try? plan.cache.save()
                result.append(plan.cache)
            }
            return result
        }
    }

    /// The reads a commit needs, found from file sizes alone; nil when they exceed `byteLimit`: a session
    /// archived with megabytes at once (its first commit, or a cache that fell behind) leaves the count to
    /// readers, and its cache catches up outside commits (`catchUp`, from the assistants' capture hooks), so
    /// no commit waits for it.
    package static func plan(for change: ArchiveChange, base: String, archiveRoot: String, stateDir: String) -> ReadPlan? {
        var plan = ReadPlan(reader: ArchiveReader(storage: FolderStorage(root: base), layout: .repository(root: archiveRoot)), sessions: [])
        var bytes: Int64 = 0
        for carried in change.sessions {
            let parts = carried.folder.split(separator: "/")
            guard parts.count >= 2 else { return nil }
            let session = ArchivedSession(folder: carried.folder, source: String(parts[parts.count - 2]), folderName: String(parts[parts.count - 1]))
            let cache = WrittenLinesCache(stateDir: stateDir, folder: carried.folder)
            var reads: [(ArchivedStream, ClosedRange<Int>)] = []
            for stream in plan.reader.streams(of: session) {
                let ranges = carried.lines.filter { $0.stream == stream.name }
                guard let last = ranges.map(\.last).max() else { continue }
                let from = (cache.covered[stream.name] ?? 0) + 1
                guard from <= last else { continue }
                reads.append((stream, from...last))
                bytes += HookAttribution.bytes(of: stream, in: from...last, base: base)
            }
            plan.sessions.append((session, cache, reads))
        }
        return bytes > byteLimit ? nil : plan
    }

    /// Reads up to `budget` bytes of archived lines that the written-lines caches of these sessions
    /// (`<source>/<sanitized id>` keys) still lack, oldest first, from the part files under `base`. Run
    /// outside commits (the assistants' capture hooks), so that post-commit finds the caches ready.
    package static func catchUp(sessions keys: some Sequence<String>, base: String, archiveRoot: String, stateDir: String, budget: Int) {
        let reader = ArchiveReader(storage: FolderStorage(root: base), layout: .repository(root: archiveRoot))
        var left = budget
        for key in keys where left > 0 {
            let parts = key.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let source = String(parts[0])
            let sourceFolder = archiveRoot + "/" + source
            for name in FileSystem.list(base + "/" + sourceFolder) where name.hasSuffix("-" + parts[1]) && left > 0 {
                let session = ArchivedSession(folder: sourceFolder + "/" + name, source: source, folderName: name)
                var cache = WrittenLinesCache(stateDir: stateDir, folder: session.folder)
                let reading = TranscriptSources.reading(source)
                for stream in reader.streams(of: session) where left > 0 {
                    let last = stream.parts.compactMap { part -> Int? in if case .named(let n) = part.kind { n.last } else { nil } }.max() ?? 0
                    let from = (cache.covered[stream.name] ?? 0) + 1
                    guard from <= last else { continue }
                    left -= cache.read(stream, from: from, through: last, source: reading, reader: reader, budget: left).bytes
                }
                try? cache.save()
            }
        }
    }

    /// Size of the part files holding lines `range` of a stream (round-1 parts, whose lines are not in their
    /// names, all count).
    static func bytes(of stream: ArchivedStream, in range: ClosedRange<Int>, base: String) -> Int64 {
        stream.parts.reduce(0) { total, part in
            if case .named(let name) = part.kind, name.last < range.lowerBound || name.first > range.upperBound { return total }
            return total + Int64(FileSystem.status(base + "/" + part.path)?.st_size ?? 0)
        }
    }

    /// The counts for the patch `diff` prints against what the sessions' calls wrote into those files; nil
    /// for a merge or when git failed.
    package static func count(_ diff: RunningSubprocess, caches: [WrittenLinesCache]) -> CommitAttribution? {
        let result = diff.wait()
        guard result.status == 0 else { return nil }
        let firstLine = result.stdout.prefix { $0 != 0x0A }
        guard !firstLine.contains(0x20) else { return nil }  // two parents or more: a merge adds no lines of its own
        let files = UnifiedDiff.addedFiles(result.stdout)
        let paths = files.map(\.path)
        let lines = files.flatMap { $0.runs.joined().map { CodeLine.normalized($0.text) } }.filter { !$0.isEmpty }
        return count(files, written: caches.map { $0.written(into: paths, lines: lines) }, before: nil)
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
