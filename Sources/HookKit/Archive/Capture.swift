import HookCore

/// `convo-hook capture`: keeps this worktree's new lines, redacted, in the git dir until the next commit
/// puts them into the archive. The worktree and the index are not touched.
public enum ArchiveCapture {
    /// Captures this worktree's sessions (optionally one source / one session id or unique prefix).
    /// Returns a one-line summary. `sessionEnded` also takes a last line still waiting for its newline.
    public static func run(repository: Repository, source: String? = nil, session: String? = nil, sessionEnded: Bool = false) throws -> String {
        try capture(repository: repository, source: source, session: session, sessionEnded: sessionEnded).summary
    }

    /// `run`, with the settings it read.
    private static func capture(
        repository: Repository, source: String? = nil, session: String? = nil, sessionEnded: Bool = false
    ) throws -> (summary: String, settings: ArchiveSettings) {
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
        guard !captured.isEmpty else { return ("nothing new in \(sessions.count) sessions", workspace.settings) }
        workspace.invalidateFastPath()
        let lines = captured.values.reduce(0, +)
        return (
            "captured \(lines) new lines of \(captured.count) sessions; the next commit archives them into \(workspace.settings.layout.root)",
            workspace.settings
        )
    }

    /// Captures the session named in an assistant's hook JSON (stdin): Claude Code's and Gemini CLI's
    /// `{session_id, cwd, hook_event_name}`, Copilot CLI's `{sessionId, cwd}` (or its VS Code-style snake_case),
    /// Cursor's `{conversation_id, workspace_roots, hook_event_name}`. A session the source does not find under
    /// that id is captured with the source's other sessions of the repository. Never throws: the assistant must
    /// never be blocked, so a failure is one line on stderr. The tools other than Claude Code register this once
    /// per machine: it does nothing in a repository where convo-hook is not installed.
    public static func runFromHook(input: [UInt8], source: String = "claude") {
        let tool = ["claude": "Claude Code", "gemini": "Gemini CLI", "copilot": "Copilot CLI", "cursor": "Cursor"][source] ?? source
        do {
            let hook = JSONDocument.parse(input)?.root
            let session = hook?["session_id"]?.string ?? hook?["sessionId"]?.string ?? hook?["conversation_id"]?.string
            var cwd = hook?["cwd"]?.string ?? hook?["workspace_roots"]?.elements.first?.string
            if source == "claude" {
                guard hook?["session_id"]?.string != nil, cwd != nil else {
                    throw ArchiveError("the hook input on stdin is not Claude Code's hook JSON (session_id and cwd)")
                }
            } else {
                guard let hook, hook.kind == .object else { throw ArchiveError("the hook input on stdin is not \(tool)'s hook JSON") }
                cwd = cwd ?? FileSystem.currentDirectory()
            }
            guard let cwd else { throw ArchiveError("hook input has no cwd") }
            let event = hook?["hook_event_name"]?.string ?? hook?["hookEventName"]?.string
            let repository = try Repository.discover(from: cwd)
            if source != "claude", !FileSystem.exists(repository.commonDir + "/convo-hook/install.json") { return }
            let ended = ["SessionEnd", "sessionEnd"].contains(event ?? "")
            let settings: ArchiveSettings
            do {
                settings = try capture(repository: repository, source: source, session: session, sessionEnded: ended).settings
            } catch let error as ArchiveError where source != "claude" && session != nil && error.description.hasPrefix("no session") {
                settings = try capture(repository: repository, source: source, sessionEnded: ended).settings
            }
            // Between turns, not in a commit: what the session's calls wrote goes into the cache post-commit
            // counts attribution from, for sessions archived with more at once than a commit reads.
            if let session, let workdir = repository.workdir, settings.mode == .tree {
                HookAttribution.catchUp(
                    sessions: [source + "/" + ArchiveLayout.sanitize(session)], base: workdir, archiveRoot: settings.layout.root,
                    stateDir: repository.convoStateDirectory, budget: ended ? 8 << 20 : 512 << 10)
            }
        } catch {
            Diagnostics.error("capture from \(tool) hook: \(FailureMessage.text(error))")
        }
    }
}

/// Wrong usage of a command (an unknown name, a bad value): exit status 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
