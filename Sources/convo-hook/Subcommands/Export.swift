import ArgumentParser
import HookKit

extension ConvoHook {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one redacted markdown page per archived session, and an index, into the knowledge base; or, with --html, the archive's browsable site.",
            discussion: """
                Pages are named YYYY-MM-DD-<slug>.md; index.md is written in the folder above the sessions folder. \
                With --html: a static site (index.html, a page per session and per commit that carries conversation, \
                digest.html for --range) that needs no network and works from file:// or any static host. \
                Re-running rewrites only pages that changed.
                """
        )

        @Flag(help: "Write the browsable HTML site instead of markdown.")
        var html = false

        @Option(help: "The output folder (default: knowledge-base/sessions, or convo-site with --html, in the worktree root).")
        var out: String?

        @Option(help: "With --html: only the sessions behind this range of commits (A..B, e.g. main..HEAD), and a digest page for it.")
        var range: String?

        @Option(help: "Only this session (its id, or a unique prefix of it).")
        var session: String?

        @Option(help: "Export a folder written by `sync --to DIR` (every repository in it) instead of this repository; needs --out.")
        var dir: String?

        func validate() throws {
            if dir != nil, out == nil { throw ValidationError("--dir needs --out (the folder the pages go to)") }
            if range != nil && !html { throw ValidationError("--range needs --html") }
            if range != nil && dir != nil { throw ValidationError("--range needs a repository's history, not --dir") }
        }

        func run() throws {
            try reportingFailures {
                if let dir, let out {
                    let mirror = try ConversationArchive.mirror(dir)
                    if html {
                        print("convo-hook: " + (try SiteExport.run(mirror: mirror, directory: out, session: session)).text)
                    } else {
                        print("convo-hook: " + (try KnowledgeBaseExport.run(mirror: mirror, directory: out, session: session)).text)
                    }
                    return
                }
                let repository = try Repository.openForReading()
                if html {
                    print("convo-hook: " + (try SiteExport(repository: repository).run(directory: out, range: range, session: session)).text)
                    return
                }
                let export = KnowledgeBaseExport(repository: repository)
                print("convo-hook: " + (try export.run(directory: out, session: session)).text)
            }
        }
    }
}
