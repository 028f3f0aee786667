import HookCore

/// The commits that carry a session: those that changed its archive folder, and those whose
/// message has its `Conversation: <source>/<session-id>` trailer. Read with the `git` binary.
struct SessionCommits {
    struct Commit: Equatable {
        var hash: String
        var shortHash: String
        var date: String
        var subject: String
    }

    let git: GitCommand

    /// Newest first; empty when there is no history yet or git fails.
    func commits(folder: String, source: String, sessionID: String) -> [Commit] {
        let format = "--format=%H%x1f%h%x1f%cs%x1f%s"
        var result = parse(git.output(["log", format, "--", folder]))
        let known = Set(result.map(\.hash))
        let trailer = parse(git.output(["log", format, "-F", "--grep=Conversation: \(source)/\(sessionID)"]))
        result += trailer.filter { !known.contains($0.hash) }
        return result
    }

    private func parse(_ output: String?) -> [Commit] {
        (output ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\u{1F}", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return Commit(hash: fields[0], shortHash: fields[1], date: fields[2], subject: fields[3])
        }
    }
}
