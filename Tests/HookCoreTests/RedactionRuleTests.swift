import Foundation
import Testing

@testable import HookCore

@Suite("Redaction rules")
struct RedactionRuleTests {
    let redactor = try! Redactor()

    @Test("positive in plain text", arguments: Samples.all)
    func plainText(_ sample: RuleSample) {
        let line = "Here is what I found: " + sample.text + " and that's it."
        let out = redactor.redactLine(Array(line.utf8)).string
        #expect(out.contains("[REDACTED:\(sample.rule)]"), "\(out)")
        #expect(!out.contains(sample.secret))
        let found = redactor.findings(in: Array(line.utf8))
        #expect(found.contains { $0.ruleID == sample.rule })
    }

    @Test("positive inside a JSON string, round-trips through JSONSerialization", arguments: Samples.all, [true, false])
    func insideJSON(_ sample: RuleSample, escapeSlashes: Bool) throws {
        let text = "$ cat .env\nFOO=bar\n" + sample.text + "\nsaid \"done\" \u{1F600}"
        let line = try JSONL.line(JSONL.userRecord(text), escapeSlashes: escapeSlashes)
        let out = redactor.redactLine(line)
        let parsed = try JSONL.parse(out)
        let back = try #require(JSONL.text(of: parsed), "\(out.string)")
        #expect(back.contains("[REDACTED:\(sample.rule)]"), "\(out.string)")
        #expect(!back.contains(sample.secret))
        #expect(back.hasPrefix("$ cat .env\nFOO=bar\n"))
        #expect(back.hasSuffix("\nsaid \"done\" \u{1F600}"))
    }

    @Test("AWS secret written with \\u002b and \\/ escapes")
    func escapedAWSSecret() {
        let id = "AKIA" + Fake.chars(Fake.upperDigits, 16, seed: 77)
        let secretHead = Fake.chars(Fake.alnum, 20, seed: 78)
        let secretTail = Fake.chars(Fake.alnum, 18, seed: 79)
        let line = #"{"t":"id=\#(id)\nkey=\#(secretHead)\u002b\#(secretTail)\/"}"#
        let out = redactor.redactLine(Array(line.utf8)).string
        #expect(out.contains("[REDACTED:aws-access-token]"))
        #expect(!out.contains(secretHead) && !out.contains(secretTail), "\(out)")
    }

    @Test("a token never swallows the closing quote or an escape")
    func tokenStopsAtQuote() throws {
        let token = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 90)
        for line in [#"{"a":"\#(token)"}"#, #"{"a":"x \"\#(token)\" y"}"#, #"{"a":"\#(token)\n"}"#, #"["\#(token)\\"]"#] {
            let out = redactor.redactLine(Array(line.utf8))
            _ = try JSONL.parse(out)
            #expect(out.string.contains("[REDACTED:github-pat]"), "\(line)")
        }
    }

    @Test("tokens are found at every kind of boundary, and glued to a word as gitleaks finds them")
    func boundaries() {
        let token = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 93)
        for text in [
            token, "(\(token))", "x=\(token)", #"{"a":"\u0027\#(token)\u0027"}"#, #"{"a":"\t\#(token)"}"#,
            "https://\(token)@github.com", "-\(token)", "'\(token)'",
        ] {
            let out = redactor.redactLine(Array(text.utf8)).string
            #expect(out.contains("[REDACTED:github-pat]") && !out.contains(token), "\(text)")
        }
        for text in ["x" + token, "9" + token, "_" + token] {
            #expect(redactor.findings(in: Array(text.utf8)).map(\.ruleID) == ["github-pat"], "\(text)")
        }
    }

    @Test("a private key without END is redacted to the end of its JSON string")
    func unterminatedPrivateKey() throws {
        let line = #"{"a":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC","b":1}"#
        let out = redactor.redactLine(Array(line.utf8))
        let parsed = try #require(try JSONL.parse(out) as? [String: Any])
        #expect(parsed["a"] as? String == "[REDACTED:private-key-block]")
        #expect(parsed["b"] as? Int == 1)
    }

    @Test("several secrets on one line")
    func several() throws {
        let a = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 91)
        let b = "xoxb-1234567890123-1234567890123-" + Fake.chars(Fake.alnum, 24, seed: 92)
        let line = try JSONL.line(JSONL.userRecord("export GH=\(a)\nexport SLACK=\(b)\n"))
        let found = redactor.findings(in: line)
        #expect(found.map(\.ruleID) == ["github-pat", "slack-bot-token"])
        #expect(found[0].masked == "ghp_…")
        #expect(line[found[0].range].elementsEqual(Array(a.utf8)))
    }
}

