import ArgumentParser
import HookKit

#if canImport(Glibc)
    import Glibc
#endif

extension ConvoHook {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan files or folders for secrets; exit 1 when one is found.",
            discussion: "Prints path:line:rule-id: <first 4 characters>… for each secret. Exit 0 when clean, 1 when a secret is found, 2 when a path is missing."
        )

        @Flag(help: "Print the findings as a JSON array.")
        var json = false

        @Argument(help: "Files or folders to scan (folders recursively).")
        var paths: [String]

        func run() throws {
            // Inside a repository its convo.redact patterns and convo.allow exceptions apply, as when archiving.
            let config = (try? Repository.openFromEnvironment()).flatMap { try? ArchiveSettings(config: $0.config()).redaction } ?? RedactionConfig()
            let code = SecretScan.run(
                paths: paths, json: json, config: config,
                out: { print($0) },
                err: { line in
                    let bytes = Array((line + "\n").utf8)
                    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                }
            )
            if code != 0 { throw ExitCode(code) }
        }
    }
}
