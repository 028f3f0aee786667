import ArgumentParser
import HookKit

#if canImport(Glibc)
    import Glibc
#endif

extension ConvoHook {
    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the current redaction rules to archive history that is already committed.",
            discussion: """
                Ref mode (convo.mode=ref): rewrites refs/convo/archive as a new chain in which every archive line \
                holding a secret is redacted (lines without one keep their bytes) and part files take the names of \
                their new bytes; the old tip is kept under refs/convo/backup/… until you delete it. Tree mode: the \
                archive is part of your branches' history; this writes the secrets found to a file in the git \
                directory and prints the git filter-repo command that replaces them in every commit.
                """
        )

        @Flag(help: "Rewrite the archive's history (required: nothing is changed without it).")
        var rewrite = false

        func validate() throws {
            if !rewrite { throw ValidationError("redact changes history only with --rewrite") }
        }

        func run() throws {
            try reportingFailures {
                let repository = try Repository.openFromEnvironment()
                let settings = try ArchiveSettings(config: repository.config())
                guard let workdir = repository.workdir else { throw ArchiveError("redact --rewrite needs a repository with a working tree") }
                let redactor = try Redactor(config: settings.redaction)
                let rewrite = try ArchiveRewrite(directory: workdir, archiveRoot: settings.layout.root, redactor: redactor)
                switch settings.mode {
                case .ref:
                    let result = try rewrite.rewriteArchiveRef(now: Int64(time(nil)))
                    guard let backup = result.backupRef else {
                        print("convo-hook: no secret in \(ArchiveRewrite.archiveRef); nothing rewritten")
                        return
                    }
                    print(
                        "convo-hook: rewrote \(result.commitsRewritten) archive commit\(result.commitsRewritten == 1 ? "" : "s") (\(result.blobsRedacted) file\(result.blobsRedacted == 1 ? "" : "s") redacted); \(ArchiveRewrite.archiveRef) is now \(result.newTip!.prefix(12))"
                    )
                    print("convo-hook: the old history stays under \(backup) until you delete it: git update-ref -d \(backup)")
                    print(
                        "convo-hook: warning: a remote that already has the old \(ArchiveRewrite.archiveRef) keeps the secrets; push with --force (git push --force <remote> \(ArchiveRewrite.archiveRef)) and rotate them"
                    )
                case .tree:
                    let findings = try HistoryScan(directory: workdir, archiveRoot: settings.layout.root, redactor: redactor).findings()
                    guard !findings.isEmpty else {
                        print("convo-hook: no secret in the archive's history; nothing to rewrite")
                        return
                    }
                    let (file, command) = try rewrite.treeModeCommand(findings: findings, gitDir: repository.commonDir)
                    let commits = Set(findings.flatMap(\.commits)).count
                    print(
                        "convo-hook: \(findings.count) secret\(findings.count == 1 ? "" : "s") in archive files of \(commits) commit\(commits == 1 ? "" : "s"); their text is in \(file)"
                    )
                    print("convo-hook: to remove them from every commit, run (https://github.com/newren/git-filter-repo):")
                    print("  " + command)
                    print(
                        "convo-hook: warning: this rewrites the history of every branch that holds those commits (new commit ids); anyone who cloned or pulled keeps the old ones, and a remote keeps them until you force-push and its caches expire: rotate the secrets. Delete \(file) afterwards: it holds them."
                    )
                    print("convo-hook: the replacements are exactly the secrets found in the archive folder; git filter-repo --path would drop every other file, so it is not used")
                }
            }
        }
    }
}
