import ArgumentParser
import Glibc
import HookKit

extension ConvoHook {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the archive's site on 127.0.0.1 for a quick look, rendered from the archive on each request.",
            discussion: "Only loopback; nothing is written to disk. The pages are those of export --html. Ctrl-C stops it."
        )

        @Option(help: "The port on 127.0.0.1 (0: any free port).")
        var port: UInt16 = 8000

        func run() throws {
            try reportingFailures {
                let repository = try Repository.openFromEnvironment()
                // Fails here, before listening, when the archive cannot be read at all.
                _ = try ArchiveSite(repository: repository)
                let server = try SiteServer(port: port)
                print("convo-hook: serving the archive's site at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
                fflush(nil)
                server.serve(
                    { path in
                        let site = try ArchiveSite(repository: repository)
                        defer { site.saveCache() }
                        return try site.page(at: path)
                    },
                    failure: { Diagnostics.error($0) })
            }
        }
    }
}
