import ArgumentParser
import HookKit

extension ConvoHook {
    struct Capture: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Capture this repository's new conversation lines, redacted, into the git dir; the next commit archives them."
        )

        @Option(help: "Only this source (claude, codex, aider, gemini, copilot, cursor, opencode, amp, cline, or a convo.sources name).")
        var source: String?

        @Option(help: "Only this session (its id, or a unique prefix of it).")
        var session: String?

        @Flag(help: "Read an assistant's hook JSON on stdin and capture that session (never fails): Claude Code's, or with --source gemini, copilot or cursor theirs.")
        var hookInput = false

        func run() throws {
            if hookInput {
                ArchiveCapture.runFromHook(input: ProcessEnvironment.standardInput(), source: source ?? "claude")
                return
            }
            try reportingFailures {
                print("convo-hook: " + (try ArchiveCapture.run(repository: Repository.openFromEnvironment(), source: source, session: session)))
            }
        }
    }
}
