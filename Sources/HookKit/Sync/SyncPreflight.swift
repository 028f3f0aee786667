import HookCore

/// The scan that runs before anything leaves the machine: every file of the archive (and of the
/// exported knowledge base), and every blob at the tip of the refs a git sync pushes, with the
/// current redaction rules. The first finding stops the sync (fail closed), naming file and rule.
struct SyncPreflight {
    let redactor: Redactor

    /// Throws for the first secret found in `files` (absolute paths, shown as the relative ones).
    func check(files: [(relative: String, absolute: String)]) throws {
        let scan = SecretScan(redactor: redactor)
        for file in files {
            var found: ScanFinding?
            do {
                try scan.scanFile(file.absolute) { if found == nil { found = $0 } }
            } catch {
                throw SyncError("cannot scan \(file.relative) before syncing (\(error)); nothing synced")
            }
            if let found { throw SyncPreflight.stop(file.relative, found.line, found.ruleID) }
        }
    }

    /// Throws for the first secret in the blobs of the trees at the tips of `refs`.
    func check(refs: [String], git: GitCommand) throws {
        for ref in refs {
            let listing = try git.run(["ls-tree", "-r", "-z", "--full-tree", ref])
            guard listing.status == 0 else { throw SyncError("cannot list \(ref) to scan it: \(listing.lastErrorLine)") }
            var blobs: [(id: String, path: String)] = []
            for entry in listing.stdout.split(separator: 0) {
                // `<mode> SP <type> SP <id> TAB <path>`
                guard let tab = entry.firstIndex(of: 0x09) else { continue }
                let head = String(decoding: entry[..<tab], as: UTF8.self).split(separator: " ")
                guard head.count == 3, head[1] == "blob" else { continue }
                blobs.append((String(head[2]), String(decoding: entry[(tab + 1)...], as: UTF8.self)))
            }
            guard !blobs.isEmpty else { continue }
            let batch = try git.run(["cat-file", "--batch"], input: Array(blobs.map { $0.id + "\n" }.joined().utf8))
            guard batch.status == 0 else { throw SyncError("cannot read \(ref) to scan it: \(batch.lastErrorLine)") }
            var offset = 0
            let out = batch.stdout
            for blob in blobs {
                // `<id> SP blob SP <size> LF <bytes> LF`
                guard let newline = out[offset...].firstIndex(of: 0x0A) else { break }
                let header = String(decoding: out[offset..<newline], as: UTF8.self).split(separator: " ")
                guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= out.count else {
                    throw SyncError("cannot read \(ref):\(blob.path) to scan it; nothing synced")
                }
                let body = out[(newline + 1)..<(newline + 1 + size)]
                offset = newline + 1 + size + 1
                if body.prefix(8000).contains(0) { continue }  // binary, as `scan` skips it
                for (number, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                    if let finding = redactor.findings(in: line).first {
                        throw SyncPreflight.stop("\(ref):\(blob.path)", number + 1, finding.ruleID)
                    }
                }
            }
        }
    }

    static func stop(_ file: String, _ line: Int, _ rule: String) -> SyncError {
        SyncError("secret found in \(file):\(line) (rule \(rule)); nothing synced (redact it, or add an exception with convo.allow)")
    }
}
