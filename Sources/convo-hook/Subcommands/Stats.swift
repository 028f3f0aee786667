import ArgumentParser
import HookKit

extension ConversationStats.Grouping: ExpressibleByArgument {}

extension ConvoHook {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tokens and cost of the archived sessions, by session, commit, branch, model or day.",
            discussion: """
                Tokens are counted once per API message, from the last line that reported it. A commit is charged \
                for the messages whose last line it carries; a branch is the one the records name. Cost uses the \
                built-in price table (dated) with git config convo.prices on top (MODEL=INPUT,OUTPUT[,CACHE_READ[,CACHE_WRITE]] \
                in dollars per million tokens, or a JSON file of the same shape as the built-in table).
                """
        )

        @Option(help: "session, commit, branch, model or day.")
        var by: ConversationStats.Grouping = .session

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            try reportingFailures {
                let rows = try ConversationStats.rows(by: by, repository: Repository.openForReading())
                print(json ? try ConversationStats.json(rows) : ConversationStats.table(rows, by: by))
            }
        }
    }
}
