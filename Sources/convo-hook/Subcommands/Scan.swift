import ArgumentParser
import HookKit

extension ConvoHook {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan files or folders for secrets; exit 1 when one is found."
        )

        @Argument(help: "Files or folders to scan.")
        var paths: [String]

        func run() throws {
            throw ValidationError("scan is not implemented yet")
        }
    }
}
