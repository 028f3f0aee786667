import ArgumentParser
import Glibc
import HookKit

@main
struct ConvoHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convo-hook",
        abstract: "Keep AI coding conversations in git, tied to the commits they produced.",
        version: HookKit.version,
        subcommands: [
            Install.self,
            Uninstall.self,
            Status.self,
            Capture.self,
            Commit.self,
            Log.self,
            Show.self,
            Stats.self,
            Export.self,
            Serve.self,
            Fetch.self,
            Sync.self,
            Scan.self,
            Redact.self,
            Search.self,
            Restore.self,
            Why.self,
            History.self,
            Prompts.self,
            Hook.self,
        ]
    )
}

extension ConvoHook {
    /// `convo-hook hook <name> …` is what git runs on every commit: it skips ArgumentParser's
    /// reflection-heavy parsing (about 4 ms of a hook's start) and goes straight to the hook.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count >= 2, arguments[0] == "hook", let hook = HookRunner.name(arguments[1]) {
            Glibc.exit(HookRunner.run(hook, arguments: Array(arguments.dropFirst(2))))
        }
        Glibc.exit(FailureReport.run(arguments))
    }
}

/// Runs a subcommand body; a failure becomes one `convo-hook: …` line on stderr and git's exit
/// status for it (1, or 128 outside a repository). Wrong usage is left to `FailureReport` (status 2).
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch  where FailureReport.isUsage(error) {
        throw error
    } catch {
        Diagnostics.error(FailureMessage.text(error))
        throw ExitCode(FailureMessage.exitStatus(error))
    }
}
