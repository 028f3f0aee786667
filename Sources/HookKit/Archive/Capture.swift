import FoundationEssentials
import HookCore

/// `convo-hook capture`: archive sessions into the worktree without staging them (Strategy 1).
public enum ArchiveCapture {
    /// Captures this worktree's sessions (optionally one source / one session id or unique prefix).
    /// Returns a one-line summary.
    public static func run(repository: Repository, source: String? = nil, session: String? = nil) throws -> String {
        let workspace = try Workspace(repository: repository)
        let sessions = workspace.sessions(source: source, session: session)
        if let session, sessions.isEmpty {
            throw ArchiveError("no session '\(session)' of this repository\(source.map { " from \($0)" } ?? "")")
        }
        let written = try workspace.capture(sessions, progress: true)
        try workspace.saveState()
        if !written.isEmpty { workspace.invalidateFastPath() }
        let touched = Set(written.filter { $0.hasSuffix("/meta.json") }).count
        return written.isEmpty ? "nothing new in \(sessions.count) sessions" : "archived new lines of \(touched) sessions (\(written.count) files) into \(workspace.settings.layout.root)"
    }

    /// The fields of Claude Code's hook input (stdin JSON) that capture uses.
    struct ClaudeHookInput: Decodable {
        var session_id: String
        var transcript_path: String?
        var cwd: String?
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
            _ = try run(repository: repository, source: "claude", session: hook.session_id)
        } catch {
            Diagnostics.error("capture from Claude Code hook: \(FailureMessage.text(error))")
        }
    }
}
