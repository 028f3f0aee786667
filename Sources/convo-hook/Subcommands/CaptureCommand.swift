import ArgumentParser
import HookKit

extension ConvoHook {
    struct Capture: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Capture this repository's new conversation lines, redacted, into the git dir; the next commit archives them."
        )

        @Option(help: "Only this source (claude, codex, aider, or a convo.sources name).")
        var source: String?

        @Option(help: "Only this session (its id, or a unique prefix of it).")
        var session: String?

        @Flag(help: "Read Claude Code's hook JSON on stdin and capture that session (never fails).")
        var hookInput = false

        func run() throws {
            if hookInput {
                ArchiveCapture.runFromClaudeHook(input: ProcessEnvironment.standardInput())
                return
            }
            try reportingFailures {
                print("convo-hook: " + (try ArchiveCapture.run(repository: Repository.openFromEnvironment(), source: source, session: session)))
            }
        }
    }
}
