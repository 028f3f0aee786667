import FoundationEssentials
import HookCore

/// `convo-hook capture`: keeps this worktree's new lines, redacted, in the git dir until the next commit
/// puts them into the archive. The worktree and the index are not touched.
public enum ArchiveCapture {
    /// Captures this worktree's sessions (optionally one source / one session id or unique prefix).
    /// Returns a one-line summary. `sessionEnded` also takes a last line still waiting for its newline.
    public static func run(repository: Repository, source: String? = nil, session: String? = nil, sessionEnded: Bool = false) throws -> String {
        let workspace = try Workspace(repository: repository)
        if let source, workspace.source(named: source) == nil {
            throw UsageError("unknown source '\(source)' (known: \(workspace.sources.map(\.name).joined(separator: ", ")))")
        }
        let sessions = workspace.sessions(source: source, session: session)
        if let session, sessions.isEmpty {
            throw ArchiveError("no session '\(session)' of this repository\(source.map { " from \($0)" } ?? "")")
        }
        workspace.recoverState(of: sessions, from: try workspace.listing())
        let captured = workspace.capture(sessions, sessionEnded: sessionEnded, progress: true)
        try workspace.saveState()
        guard !captured.isEmpty else { return "nothing new in \(sessions.count) sessions" }
        workspace.invalidateFastPath()
        let lines = captured.values.reduce(0, +)
        return "captured \(lines) new lines of \(captured.count) sessions; the next commit archives them into \(workspace.settings.layout.root)"
    }

    /// The fields of Claude Code's hook input (stdin JSON) that capture uses.
    struct ClaudeHookInput: Decodable {
        var session_id: String
        var transcript_path: String?
        var cwd: String?
        var hook_event_name: String?
    }

    /// Captures the session named in Claude Code's hook JSON. Never throws: Claude must never be blocked,
    /// so a failure is one line on stderr.
    public static func runFromClaudeHook(input: [UInt8]) {
        do {
            guard let hook = try? JSONDecoder().decode(ClaudeHookInput.self, from: Data(input)) else {
                throw ArchiveError("the hook input on stdin is not Claude Code's hook JSON (session_id and cwd)")
            }
            guard let cwd = hook.cwd else { throw ArchiveError("hook input has no cwd") }
            let repository = try Repository.discover(from: cwd)
            _ = try run(repository: repository, source: "claude", session: hook.session_id, sessionEnded: hook.hook_event_name == "SessionEnd")
        } catch {
            Diagnostics.error("capture from Claude Code hook: \(FailureMessage.text(error))")
        }
    }
}

/// Wrong usage of a command (an unknown name, a bad value): exit status 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
