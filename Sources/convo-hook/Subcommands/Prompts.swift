import ArgumentParser
import HookKit

extension SessionPrompts.Format: ExpressibleByArgument {}

extension ConvoHook {
    struct Prompts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The prompts a person typed in a session, in order, with the files each referenced; or a script replaying them.",
            discussion: """
                Text the assistant's tool put on the user's side (system reminders, command output, AGENTS.md, \
                environment context) and subagents' instructions are left out. --format sh prints a POSIX sh \
                script that replays the prompts headlessly with the session's tool (claude -p, then --continue; \
                codex exec, then exec resume --last; aider --message), one step after the other.
                """
        )

        @Argument(help: "The session: its id, a unique prefix of it, or source/id.")
        var session: String

        @Option(help: "md (for people) or sh (a replay script).")
        var format: SessionPrompts.Format = .md

        @Flag(help: "Include the specifications each prompt referenced (specs/, documents) as they were when it was typed.")
        var withSpecs = false

        func run() throws {
            try reportingFailures {
                print(try PromptsCommand.run(session, format: format, specs: withSpecs, repository: Repository.openForReading()), terminator: "")
            }
        }
    }
}
