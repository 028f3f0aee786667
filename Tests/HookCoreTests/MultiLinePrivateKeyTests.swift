import Testing

@testable import HookCore

/// Private keys spread over lines of plain-text transcripts (Aider's markdown).
@Suite struct MultiLinePrivateKeyTests {
    let redactor: Redactor

    init() throws { redactor = try Redactor() }

    private func run(_ text: String) -> [String] {
        var state: Int?
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(decoding: MultiLinePrivateKey.redact(Array(line.utf8), linesInside: &state, using: redactor), as: UTF8.self)
        }
    }

    @Test func pemAndPgpBlocksAreWithheldUpToTheirEnd() {
        for (begin, end) in [
            ("-----BEGIN OPENSSH PRIVATE KEY-----", "-----END OPENSSH PRIVATE KEY-----"),
            ("-----BEGIN PGP PRIVATE KEY BLOCK-----", "-----END PGP PRIVATE KEY BLOCK-----"),
        ] {
            let out = run("before\n  \(begin)\nVersion: GnuPG v2\n\nlQOYBGNsZWFyIHRleHQgaXMgbm90IGEga2V5\n\(end)\nafter")
            #expect(out.first == "before")
            #expect(out.last == "after")
            #expect(out.dropFirst().dropLast().allSatisfy { $0 == "[REDACTED:private-key]" }, "\(out)")
        }
    }

    @Test func aQuotedHeaderInProseDoesNotSwallowWhatFollows() {
        let out = run("the file starts with `-----BEGIN RSA PRIVATE KEY-----` as usual\nnext line stays")
        #expect(out[1] == "next line stays")
    }

    @Test func anUnterminatedBlockStopsAfterItsLimit() {
        let body = Array(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", count: MultiLinePrivateKey.maximumLines + 5)
        let out = run((["-----BEGIN RSA PRIVATE KEY-----"] + body + ["plain prose again"]).joined(separator: "\n"))
        #expect(out.last == "plain prose again")
    }

    @Test func jsonLinesGoToTheLineRedactor() {
        let out = run("-----BEGIN RSA PRIVATE KEY-----\n{\"type\":\"user\",\"message\":\"hello\"}")
        #expect(out[1] == "{\"type\":\"user\",\"message\":\"hello\"}")
    }

    @Test func aHeaderAfterWordsStartsABlockAndTheWordsStay() {
        let out = run("here is my private key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAu4b3Xk9pQ2vR7sT1wYz8LmN5cD0eF6gH\n-----END RSA PRIVATE KEY-----\nthanks")
        #expect(out[0] == "here is my private key: [REDACTED:private-key]")
        #expect(out[1] == "[REDACTED:private-key]" && out[2] == "[REDACTED:private-key]")
        #expect(out[3] == "thanks")
    }

    @Test func puttyPrivateLinesAreWithheldUpToTheMAC() {
        let out = run(
            "PuTTY-User-Key-File-3: ssh-ed25519\nPublic-Lines: 1\nAAAAC3NzaC1lZDI1NTE5AAAAIOq3b7dZ1vK9sT2x\nPrivate-Lines: 1\nAAAAIFx9kR2mT7vQ4wZ8yN1pL6sJ3hG0fD5cB2aE9uK7\nPrivate-MAC: 5d3c0b7f2e1a9c8d\nafter"
        )
        #expect(out[2] == "AAAAC3NzaC1lZDI1NTE5AAAAIOq3b7dZ1vK9sT2x", "the public half stays")
        #expect(out[3...5].allSatisfy { $0 == "[REDACTED:private-key]" }, "\(out)")
        #expect(out[6] == "after")
    }
}