@Suite("Redaction near-misses")
struct RedactionNearMissTests {
    let redactor = try! Redactor()

    static let clean: [String] = [
        "OpenAI keys start with sk- and you should use sk-learn for ML; see task-runner and desk-top.",
        "Fixed in commit 3f786850e387550fdab836ed7e6dc881de23001b, parent a94a8fe5ccb19ba61c4c0873d391e987982fbbd3.",
        "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 of the empty string",
        "session 123e4567-e89b-12d3-a456-426614174000 and request 7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZyBhbmQgdGhlIGNhdCBzbGVwdCBvbiB0aGUgbWF0Lg==",
        "Enter your password and press return; the password is stored in the keychain.",
        "password: required, token: optional, secret: none",
        "The secret to good code is tests. Tokens are counted by the tokenizer.",
        "max_tokens = 4096, input_tokens: 1234, output_tokens: 567",
        "password = os.getenv(\"DB_PASSWORD\")",
        "const token = getAuthenticationToken()",
        "let accessToken = response.accessToken",
        "api_key = ${OPENAI_API_KEY}",
        "DATABASE_URL=postgres://user:password@localhost:5432/app",
        "see https://github.com/apple/swift-argument-parser and ftp://ftp.example.com/pub",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----",
        "A JWT starts with eyJ and has three parts.",
        "AKIA prefixes are AWS key ids; ghp_ are GitHub tokens; xoxb- Slack bots; hf_hub_download is a function.",
        "the dapi token and the SK prefix, SKU12345, SG.example, npm_config_cache, glpat-short",
        "path: /usr/local/lib/python3.11/site-packages, auth_token_path=./secrets/token.txt",
        "user@example.com wrote: see mailto:bob@example.com",
    ]

    @Test("prose and ids stay untouched", arguments: clean)
    func untouched(_ text: String) throws {
        let plain = Array(text.utf8)
        #expect(redactor.redactLine(plain) == plain)
        #expect(redactor.findings(in: plain).isEmpty, "\(redactor.findings(in: plain))")
        let line = try JSONL.line(JSONL.userRecord(text))
        #expect(redactor.redactLine(line) == line)
    }

    @Test("a realistic Claude Code assistant record stays byte-identical")
    func claudeRecord() {
        let line =
            #"{"parentUuid":"123e4567-e89b-12d3-a456-426614174000","isSidechain":false,"userType":"external","cwd":"/home/dev/project","sessionId":"7c9e6679-7425-40de-944b-e07fc1f90ae7","version":"1.0.51","gitBranch":"main","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"thinking","thinking":"Let me look.","signature":"EqQBCkYIBBgCKkBhc2RmZ2hqa2w7J3F3ZXJ0eXVpb3BbXXp4Y3Zibm0sLi8xMjM0NTY3ODkwLT0hQCMkJV4mKigpXys="},{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"Bash","input":{"command":"git log --oneline | head -5","description":"Show recent commits"}}],"stop_reason":"tool_use","usage":{"input_tokens":4,"cache_creation_input_tokens":1520,"cache_read_input_tokens":13766,"output_tokens":112,"service_tier":"standard"}},"requestId":"req_011CRCvV4uH8iJDQbeH6nPz8","type":"assistant","uuid":"9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b","timestamp":"2025-07-18T10:22:31.123Z"}"#
        let bytes = Array(line.utf8)
        #expect(redactor.redactLine(bytes) == bytes)
    }

    @Test("empty line and lone anchors at the end of a line do not crash")
    func edges() {
        for s in [
            "", ":", "=", "-", "A", "AKIA", "sk-", "-----BEGIN", "-----BEGIN PRIVATE KEY-----", "x://", "a://b:c@", "\"data\":", "data:", "\\", "password=", "\"password\":\"",
            "eyJ",
        ] {
            _ = redactor.redactLine(Array(s.utf8))
            _ = redactor.findings(in: Array(s.utf8))
        }
    }
}
