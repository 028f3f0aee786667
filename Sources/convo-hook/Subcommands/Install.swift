import ArgumentParser
import HookKit

extension ArchiveMode: ExpressibleByArgument {}

extension ConvoHook {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install convo-hook's git hooks in this repository (existing hooks keep running)."
        )

        @Flag(help: "Fail the commit when convo-hook fails (sets convo.strict=true).")
        var strict = false

        @Option(help: "Where the archive lives: tree (committed with the code) or ref (refs/convo/archive).")
        var mode: ArchiveMode?

        @Flag(help: "Also capture from Claude Code's Stop, PreCompact and SessionEnd hooks (.claude/settings.local.json).")
        var claude = false

        @Flag(help: "Also write the Claude Code command /extract (.claude/commands/extract.md): it turns a session into a knowledge-base note.")
        var extractCommand = false

        @Flag(help: "Also capture from Gemini CLI's AfterAgent and SessionEnd hooks (~/.gemini/settings.json, for this machine).")
        var gemini = false

        @Flag(help: "Also capture from Copilot CLI's agentStop and sessionEnd hooks (~/.copilot/hooks/convo-hook.json, for this machine).")
        var copilot = false

        @Flag(help: "Also capture from Cursor's stop and sessionEnd hooks (~/.cursor/hooks.json, for this machine).")
        var cursor = false

        func run() throws {
            try reportingFailures {
                let repository = try Repository.openFromEnvironment()
                let installer = Installer(repository: repository, environment: ProcessEnvironment.current)
                let tools = [("gemini", gemini), ("copilot", copilot), ("cursor", cursor)].filter(\.1).map(\.0)
                let changes = try installer.install(
                    InstallOptions(strict: strict, mode: mode, claude: claude, extractCommand: extractCommand, toolHooks: tools))
                print(changes.isEmpty ? "convo-hook: already installed, nothing changed" : changes.map { "convo-hook: \($0)" }.joined(separator: "\n"))
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove convo-hook's hooks and settings, restoring what was there before."
        )

        func run() throws {
            try reportingFailures {
                let repository = try Repository.openFromEnvironment()
                let installer = Installer(repository: repository, environment: ProcessEnvironment.current)
                let changes = try installer.uninstall()
                print(changes.isEmpty ? "convo-hook: not installed, nothing changed" : changes.map { "convo-hook: \($0)" }.joined(separator: "\n"))
            }
        }
    }
}
