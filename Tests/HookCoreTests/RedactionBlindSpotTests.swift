import Foundation
import Testing

@testable import HookCore

/// No scanner blind spots: whatever comes right before a secret (a keyword, a separator, a flag), the
/// secret is still redacted. A candidate that fails one rule never hides another rule's match.
@Suite("Redaction blind spots")
struct RedactionBlindSpotTests {
    let redactor = try! Redactor()

    /// Text that really precedes secrets in sessions.
    static let prefixes = [
        "key:", "key: ", "token=", "\"password\": \"", "Bearer ", "-p", ":", "here is my private key: ",
        "export API_KEY=", "mysql -u root -p", "Authorization: Basic ", "secret=\"", "--token ", "=", "'",
    ]

    /// (rule, secret) for every rule whose secret is found when it stands alone on a line.
    static let bareSecrets: [(rule: String, secret: String)] = {
        let set = SecretRuleSet.builtin
        var result: [(String, String)] = []
        for spec in SecretRuleTable.specs {
            let secrets = RedactionTableTests.ruleFindings(spec.id, in: Array(spec.truePositive.utf8))
            for secret in secrets where secret.count >= 8 {
                let alone = Array(secret.utf8)
                let found = alone.withUnsafeBufferPointer { LineSecrets(set: set).find($0.baseAddress!, $0.count) }
                if !found.isEmpty {
                    result.append((spec.id, secret))
                    break
                }
            }
        }
        return result
    }()

    @Test("there are bare secrets to test with")
    func enough() {
        #expect(Self.bareSecrets.count > 100, "\(Self.bareSecrets.count)")
    }

    @Test("a bare secret after any real prefix is still redacted, in plain text and in a transcript line", arguments: prefixes)
    func afterPrefix(_ prefix: String) throws {
        for (rule, secret) in Self.bareSecrets {
            let core = RedactionTableTests.core(secret)
            let plain = prefix + secret + " and more text"
            let out = redactor.redactLine(Array(plain.utf8)).string
            #expect(!out.contains(core), "\(rule) after \(prefix.debugDescription): \(out)")
            let line = try JSONL.line(["type": "user", "message": ["role": "user", "content": plain]])
            let redacted = redactor.redactLine(line)
            #expect(!(try JSONL.deepText(redacted)).contains(core), "\(rule) after \(prefix.debugDescription) in JSON")
        }
    }

    @Test("a rule sample after any prefix is still redacted", arguments: prefixes)
    func samplesAfterPrefix(_ prefix: String) {
        for spec in SecretRuleTable.specs {
            let secrets = RedactionTableTests.ruleFindings(spec.id, in: Array(spec.truePositive.utf8)).filter { $0.count >= 6 }
            // A sample is a whole statement (`curl -u …`, `machine …`): glued to a flag it would be another word.
            let glue = prefix.last.map { $0.isLetter || $0.isNumber || $0 == "p" } == true ? " " : ""
            let out = redactor.redactLine(Array((prefix + glue + spec.truePositive).utf8)).string
            for secret in secrets {
                #expect(!out.contains(RedactionTableTests.core(secret)), "\(spec.id) after \(prefix.debugDescription): \(out)")
            }
        }
    }

    @Test("the words before a private key never hide it")
    func privateKeyAfterWords() {
        let body = (0..<4).map { k in String(repeating: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\(k)", count: 2) }
        let key = "-----BEGIN RSA PRIVATE KEY-----\\n" + body.joined(separator: "\\n") + "\\n-----END RSA PRIVATE KEY-----"
        for prefix in ["key:", "private key: ", "my key is ", "KEY=", "\"key\": \"", "token: ", "password="] {
            let line = #"{"message":{"content":"\#(prefix)\#(key)"}}"#
            let out = redactor.redactLine(Array(line.utf8)).string
            for b in body { #expect(!out.contains(b), "\(prefix): \(out)") }
        }
    }
}
