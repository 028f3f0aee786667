import HookCore

/// The Claude Code slash command `/extract` (`.claude/commands/extract.md`), written by
/// `install --extract-command`: it asks the assistant to turn the current session into a
/// knowledge-base note. Uninstall removes it only while it still holds these exact bytes.
enum ExtractCommand {
    /// Relative to the worktree root.
    static let relativePath = ".claude/commands/extract.md"

    static let text = """
        ---
        description: Extract decisions, problems and solutions, patterns and CLAUDE.md additions from this session into knowledge-base/sessions/
        ---
        <!-- Written by `convo-hook install --extract-command`; `convo-hook uninstall` removes it unless you edit it. -->

        Review this conversation from its first prompt to now and write down what a future engineer (or a
        future session) needs to know. $ARGUMENTS

        Write one new markdown file in `knowledge-base/sessions/` (create the folder if needed), named
        `YYYY-MM-DD-<short-slug>.md` with today's date and a slug of a few lowercase words from the
        session's goal; if that name is taken, add `-2`, `-3`, … Do not rewrite other files there.
        Start the file with `# <title>` and a one-line goal, then these sections:

        ## Key decisions
        Each decision taken, the alternatives considered, and the rationale (why this one, what it
        trades off). Name the files or `specs/` documents it affects.

        ## Problems and solutions
        Each problem hit: the symptom (exact error message when there was one), the root cause, the fix,
        and how the fix was verified. Include dead ends worth not repeating.

        ## Patterns worth documenting
        Conventions, idioms, commands and workflows this session established or relied on, that the
        next session should follow.

        ## Proposed CLAUDE.md additions
        Short bullet points, ready to paste into CLAUDE.md. Do not edit CLAUDE.md yourself: list them
        here so a human can review them.

        ## References
        Files read and changed, `specs/` files, commits, and links mentioned in the session.

        Rules: be concrete and brief (facts, names, commands; no narration of the conversation); write
        "None." under a section with nothing to say; never copy secrets, tokens, passwords, private keys,
        connection strings or personal data into the file (write `[REDACTED]` instead). When done, print
        the path of the file you wrote.

        """

    static var bytes: [UInt8] { Array(text.utf8) }

    /// A record of the file install wrote.
    struct Record: Codable, Equatable {
        var path: String
        /// SHA-256 of the bytes written, to tell an edited file from ours.
        var sha256: String
    }

    /// Writes the command into `worktree`; returns the change line (nil when already there) and what to record.
    /// An existing file with other content is left alone.
    static func install(worktree: String) throws -> (change: String?, record: Record?, created: [String]) {
        let path = worktree + "/" + relativePath
        let record = Record(path: path, sha256: SHA256.hex(SHA256.hash(bytes)))
        if let existing = FileSystem.read(path) {
            // Already ours (installed earlier, or committed by a teammate): not recorded again, so
            // uninstall only removes a file this install wrote.
            if existing == bytes { return (nil, nil, []) }
            return ("left \(path) alone: it exists and is not convo-hook's", nil, [])
        }
        let created = try FileSystem.makeDirectories(FileSystem.parent(of: path))
        try FileSystem.writeAtomically(bytes, to: path)
        return ("wrote \(path) (the /extract command)", record, created)
    }

    /// Removes the file when it is unchanged since install; returns the change line.
    static func uninstall(_ record: Record) throws -> String? {
        guard let existing = FileSystem.read(record.path) else { return nil }
        guard SHA256.hex(SHA256.hash(existing)) == record.sha256 else {
            return "left \(record.path) alone: it was changed after install"
        }
        try FileSystem.remove(record.path)
        return "removed \(record.path)"
    }
}
