import ArgumentParser
import HookKit

extension ConvoHook {
    struct Commit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Capture, then commit only the archive's new lines on the current branch (your staged changes stay staged)."
        )

        @Option(name: .shortAndLong, help: "The commit message (default: chore: archive conversation for <session title>).")
        var message: String?

        @Option(help: "Only this session (its id, or a unique prefix of it).")
        var session: String?

        func validate() throws {
            if let message, message.allSatisfy(\.isWhitespace) { throw ValidationError("the commit message is empty") }
        }

        func run() throws {
            try reportingFailures {
                print("convo-hook: " + (try ArchiveCommit.run(repository: Repository.openFromEnvironment(), message: message, session: session)))
            }
        }
    }
}
