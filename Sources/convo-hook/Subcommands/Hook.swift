import ArgumentParser
import HookKit

extension ConvoHook {
    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one git hook (called by the installed shims)."
        )

        @Argument(help: "The hook: \(HookRunner.Name.allCases.map(\.rawValue).joined(separator: ", ")).")
        var name: String

        @Argument(parsing: .captureForPassthrough, help: "The arguments git passed to the hook.")
        var arguments: [String] = []

        func run() throws {
            guard let hook = HookRunner.name(name) else {
                Diagnostics.error("unknown hook '\(name)' (known: \(HookRunner.Name.allCases.map(\.rawValue).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            let status = HookRunner.run(hook, arguments: arguments)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
