import Foundation
import Testing

@testable import HookCore

/// Passwords people type into a prompt in plain words (`my password is …`): the first prompt names the
/// session (titles, export file names), so such a password must be gone before anything reads it.
@Suite("Passwords in prose")
struct ProsePasswordTests {
    let redactor = try! Redactor()

    /// A prompt line of Claude Code's transcript holding `text`, redacted.
    func redactedPrompt(_ text: String) throws -> String {
        let line = try JSONL.line(["type": "user", "message": ["role": "user", "content": text]])
        let out = redactor.redactLine(line)
        return try #require(try? JSONL.deepText(out), "not JSON any more: \(out.string)")
    }

    static let written: [(text: String, secret: String)] = [
        ("my password is Hunter2!Secret#9", "Hunter2!Secret#9"),
        ("the db password was: s3cr3t-Pa55", "s3cr3t-Pa55"),
        (#"passphrase: "correct-horse-9!""#, "correct-horse-9!"),
        ("thanks!\npassword is Kq7#vB2m and the user is admin", "Kq7#vB2m"),
        ("Fix the login. My password is Hunter2!Secret#9.", "Hunter2!Secret#9"),
        ("the PASSWORD IS 'zX9!mQ2w' for now", "zX9!mQ2w"),
        ("I set the admin password to Tr0ub4dor&3 yesterday", "Tr0ub4dor&3"),
        ("the password for postgres on staging is Zq8#mLp2vX", "Zq8#mLp2vX"),
        ("the new pwd will be: Lp4$wq9Rt", "Lp4$wq9Rt"),
    ]

    @Test("a password written in a sentence is redacted in a prompt", arguments: written.indices)
    func redacted(_ k: Int) throws {
        let (text, secret) = Self.written[k]
        let out = try redactedPrompt(text)
        #expect(!out.contains(secret), "\(text) → \(out)")
        #expect(out.contains("[REDACTED:"), "\(out)")
    }

    @Test("a secret ending a sentence is redacted with its last character")
    func closingPunctuation() throws {
        let out = try redactedPrompt("the wifi password is Qw3rty!!")
        #expect(!out.contains("Qw3rty") && !out.contains("!!"), "\(out)")
        #expect(out.contains("password is [REDACTED:password-in-prose]"), "\(out)")
    }

    /// What people write about passwords without giving one.
    static let conversation = [
        "the password is required for the login form",
        "Password was incorrect, please try again.",
        "the password is hashed with bcrypt before it is stored",
        "your password is stored as a sha256-hashed value",
        "the password is at least 12 characters",
        "the password is 12-characters long",
        "make sure the password is case-sensitive.",
        "the password is <password> in the docs",
        "the password is ${DB_PASSWORD}",
        "the password is $DB_PASSWORD in CI",
        "the password is ******** in the log",
        "the password is os.environ[\"DB_PASSWORD\"]",
        "the password is getpass() input",
        "the password is settings.DATABASE_PASSWORD",
        "pwd is /home/dev/project",
        "the password for the admin user is the one in 1Password",
        "I want to change my password to something stronger",
        "the password was: [REDACTED]",
        "the password is base64-encoded in the secret",
    ]

    @Test("talking about passwords is left alone", arguments: conversation)
    func leftAlone(_ text: String) throws {
        let out = try redactedPrompt(text)
        #expect(!out.contains("[REDACTED:"), "\(text) → \(out)")
    }

    @Test("the prose gate: a literal with a letter and a digit or symbol, closing punctuation aside")
    func gate() {
        func accepts(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { ValueGate.accepts(.prose, $0) } }
        for good in ["Hunter2!Secret#9", "s3cr3t-Pa55", "hunter22.", "Tr0ub4dor&3", "p@ssword", "zX9!mQ2w"] {
            #expect(accepts(good), "\(good)")
        }
        for bad in ["required", "incorrect.", "case-sensitive", "Hunt2", "hunt2!!!", "<password>", "${VAR}", "***", "os.environ[", "getpass()", "/etc/passwd"] {
            #expect(!accepts(bad), "\(bad)")
        }
    }
}
