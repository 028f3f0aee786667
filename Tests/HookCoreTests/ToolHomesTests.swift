import Testing

@testable import HookCore

/// Where the other assistants live, from the variables each tool reads itself.
@Suite struct ToolHomesTests {
    @Test func defaultsUnderHome() {
        let homes = ToolHomes(environment: ["HOME": "/home/u/"])
        #expect(homes.geminiHome == "/home/u" && homes.copilotHome == "/home/u/.copilot" && homes.cursorConfigDir == "/home/u/.cursor")
        #expect(homes.dataHome == "/home/u/.local/share")
        #expect(homes.clineDataDirs.first == "/home/u/.cline/data")
        #expect(homes.clineDataDirs.dropFirst().first == "/home/u/.config/Code/User/globalStorage/saoudrizwan.claude-dev")
        #expect(ToolHomes(environment: [:]) == ToolHomes(), "no HOME: every tool unknown, nothing looked for")
    }

    @Test func eachToolsOwnVariableWins() {
        let homes = ToolHomes(environment: [
            "HOME": "/home/u", "GEMINI_CLI_HOME": "/g", "COPILOT_HOME": "/c", "CURSOR_CONFIG_DIR": "/cur", "XDG_DATA_HOME": "/data",
            "CLINE_DIR": "/cline", "CLINE_SESSION_DATA_DIR": "/sessions", "XDG_CONFIG_HOME": "relative/ignored",
        ])
        #expect(
            homes
                == ToolHomes(
                    geminiHome: "/g", copilotHome: "/c", cursorConfigDir: "/cur", dataHome: "/data",
                    clineDataDirs: [
                        "/cline/data", "/home/u/.config/Code/User/globalStorage/saoudrizwan.claude-dev",
                        "/home/u/.config/Code - Insiders/User/globalStorage/saoudrizwan.claude-dev", "/home/u/.config/VSCodium/User/globalStorage/saoudrizwan.claude-dev",
                    ], clineSessionsDir: "/sessions"))
        #expect(ToolHomes(environment: ["HOME": "/h", "CLINE_DATA_DIR": "/d", "CLINE_DIR": "/ignored"]).clineDataDirs.first == "/d")
    }
}
