import ArgumentParser
import HookKit

extension ConvoHook {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every session that read or changed a file (renames followed), newest first, with its prompts and commits."
        )

        @Argument(help: "The file (its current name, or any name git log --follow knows).")
        var path: String

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let history = try FileHistory.of(path, repository: Repository.openForReading())
                print(json ? history.json : history.text)
            }
        }
    }
}
