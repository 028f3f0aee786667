/// Where to look: all paths absolute, no trailing slash. An empty path means "absent".
public struct SourceContext: Sendable {
    /// Worktree root of the repository being committed.
    public var repoRoot: String
    /// Other linked worktrees of the same repository (may be empty).
    public var worktreeRoots: [String]
    /// `$CLAUDE_CONFIG_DIR` or `$HOME/.claude`; empty when neither is known.
    public var claudeConfigDir: String
    /// `$CODEX_HOME` or `$HOME/.codex`; empty when neither is known.
    public var codexHome: String
    /// Values of git config `convo.sources` (`NAME=GLOB` or `GLOB`).
    public var customSources: [String]
    /// `$HOME`, used to expand `~/` in custom globs; nil when unknown.
    public var homeDir: String?
    /// Where the other assistants keep their files (see `ToolHomes`); empty paths when unknown.
    public var homes: ToolHomes

    /// Creates a context; paths are used as given except that trailing slashes are removed.
    public init(
        repoRoot: String, worktreeRoots: [String] = [], claudeConfigDir: String, codexHome: String,
        customSources: [String] = [], homeDir: String? = nil, homes: ToolHomes = ToolHomes()
    ) {
        self.repoRoot = SourceContext.trimmed(repoRoot)
        self.worktreeRoots = worktreeRoots.map(SourceContext.trimmed).filter { !$0.isEmpty }
        self.claudeConfigDir = SourceContext.trimmed(claudeConfigDir)
        self.codexHome = SourceContext.trimmed(codexHome)
        self.customSources = customSources
        self.homeDir = homeDir.map(SourceContext.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        self.homes = homes
    }

    /// Builds one from an environment dictionary (`HOME`, `CLAUDE_CONFIG_DIR`, `CODEX_HOME`, and the
    /// variables `ToolHomes` reads).
    /// Relative or empty values are ignored; with no `HOME` and nothing else set, the Claude and
    /// Codex sources are simply absent (empty paths).
    public static func from(
        environment: [String: String], repoRoot: String, worktreeRoots: [String],
        customSources: [String]
    ) -> SourceContext {
        func absolute(_ key: String) -> String? {
            guard let value = environment[key], value.hasPrefix("/") else { return nil }
            return trimmed(value)
        }
        let home = absolute("HOME")
        let claude = absolute("CLAUDE_CONFIG_DIR") ?? home.map { joined($0, ".claude") } ?? ""
        let codex = absolute("CODEX_HOME") ?? home.map { joined($0, ".codex") } ?? ""
        return SourceContext(
            repoRoot: repoRoot, worktreeRoots: worktreeRoots, claudeConfigDir: claude,
            codexHome: codex, customSources: customSources, homeDir: home,
            homes: ToolHomes(environment: environment))
    }

    /// The repository root followed by the worktree roots, without duplicates or empties.
    public var allRoots: [String] {
        var seen = Set<String>()
        return ([repoRoot] + worktreeRoots).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    package static func trimmed(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    package static func joined(_ dir: String, _ name: String) -> String {
        dir == "/" ? "/" + name : dir + "/" + name
    }
}
