import ArgumentParser
import HookKit

extension ConvoHook {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the archive off the machine: to one git remote, a folder, or rclone storage.",
            discussion:
                "Before anything is sent, the archive is scanned with the current redaction rules; a finding stops the sync. Without options, pushes to the remote in git config convo.remote."
        )

        @Option(help: "Push refs/convo/* and refs/notes/convo to this git remote (default: git config convo.remote).")
        var remote: String?

        @Option(help: "Mirror the archive (and knowledge-base/) into DIR/<repo-name>/, or copy it to an rclone remote:path.")
        var to: String?

        func run() throws {
            try reportingFailures {
                let lines = try Syncer(repository: Repository.openFromEnvironment()).run(remote: remote, to: to)
                print(lines.map { "convo-hook: " + $0 }.joined(separator: "\n"))
            }
        }
    }
}
