import HookCore

/// `convo-hook restore`: writes an archived session back where its assistant reads it, so the session can
/// be continued on any clone, after any cleanup. The records' working directory becomes this worktree's
/// (or `--cwd`'s); no other byte changes, so redacted text stays redacted.
public enum SessionRestore {
    /// Restores `query` (an id, a unique prefix or `source/id`); returns the lines to print.
    public static func run(repository: Repository, query: String, cwd: String?, force: Bool) throws -> [String] {
        let archive = try ConversationArchive.current(repository)
        defer { archive.saveCache() }
        guard let session = try archive.find(query) else { throw ArchiveError("no archived session '\(query)'") }
        let sessionID = archive.summary(of: session).sessionID ?? session.id
        let workspace = try Workspace(repository: repository)
        guard let source = workspace.source(named: session.source) else {
            throw ArchiveError("\(session.key) comes from \(session.source), which this machine does not know")
        }
        let archived = archive.reader.streams(of: session)
        let streams = archived.map(\.name)
        var lines: [String: [ArraySlice<UInt8>]] = [:]
        for stream in archived { lines[stream.name] = archive.reader.lines(of: stream).map(\.bytes) }
        let root = try targetRoot(cwd, workdir: workspace.workdir)
        let recorded = lines["main"]?.lazy.compactMap(SessionRestore.recordedCwd).first
        let newCwd = recorded.map { RecordedPath.mapped($0, toRoot: root) } ?? root
        let head = Array((lines["main"] ?? []).prefix(20).joined(separator: [UInt8(ascii: "\n")]))
        guard
            let locations = source.restoreLocations(
                sessionID: sessionID, streams: streams, firstLines: head,
                cwd: newCwd, context: workspace.context)
        else {
            throw ArchiveError("\(session.key) cannot be restored: \(session.source) \(source.restoreUnsupported)")
        }
        // Still on this machine for another worktree: a second copy would be continued in two places.
        if !force,
            let path = workspace.sessionsOfEveryWorktree().first(where: {
                ArchiveLayout.sanitize($0.source) + "/" + ArchiveLayout.sanitize($0.sessionID) == session.key
            })?.streams.first?.path, !locations.values.contains(path)
        {
            throw ArchiveError("\(session.key) still has its transcript on this machine, at \(path); --force writes a copy for this worktree")
        }
        let oldRoot = recorded.map { RecordedPath.root(of: $0, mappedTo: newCwd, root: root) }
        var files: [(path: String, bytes: [UInt8])] = []
        for stream in streams {
            guard let path = locations[stream] else { continue }
            let rewritten = (lines[stream] ?? []).map { line in
                source.restoredLine(
                    oldRoot.map { old in
                        JSONLineFields.replacingStringMembers(named: "cwd", in: Array(line)) { RecordedPath.rebased($0, from: old, to: root) }
                    } ?? Array(line), cwd: newCwd)
            }
            files.append((path, source.restoredFile(stream: stream, lines: rewritten)))
        }
        var output: [String] = []
        var written = 0
        for file in files {
            if let existing = FileSystem.read(file.path) {
                if existing == file.bytes { continue }
                guard force else {
                    throw ArchiveError("\(file.path) exists and differs from the archive; --force replaces it")
                }
            }
            try FileSystem.makeDirectories(FileSystem.parent(of: file.path))
            try FileSystem.writeAtomically(file.bytes, to: file.path, mode: 0o600)
            written += 1
        }
        let lineCount = lines.values.reduce(0) { $0 + $1.count }
        guard written > 0 else {
            return ["\(session.key) is already restored at \(files.first?.path ?? "")"]
        }
        // The restored file is the session's transcript from now on: its lines are the archive's, so the
        // next commit archives only what the assistant adds.
        workspace.state.sessions[CaptureState.key(source: session.source, sessionID: sessionID)] = nil
        let found = workspace.sessions(source: session.source, session: sessionID)
        workspace.recoverState(of: found, from: try workspace.listing())
        try workspace.saveState()
        workspace.invalidateFastPath()
        output.append(
            "restored \(session.key) (\(lineCount) lines) to \(files.first?.path ?? "")"
                + (files.count > 1 ? " and \(files.count - 1) subagent transcripts" : ""))
        if let recorded, recorded != newCwd { output.append("its working directory \(recorded) is now \(newCwd)") }
        output.append("text redacted in the archive stays redacted: the assistant sees [REDACTED:…] where a secret was")
        return output
    }

    private static func targetRoot(_ cwd: String?, workdir: String) throws -> String {
        guard let cwd else { return workdir }
        let absolute = cwd.hasPrefix("/") ? cwd : (FileSystem.currentDirectory() ?? workdir) + "/" + cwd
        guard FileSystem.isDirectory(absolute) else { throw UsageError("--cwd \(cwd) is not a folder") }
        return SourceContext.trimmed(absolute)
    }

    /// The first working directory a record names (Claude's `cwd`, Codex's `payload.cwd`).
    static func recordedCwd(_ line: ArraySlice<UInt8>) -> String? {
        var found: String?
        _ = JSONLineFields.replacingStringMembers(named: "cwd", in: Array(line)) { value in
            if found == nil, value.hasPrefix("/") { found = value }
            return nil
        }
        return found
    }
}

/// Paths a session recorded on another machine or clone, moved to this worktree.
enum RecordedPath {
    /// Where `recorded` (the session's first working directory) lands below `root`: the longest tail of
    /// its folders that exists here (a session started in `sub/` of the other checkout goes to `root/sub`).
    static func mapped(_ recorded: String, toRoot root: String) -> String {
        if recorded == root || recorded.hasPrefix(root + "/") { return recorded }
        let components = recorded.split(separator: "/").map(String.init)
        for start in 1..<max(1, components.count) {
            let tail = components[start...].joined(separator: "/")
            if FileSystem.isDirectory(root + "/" + tail) { return root + "/" + tail }
        }
        return root
    }

    /// The root of the recording checkout: `recorded` without the part that `mapped` kept below `root`.
    static func root(of recorded: String, mappedTo mapped: String, root: String) -> String {
        guard mapped != root, mapped.hasPrefix(root + "/") else { return recorded }
        let tail = String(mapped.dropFirst(root.count))
        return recorded.hasSuffix(tail) ? String(recorded.dropLast(tail.count)) : recorded
    }

    /// `path` below `old` moved below `new`; nil when it is not below `old`.
    static func rebased(_ path: String, from old: String, to new: String) -> String? {
        if old == new { return nil }
        if path == old { return new }
        return path.hasPrefix(old + "/") ? new + path.dropFirst(old.count) : nil
    }
}
