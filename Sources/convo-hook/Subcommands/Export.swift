import ArgumentParser
import HookKit

extension ConvoHook {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one redacted markdown page per archived session, and an index, into the knowledge base.",
            discussion: "Pages are named YYYY-MM-DD-<slug>.md; index.md is written in the folder above the sessions folder. Re-running rewrites only pages that changed."
        )

        @Option(help: "The sessions folder (default: knowledge-base/sessions in the worktree root).")
        var out: String?

        @Option(help: "Only this session (its id, or a unique prefix of it).")
        var session: String?

        @Option(help: "Export a folder written by `sync --to DIR` (every repository in it) instead of this repository; needs --out.")
        var dir: String?

        func validate() throws {
            if dir != nil, out == nil { throw ValidationError("--dir needs --out (the folder the pages go to)") }
        }

        func run() throws {
            try reportingFailures {
                if let dir, let out {
                    print("convo-hook: " + (try KnowledgeBaseExport.run(mirror: ConversationArchive.mirror(dir), directory: out, session: session)).text)
                    return
                }
                let export = KnowledgeBaseExport(repository: try Repository.openForReading())
                print("convo-hook: " + (try export.run(directory: out, session: session)).text)
            }
        }
    }
}
