import HookCore

/// One line as `git blame --line-porcelain` tells it: the commit that last changed it and the line as
/// that commit's file had it.
struct BlameLine: Sendable {
    /// The commit (40 hex digits); all zeros for a line not committed yet.
    var commit: String
    /// Line number in the blamed commit's file, and in the file blamed.
    var originalLine: Int
    var line: Int
    var author: String
    var authorTime: Int64
    var committerTime: Int64
    var summary: String
    /// The file's path in the blamed commit (another name when it was renamed since).
    var path: String
    /// The blamed commit's parent and the file's path there (absent for a file the commit created).
    var previous: (commit: String, path: String)?
    var text: String

    var isCommitted: Bool { !commit.allSatisfy { $0 == "0" } }
}

enum Blame {
    /// Blames `path` (repository-relative) as the worktree has it, or as `revision` has it; `ranges` limits
    /// the lines (1-based, inclusive). Whitespace changes are looked through (`-w`), lines moved within the
    /// file or copied from files the same commit changed keep their origin (`-M -C`), and renames are
    /// followed.
    static func lines(_ path: String, revision: String? = nil, ranges: [ClosedRange<Int>] = [], git: GitText) throws -> [BlameLine] {
        var arguments = ["blame", "--line-porcelain", "-w", "-M", "-C"]
        for r in ranges { arguments += ["-L", "\(r.lowerBound),\(r.upperBound)"] }
        if let revision { arguments.append(revision) }
        arguments += ["--", path]
        return parse(try git.run(arguments, what: "git blame \(path)"))
    }

    static func parse(_ output: [UInt8]) -> [BlameLine] {
        var lines: [BlameLine] = []
        var current: BlameLine?
        ArchiveReader.splitLines(output) { raw in
            if raw.first == 0x09 {
                if var line = current {
                    line.text = String(decoding: raw.dropFirst(), as: UTF8.self)
                    lines.append(line)
                }
                current = nil
                return
            }
            let text = String(decoding: raw, as: UTF8.self)
            guard var line = current else {
                let fields = text.split(separator: " ")
                guard fields.count >= 3, fields[0].utf8.count >= 40, let original = Int(fields[1]), let final = Int(fields[2]) else { return }
                current = BlameLine(
                    commit: String(fields[0]), originalLine: original, line: final, author: "", authorTime: 0, committerTime: 0, summary: "",
                    path: "", previous: nil, text: "")
                return
            }
            let key = text.prefix { $0 != " " }
            let value = String(text.dropFirst(key.count + 1))
            switch key {
            case "author": line.author = value
            case "author-time": line.authorTime = Int64(value) ?? 0
            case "committer-time": line.committerTime = Int64(value) ?? 0
            case "summary": line.summary = value
            case "filename": line.path = unquoted(value)
            case "previous":
                let parts = value.split(separator: " ", maxSplits: 1)
                if parts.count == 2 { line.previous = (String(parts[0]), unquoted(String(parts[1]))) }
            default: break
            }
            current = line
        }
        return lines
    }

    /// git quotes a path holding a quote, backslash or control character (`"a\tb"`).
    private static func unquoted(_ path: String) -> String { path.hasPrefix("\"") ? UnifiedDiff.unquote(path) : path }
}
