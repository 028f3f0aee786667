import ArgumentParser
import FoundationEssentials
import HookKit

extension ConvoHook {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether convo-hook is installed, its hooks folder, chained hooks and settings."
        )

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let status = try InstallStatus(repository: Repository.openFromEnvironment())
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: try encoder.encode(status), as: UTF8.self))
                } else {
                    print(status.text)
                }
            }
        }
    }
}
