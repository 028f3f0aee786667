import Glibc
import HookCore

/// `convo-hook history PATH`: every session whose tool calls read or changed a file (under any name it
/// had: `git log --follow`), newest first, with the prompts that led to those calls, the commits that
/// changed the file and carry the session, and a one-line account of what the calls did.
public struct FileHistory: Sendable {
    public var path: String
    /// Every name the file had, newest first.
    public var names: [String]
    public var sessions: [Session]
    public var commits: [Commit]

    public struct Session: Sendable {
        public var session: String
        public var folder: String
        public var title: String?
        public var firstTouch: String?
        public var lastTouch: String?
        public var reads = 0
        public var writes = 0
        public var commands = 0
        public var added = 0
        public var removed = 0
        public var prompts: [(text: String, time: String?)] = []
        public var commits: [String] = []

        /// `wrote it 2× (+12 −1 lines), read it 3×, ran 1 command naming it`.
        public var account: String {
            var parts: [String] = []
            if writes > 0 { parts.append("changed it \(writes)× (+\(added) −\(removed) lines)") }
            if reads > 0 { parts.append("read it \(reads)×") }
            if commands > 0 { parts.append("ran \(commands) command\(commands == 1 ? "" : "s") naming it") }
            return parts.joined(separator: ", ")
        }
    }

    public struct Commit: Sendable {
        public var commit: String
        public var time: Int64
        public var subject: String
        /// The file's name in this commit.
        public var path: String
        /// The sessions that touched the file and that the commit carries.
        public var sessions: [String]
    }

    public static func of(_ path: String, repository: Repository) throws -> FileHistory {
        let relative = try RepositoryPath.resolve(path, repository: repository, mustExist: false)
        let git = try GitText(repository: repository)
        let log = try git.run(
            ["log", "--follow", "-M", "--format=%x01%H %ct %s", "--name-status", "--", relative], what: "git log --follow \(relative)")
        var commits = parseLog(log)
        var names: [String] = [relative]
        for c in commits where !names.contains(c.path) { names.append(c.path) }
        let library = try SessionLibrary(repository: repository)
        var sessions: [Session] = []
        for session in candidates(names, archive: library.archive) {
            guard let loaded = library.load(session.path, carriedBy: nil) else { continue }
            var found = Session(session: session.key, folder: session.folder, title: library.archive.summary(of: session).title)
            for stream in loaded.transcript.streams { touch(stream, of: loaded.transcript, names: names, into: &found) }
            if found.reads + found.writes + found.commands > 0 { sessions.append(found) }
        }
        for k in commits.indices {
            guard let oid = OID(hex: commits[k].commit) else { continue }
            let carried = Set(library.folders(carriedBy: oid))
            for s in sessions.indices where carried.contains(ArchivedSession.path(ofFolder: sessions[s].folder)) {
                commits[k].sessions.append(sessions[s].session)
                sessions[s].commits.append(commits[k].commit)
            }
        }
        sessions.sort { ($0.lastTouch ?? "", $0.folder) > ($1.lastTouch ?? "", $1.folder) }
        return FileHistory(path: relative, names: names, sessions: sessions, commits: commits)
    }

    /// `git log --format=%x01%H %ct %s --name-status` → commits, each with the file's name there.
    static func parseLog(_ output: [UInt8]) -> [Commit] {
        var commits: [Commit] = []
        ArchiveReader.splitLines(output) { raw in
            let line = String(decoding: raw, as: UTF8.self)
            if line.hasPrefix("\u{1}") {
                let fields = line.dropFirst().split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count >= 2 else { return }
                commits.append(Commit(commit: String(fields[0]), time: Int64(fields[1]) ?? 0, subject: fields.count > 2 ? String(fields[2]) : "", path: "", sessions: []))
            } else if let last = commits.indices.last, commits[last].path.isEmpty, line.contains("\t") {
                // `M\tpath`, `A\tpath`, `R100\told\tnew`: the name after the change is the last field.
                commits[last].path = line.split(separator: "\t").last.map { String($0).hasPrefix("\"") ? UnifiedDiff.unquote(String($0)) : String($0) } ?? ""
            }
        }
        return commits
    }

    /// Sessions whose archived bytes name the file (its last name component under any of its names): only
    /// those are read into events. A name JSON may escape is looked for in every session.
    static func candidates(_ names: [String], archive: ConversationArchive) -> [ArchivedSession] {
        let needles = Set(names.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
        let plain = needles.allSatisfy { n in n.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } }
        return archive.sessions().filter { session in
            guard plain else { return true }
            for stream in archive.reader.streams(of: session) {
                for part in stream.parts {
                    guard let bytes = archive.reader.storage.read(part.path) else { continue }
                    if needles.contains(where: { JSONLineFields.contains(bytes, $0) }) { return true }
                }
            }
            return false
        }
    }

    /// Counts the calls of one stream that read, wrote or ran a command naming the file, and keeps the
    /// prompts that led to them.
    static func touch(_ stream: SessionTranscript.Stream, of transcript: SessionTranscript, names: [String], into session: inout Session) {
        func named(_ path: String) -> Bool { names.contains { WrittenLines.samePath(path, $0) } }
        for (index, event) in stream.events.enumerated() {
            guard case .toolCall(let call) = event.kind else { continue }
            let edits = call.edits.filter { named($0.path) }
            if !edits.isEmpty || call.writes.contains(where: named) {
                session.writes += 1
                for edit in edits {
                    session.added += WrittenLines.addedLines(edit).count
                    session.removed += edit.oldText.map { old in WrittenLines.addedLines(FileEdit(path: edit.path, oldText: edit.newText, newText: old)).count } ?? 0
                }
            } else if call.reads.contains(where: named) {
                session.reads += 1
            } else if let command = call.command, names.contains(where: { command.contains($0) }) {
                session.commands += 1
            } else {
                continue
            }
            if session.firstTouch == nil { session.firstTouch = event.time }
            if let t = event.time, t > (session.lastTouch ?? "") { session.lastTouch = t }
            let context = CallContext(transcript: transcript, stream: stream.name, event: index)
            if let text = context.prompt, !context.promptIsAgentInstructions, !session.prompts.contains(where: { $0.text == text && $0.time == context.promptTime }) {
                session.prompts.append((text, context.promptTime))
            }
        }
    }
}
