import ArgumentParser
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
            Export.self,
            Sync.self,
            Scan.self,
            Search.self,
            Hook.self,
        ]
    )
}

/// Runs a subcommand body; a failure becomes one `convo-hook: …` line on stderr and exit status 1.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Diagnostics.error("\(error)")
        throw ExitCode.failure
    }
}
