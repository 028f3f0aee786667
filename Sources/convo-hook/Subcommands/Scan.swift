import ArgumentParser
import HookKit

#if canImport(Glibc)
    import Glibc
#endif

extension ConvoHook {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan files or folders, or the archive's whole git history, for secrets; exit 1 when one is found.",
            discussion: """
                Prints path:line:rule-id: <first 4 characters>… for each secret. With --history, scans every archive \
                blob reachable from any ref (branches, tags, refs/convo/archive) and the notes on refs/notes/convo, \
                and names the commits that brought each one in. Exit 0 when clean, 1 when a secret is found, 2 when \
                a path is missing.
                """
        )

        @Flag(help: "Print the findings as a JSON array.")
        var json = false

        @Flag(help: "Scan the archive in every commit of the repository instead of files.")
        var history = false

        @Argument(help: "Files or folders to scan (folders recursively).")
        var paths: [String] = []

        func validate() throws {
            if history && !paths.isEmpty { throw ValidationError("--history scans the repository; give no paths") }
            if !history && paths.isEmpty { throw ValidationError("give files or folders to scan, or --history") }
        }

        func run() throws {
            if history { return try runHistory() }
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

        private func runHistory() throws {
            var found: [HistoryScan.Finding] = []
            try reportingFailures {
                let repository = try Repository.openFromEnvironment()
                let settings = try ArchiveSettings(config: repository.config())
                guard let workdir = repository.workdir else { throw ArchiveError("scan --history needs a repository with a working tree") }
                let scan = try HistoryScan(directory: workdir, archiveRoot: settings.layout.root, redactor: try Redactor(config: settings.redaction))
                found = try scan.findings()
            }
            if json {
                let items = found.map {
                    #"{"commits":[\#($0.commits.map { JSONText.quoted($0) }.joined(separator: ",")),"path":\#(JSONText.quoted($0.path)),"line":\#($0.line),"rule":\#(JSONText.quoted($0.ruleID)),"secret":\#(JSONText.quoted($0.masked))}"#
                }
                print("[" + items.joined(separator: ",") + "]")
            } else {
                for f in found { print(f.textLine) }
                if !found.isEmpty {
                    print("convo-hook: \(found.count) secret\(found.count == 1 ? "" : "s") in archive history; `convo-hook redact --rewrite` cleans them up (rotate them anyway)")
                }
            }
            if !found.isEmpty { throw ExitCode(1) }
        }
    }
}
