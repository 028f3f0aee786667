import HookCore

/// `convo-hook prompts SESSION`: what a person typed in a session, in order (text the tool injected,
/// subagents' instructions and meta records left out), each with the files it referenced: named in the
/// prompt (`@file`, `specs/x.md`, any path the repository has) or read by the assistant while answering it.
public struct SessionPrompts: Sendable {
    public var session: String
    public var source: String
    public var title: String?
    public var prompts: [Entry]
    /// The commit the session started from: the last one made before its first prompt.
    public var base: String?

    public struct Entry: Sendable {
        public var number: Int
        public var text: String
        public var time: String?
        /// A command the person ran (`/review`, `! make`), not words to the model.
        public var isCommand: Bool
        public var files: [File]
    }

    public struct File: Sendable, Equatable {
        public var path: String
        /// `mentioned` in the prompt, or `read` by the assistant's calls before the next prompt.
        public var how: String
        /// A specification: under a `specs/` folder, or a document (`.md`, `.txt`, `.rst`, `.adoc`).
        public var isSpec: Bool
        /// The last commit before the prompt that holds the file (nil: it did not exist yet).
        public var revision: String?
    }

    public enum Format: String, Sendable, CaseIterable {
        case md, sh
    }

    /// The prompts of the session `query` names in the current archive.
    public static func of(_ query: String, repository: Repository) throws -> SessionPrompts {
        let archive = try ConversationArchive.current(repository)
        defer { archive.saveCache() }
        guard let session = try archive.find(query) else { throw ArchiveError("'\(query)' is not an archived session") }
        let transcript = archive.transcript(of: session)
        let git = try GitText(repository: repository)
        var files = FileLookup(repository: repository, git: git, cwd: transcript.main?.events.lazy.compactMap(\.cwd).first)
        var prompts: [Entry] = []
        let events = transcript.main?.events ?? []
        var turn: Int?
        for event in events {
            switch event.kind {
            case .prompt(let p) where p.isPerson && !p.text.trimmingCharacters(in: " \t\r\n").isEmpty:
                let mentioned = files.mentioned(in: p.text, at: event.time).map { File(path: $0.path, how: "mentioned", isSpec: $0.isSpec, revision: $0.revision) }
                prompts.append(Entry(number: prompts.count + 1, text: p.text, time: event.time, isCommand: p.origin == .command, files: mentioned))
                turn = prompts.count - 1
            case .toolCall(let call):
                guard let k = turn else { continue }
                for path in call.reads {
                    guard let found = files.lookup(path, at: prompts[k].time), found.isSpec, !prompts[k].files.contains(where: { $0.path == found.path }) else { continue }
                    prompts[k].files.append(File(path: found.path, how: "read", isSpec: true, revision: found.revision))
                }
            default:
                continue
            }
        }
        let facts = archive.facts(of: session)
        let base = prompts.first?.time.flatMap { files.revision(before: $0, path: nil) }
        return SessionPrompts(session: session.key, source: session.source, title: facts.title, prompts: prompts, base: base)
    }

    /// Paths in prompts and calls, as the repository names them, with their version at a time.
    struct FileLookup {
        let repository: Repository
        let git: GitText
        let workdir: String
        let cwd: String?
        private var revisions: [String: String?] = [:]

        init(repository: Repository, git: GitText, cwd: String?) {
            self.repository = repository
            self.git = git
            workdir = repository.workdir.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
            self.cwd = cwd
        }

        /// Words of a prompt that name a file the repository has (or had before the prompt).
        mutating func mentioned(in text: String, at time: String?) -> [(path: String, isSpec: Bool, revision: String?)] {
            var out: [(path: String, isSpec: Bool, revision: String?)] = []
            let separators = Set(" \t\r\n`'\"()[]<>,;*")
            for word in text.split(whereSeparator: { separators.contains($0) }) {
                var token = Substring(word)
                if token.hasPrefix("@") { token = token.dropFirst() }
                while let last = token.last, ".:!?".contains(last) { token = token.dropLast() }
                guard token.contains("/") || token.contains("."), token.count > 2, !token.contains("://") else { continue }
                guard let found = lookup(String(token), at: time), !out.contains(where: { $0.path == found.path }) else { continue }
                out.append(found)
            }
            return out
        }

        /// `path` (absolute, relative to the session's folder or to the repository) when the worktree or
        /// history has it.
        mutating func lookup(_ path: String, at time: String?) -> (path: String, isSpec: Bool, revision: String?)? {
            var relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            if relative.hasPrefix("/") {
                if let cwd, relative.hasPrefix(cwd + "/"), let rest = Optional(String(relative.dropFirst(cwd.count + 1))), let c = relativeCwd() {
                    relative = c.isEmpty ? rest : c + "/" + rest
                } else if relative.hasPrefix(workdir + "/") {
                    relative = String(relative.dropFirst(workdir.count + 1))
                } else {
                    return nil
                }
            }
            guard !relative.isEmpty, !relative.hasPrefix("../"), !relative.hasSuffix("/") else { return nil }
            // Only a file the worktree or HEAD has is looked up in history (a word with a dot is no file).
            let inWorktree = FileSystem.exists(workdir + "/" + relative) && !FileSystem.isDirectory(workdir + "/" + relative)
            guard inWorktree || isInHead(relative) else { return nil }
            var revision = time.flatMap { self.revision(before: $0, path: relative) }
            // The last commit touching it may be the one that deleted it.
            if let r = revision, (try? OID(hex: r).map { try repository.commit($0).tree().entry(at: relative) } ?? nil) == nil { revision = nil }
            return (relative, FileLookup.isSpec(relative), revision)
        }

        /// Whether HEAD's tree has a file at `path`.
        private func isInHead(_ path: String) -> Bool {
            guard let head = repository.resolveCommit("HEAD"), let entry = try? repository.commit(head).tree().entry(at: path) else { return false }
            return entry.mode != 0o040000
        }

        /// The session's folder relative to the worktree root, when it is inside it.
        private func relativeCwd() -> String? {
            guard let cwd else { return nil }
            if cwd == workdir { return "" }
            return cwd.hasPrefix(workdir + "/") ? String(cwd.dropFirst(workdir.count + 1)) : nil
        }

        /// The last commit (first-parent history of HEAD) made at or before `time` that has `path` (any commit
        /// when nil).
        mutating func revision(before time: String, path: String?) -> String? {
            let key = time + "\u{0}" + (path ?? "")
            if let known = revisions[key] { return known }
            guard let epoch = ArchiveLayout.epoch(iso8601: time) else { return nil }
            let date = SearchTime.display(epoch: epoch) + " +0000"
            var arguments = ["rev-list", "-1", "--before=" + date, "HEAD"]
            if let path { arguments += ["--", path] }
            let found = (try? git.run(arguments, what: "git rev-list")).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: "\n") }
            let value = found.flatMap { $0.isEmpty ? nil : $0 }
            revisions[key] = value
            return value
        }

        static func isSpec(_ path: String) -> Bool {
            let lower = path.lowercased()
            return lower.hasPrefix("specs/") || lower.contains("/specs/") || [".md", ".txt", ".rst", ".adoc"].contains { lower.hasSuffix($0) }
        }
    }
}

extension ConversationEvent {
    /// The working folder a context event states.
    var cwd: String? {
        if case .context(let c) = kind { return c.cwd }
        return nil
    }
}
