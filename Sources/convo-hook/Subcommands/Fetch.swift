import ArgumentParser
import HookKit

extension ConvoHook {
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch a remote's conversation notes and archive ref and merge them with yours.",
            discussion:
                "Fetches refs/notes/convo and refs/convo/archive into refs/convo-remotes/<remote>/ and merges them into the local refs: notes are united per commit, the archive keeps both chains under a merge commit. Nothing local is lost."
        )

        @Argument(help: "The git remote (default: git config convo.remote, else origin).")
        var remote: String?

        func run() throws {
            try reportingFailures {
                let lines = try ArchiveFetch(repository: Repository.openFromEnvironment()).run(remote: remote)
                print(lines.map { "convo-hook: " + $0 }.joined(separator: "\n"))
            }
        }
    }
}
