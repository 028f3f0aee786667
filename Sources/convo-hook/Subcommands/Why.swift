import ArgumentParser
import HookKit

extension ConvoHook {
    struct Why: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Why is this line here: the prompt and tool call that wrote each line, or \"by hand\".",
            discussion: """
                git blame (-w -M -C, renames followed) names each line's commit; among the sessions that commit \
                carries, the tool call that wrote the line is found by its text (whitespace aside; a line changed \
                later is followed back to the version a tool wrote). Shows the prompt a person typed before the call, \
                the assistant's words right before it, its thinking (folded), the session, the time and the commit.
                """
        )

        @Argument(help: "FILE, FILE:LINE or FILE:LINE,END.")
        var target: String

        @Flag(help: "Print JSON for scripts.")
        var json = false

        @Flag(help: "Leave the assistant's thinking out.")
        var noThinking = false

        func run() throws {
            try reportingFailures {
                print(try WhyCommand.run(target, json: json, thinking: !noThinking, repository: Repository.openForReading()))
            }
        }
    }
}
