import ArgumentParser
import HookKit

extension ConversationShow.Format: ExpressibleByArgument {}

extension ConvoHook {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the archived sessions, newest first, with the commits that carry them."
        )

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let entries = try ConversationLog.entries(repository: Repository.openForReading())
                print(json ? try ConversationLog.json(entries) : ConversationLog.text(entries))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a session (id or unique prefix), or the conversation lines a commit carries."
        )

        @Argument(help: "A session id or prefix, or a commit.")
        var target: String

        @Option(help: "md (for people) or jsonl (the archived records).")
        var format: ConversationShow.Format = .md

        func run() throws {
            try reportingFailures {
                print(try ConversationShow.render(target, format: format, repository: Repository.openForReading()))
            }
        }
    }
}
