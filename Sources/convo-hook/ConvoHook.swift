import ArgumentParser
import HookKit

@main
struct ConvoHook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convo-hook",
        abstract: "Keep AI coding conversations in git, tied to the commits they produced.",
        version: HookKit.version,
        subcommands: [
            Scan.self,
        ]
    )
}
