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

        @Option(help: "List a folder written by `sync --to DIR` (every repository in it) instead of this repository.")
        var dir: String?

        func run() throws {
            try reportingFailures {
                let entries =
                    try dir.map { try ConversationLog.entries(ConversationArchive.mirror($0), prices: .builtin) }
                    ?? ConversationLog.entries(repository: Repository.openForReading())
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

        @Option(help: "Show a session of a folder written by `sync --to DIR` (<repo>/<source>/<id> when ids repeat).")
        var dir: String?

        func run() throws {
            try reportingFailures {
                if let dir {
                    print(try ConversationShow.render(target, format: format, mirror: ConversationArchive.mirror(dir)))
                    return
                }
                print(try ConversationShow.render(target, format: format, repository: Repository.openForReading()))
            }
        }
    }
}
