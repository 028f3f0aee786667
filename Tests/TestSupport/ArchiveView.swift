import Foundation

/// The archive as a revision (a commit, `refs/convo/archive`) or the index holds it, read with the real
/// `git`: its paths, the parts of a session, and a session's lines as readers take them (each line
/// number once, in order) — so tests assert what a user would read, not how parts are cut.
public struct ArchiveView {
    public let repo: TemporaryRepository
    /// A revision, or nil for the index.
    public let revision: String?
    public let root: String
    public let directory: String?

    public init(_ repo: TemporaryRepository, revision: String? = "HEAD", root: String = ".claude/conversations", in directory: String? = nil) {
        self.repo = repo
        self.revision = revision
        self.root = root
        self.directory = directory
    }

    /// Every archive path, sorted.
    public func paths() throws -> [String] {
        let output: String
        if let revision {
            let exists = try repo.git(["rev-parse", "-q", "--verify", revision + "^{tree}"], in: directory)
            guard exists.status == 0 else { return [] }
            output = try repo.gitOK("ls-tree", "-r", "--name-only", revision, "--", root, in: directory)
        } else {
            output = try repo.gitOK("ls-files", "--", root, in: directory)
        }
        return output.split(separator: "\n").map(String.init).sorted()
    }

    /// A part: its path and the lines it holds (`first…last`, from its name `<first>-<last>-<hash>.<ext>`).
    public struct Part: Equatable, CustomStringConvertible {
        public var path: String
        public var first: Int
        public var last: Int
        public var description: String { path }
    }

    /// The parts of one stream (`main`, or `subagents/<name>`) of the session whose folder ends in `-<id>`.
    public func parts(session id: String, stream: String = "main") throws -> [Part] {
        let all = try paths()
        return all.compactMap { path -> Part? in
            let components = path.dropFirst(root.count + 1).split(separator: "/").map(String.init)
            guard components.count >= 3, components[1].hasSuffix("-" + id) else { return nil }
            let streamPath = components[2..<(components.count - 1)].joined(separator: "/")
            guard (streamPath.isEmpty ? "main" : streamPath) == stream else { return nil }
            let name = components[components.count - 1]
            let fields = name.split(separator: ".").first?.split(separator: "-") ?? []
            guard fields.count == 3, let first = Int(fields[0]), let last = Int(fields[1]) else { return nil }
            return Part(path: path, first: first, last: last)
        }.sorted { ($0.first, $0.last, $0.path) < ($1.first, $1.last, $1.path) }
    }

    /// The session's lines of one stream: each line number once, in order. Fails the test on a gap.
    public func lines(session id: String, stream: String = "main") throws -> [String] {
        var lines: [String] = []
        for part in try parts(session: id, stream: stream) {
            let text = try content(part.path)
            var partLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if partLines.last == "" { partLines.removeLast() }
            guard partLines.count == part.last - part.first + 1 else {
                throw CommandFailed(command: "part \(part.path) holds \(partLines.count) lines", result: ProcessResult(status: 1, stdout: "", stderr: text))
            }
            for (offset, line) in partLines.enumerated() where part.first + offset == lines.count + 1 {
                lines.append(line)
            }
            if part.first > lines.count + 1 {
                throw CommandFailed(command: "lines \(lines.count + 1)–\(part.first - 1) of \(id) are missing", result: ProcessResult(status: 1, stdout: "", stderr: ""))
            }
        }
        return lines
    }

    /// A file's bytes as text, from the revision or the index.
    public func content(_ path: String) throws -> String {
        try repo.gitOK("cat-file", "-p", (revision ?? "") + ":" + path, in: directory)
    }
}
