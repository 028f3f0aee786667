/// Where Gemini CLI, Copilot CLI, Cursor, OpenCode, Amp and Cline keep their files, from the environment
/// variables each tool itself reads (its own override first, then the XDG base directory, then `$HOME`).
/// All paths absolute without a trailing slash; an empty path means "unknown" (no HOME and no override).
public struct ToolHomes: Sendable, Equatable {
    /// `$GEMINI_CLI_HOME` or `$HOME`: Gemini CLI's files are in `<geminiHome>/.gemini`.
    public var geminiHome: String
    /// `$COPILOT_HOME` or `$HOME/.copilot`.
    public var copilotHome: String
    /// `$CURSOR_CONFIG_DIR` or `$HOME/.cursor`.
    public var cursorConfigDir: String
    /// `$XDG_DATA_HOME` or `$HOME/.local/share` (OpenCode's `opencode/`, Amp's `amp/`).
    public var dataHome: String
    /// Cline's data folders: `$CLINE_DATA_DIR`, else `$CLINE_DIR/data`, else `$HOME/.cline/data`; then the VS
    /// Code extension's global storage (`$XDG_CONFIG_HOME` or `$HOME/.config`, `<editor>/User/globalStorage/
    /// saoudrizwan.claude-dev`), which holds the same layout.
    public var clineDataDirs: [String]
    /// `$CLINE_SESSION_DATA_DIR`: where the Cline SDK (2026) keeps its sessions instead of `<data dir>/sessions`.
    public var clineSessionsDir: String

    /// The editors whose global storage may hold Cline's VS Code extension data.
    static let clineEditors = ["Code", "Code - Insiders", "VSCodium"]
    static let clineExtension = "saoudrizwan.claude-dev"

    public init(
        geminiHome: String = "", copilotHome: String = "", cursorConfigDir: String = "", dataHome: String = "", clineDataDirs: [String] = [],
        clineSessionsDir: String = ""
    ) {
        self.geminiHome = SourceContext.trimmed(geminiHome)
        self.copilotHome = SourceContext.trimmed(copilotHome)
        self.cursorConfigDir = SourceContext.trimmed(cursorConfigDir)
        self.dataHome = SourceContext.trimmed(dataHome)
        self.clineDataDirs = clineDataDirs.map(SourceContext.trimmed).filter { !$0.isEmpty }
        self.clineSessionsDir = SourceContext.trimmed(clineSessionsDir)
    }

    /// From an environment dictionary; relative or empty values are ignored, as the tools ignore them.
    public init(environment: [String: String]) {
        func absolute(_ key: String) -> String? {
            guard let value = environment[key], value.hasPrefix("/") else { return nil }
            return SourceContext.trimmed(value)
        }
        let home = absolute("HOME")
        func under(_ path: String) -> String { home.map { SourceContext.joined($0, path) } ?? "" }
        var cline: [String] = []
        if let dir = absolute("CLINE_DATA_DIR") {
            cline.append(dir)
        } else if let dir = absolute("CLINE_DIR") {
            cline.append(SourceContext.joined(dir, "data"))
        } else if let home {
            cline.append(SourceContext.joined(home, ".cline/data"))
        }
        if let config = absolute("XDG_CONFIG_HOME") ?? home.map({ SourceContext.joined($0, ".config") }) {
            for editor in ToolHomes.clineEditors {
                cline.append(config + "/" + editor + "/User/globalStorage/" + ToolHomes.clineExtension)
            }
        }
        self.init(
            geminiHome: absolute("GEMINI_CLI_HOME") ?? home ?? "",
            copilotHome: absolute("COPILOT_HOME") ?? under(".copilot"),
            cursorConfigDir: absolute("CURSOR_CONFIG_DIR") ?? under(".cursor"),
            dataHome: absolute("XDG_DATA_HOME") ?? under(".local/share"),
            clineDataDirs: cline, clineSessionsDir: absolute("CLINE_SESSION_DATA_DIR") ?? "")
    }
}
