import ArgumentParser
import HookKit

extension ConvoHook {
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an archived session back where its assistant resumes it (claude --resume, codex resume)."
        )

        @Argument(help: "The session: its id, a unique prefix of it, or source/id.")
        var session: String

        @Option(help: "The working directory the session continues in (default: this worktree).")
        var cwd: String?

        @Flag(help: "Replace a transcript that exists and differs from the archive.")
        var force = false

        func run() throws {
            try reportingFailures {
                let lines = try SessionRestore.run(repository: Repository.openForReading(), query: session, cwd: cwd, force: force)
                print(lines.map { "convo-hook: " + $0 }.joined(separator: "\n"))
            }
        }
    }
}
