import Foundation

@testable import HookCore

/// Deterministic fake tokens, built at run time so no token-shaped literal sits in the sources.
enum Fake {
    static let upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    static let alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    static let urlSafe = alnum + "_-"
    static let hexLower = "0123456789abcdef"
    static let alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    /// `count` characters of `alphabet`, from a seeded generator; always mixes cases and digits
    /// when the alphabet has them (the first characters are forced).
    static func chars(_ alphabet: String, _ count: Int, seed: UInt64) -> String {
        let a = Array(alphabet)
        var x = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var out: [Character] = []
        for _ in 0..<count {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(a[Int((x >> 33) % UInt64(a.count))])
        }
        let forced: [Character] = ["Q", "7", "k", "2"].filter { a.contains($0) }
        for (k, c) in forced.enumerated() where k < out.count { out[k + 1 < out.count ? k + 1 : k] = c }
        return String(out)
    }
}

/// A rule sample: `text` is what gets written, `secret` is the part that must disappear.
struct RuleSample: CustomStringConvertible, Sendable {
    var rule: String
    var text: String
    var secret: String
    var description: String { rule }

    init(_ rule: String, _ text: String, secret: String? = nil) {
        self.rule = rule
        self.text = text
        self.secret = secret ?? text
    }
}

enum Samples {
    static let all: [RuleSample] = {
        let aws = "AKIA" + Fake.chars(Fake.upperDigits, 16, seed: 1)
        let awsSecret = Fake.chars(Fake.alnum, 18, seed: 2) + "/" + Fake.chars(Fake.alnum, 10, seed: 3) + "+" + Fake.chars(Fake.alnum, 10, seed: 4)
        let uuid = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        let pemBody = (0..<6).map { Fake.chars(Fake.alnum + "+/", 64, seed: UInt64(100 + $0)) }.joined(separator: "\n")
        let pem = "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody + "\n-----END RSA PRIVATE KEY-----"
        let openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + pemBody + "\n-----END OPENSSH PRIVATE KEY-----"
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ." + Fake.chars(Fake.urlSafe, 43, seed: 5)
        let webhookPath = "T" + Fake.chars(Fake.upperDigits, 8, seed: 6) + "/B" + Fake.chars(Fake.upperDigits, 8, seed: 7) + "/" + Fake.chars(Fake.alnum, 24, seed: 8)
        let dbPass = "S3cr" + Fake.chars(Fake.alnum, 10, seed: 9)
        return [
            RuleSample("aws-access-token", aws),
            RuleSample("aws-secret-access-key", "aws_secret_access_key = " + awsSecret, secret: awsSecret),
            RuleSample("aws-secret-access-key-pair", aws + "," + awsSecret, secret: awsSecret),
            RuleSample("anthropic-api-key", "sk-ant-api03-" + Fake.chars(Fake.urlSafe, 93, seed: 10) + "AA"),
            RuleSample("anthropic-admin-api-key", "sk-ant-admin01-" + Fake.chars(Fake.urlSafe, 93, seed: 11) + "AA"),
            RuleSample("openai-project-key", "sk-proj-" + Fake.chars(Fake.urlSafe, 120, seed: 12)),
            RuleSample("openai-api-key", "sk-" + Fake.chars(Fake.alnum, 20, seed: 13) + "T3BlbkFJ" + Fake.chars(Fake.alnum, 20, seed: 14)),
            RuleSample("github-pat", "ghp_" + Fake.chars(Fake.alnum, 36, seed: 15)),
            RuleSample("github-fine-grained-pat", "github_pat_" + Fake.chars(Fake.alnum, 22, seed: 16) + "_" + Fake.chars(Fake.alnum, 59, seed: 17)),
            RuleSample("github-oauth", "gho_" + Fake.chars(Fake.alnum, 36, seed: 18)),
            RuleSample("github-app-token", "ghu_" + Fake.chars(Fake.alnum, 36, seed: 19)),
            RuleSample("github-app-token", "ghs_" + Fake.chars(Fake.alnum, 36, seed: 20)),
            RuleSample("github-refresh-token", "ghr_" + Fake.chars(Fake.alnum, 36, seed: 21)),
            RuleSample("gitlab-pat", "glpat-" + Fake.chars(Fake.urlSafe, 20, seed: 22)),
            RuleSample("slack-bot-token", "xoxb-" + "1234567890123-1234567890123-" + Fake.chars(Fake.alnum, 24, seed: 23)),
            RuleSample("slack-user-token", "xoxp-" + "1234567890-1234567890-1234567890-" + Fake.chars(Fake.hexLower, 32, seed: 24)),
            RuleSample("slack-app-token", "xapp-1-A0" + Fake.chars(Fake.upperDigits, 9, seed: 25) + "-1234567890123-" + Fake.chars(Fake.hexLower, 64, seed: 26)),
            RuleSample("slack-legacy-workspace-token", "xoxr-" + "1234567890-" + Fake.chars(Fake.alnum, 30, seed: 27)),
            RuleSample("slack-webhook-url", "https://hooks.slack.com/services/" + webhookPath, secret: webhookPath),
            RuleSample("stripe-access-token", "sk_live_" + Fake.chars(Fake.alnum, 24, seed: 28)),
            RuleSample("stripe-access-token", "rk_live_" + Fake.chars(Fake.alnum, 24, seed: 29)),
            RuleSample("gcp-api-key", "AIza" + Fake.chars(Fake.urlSafe, 35, seed: 30)),
            RuleSample("gcp-oauth-client-secret", "GOCSPX-" + Fake.chars(Fake.urlSafe, 28, seed: 31)),
            RuleSample("npm-access-token", "npm_" + Fake.chars(Fake.alnum, 36, seed: 32)),
            RuleSample("pypi-upload-token", "pypi-AgEIcHlwaS5vcmc" + Fake.chars(Fake.urlSafe, 70, seed: 33)),
            RuleSample("huggingface-access-token", "hf_" + Fake.chars(Fake.alpha, 34, seed: 34)),
            RuleSample("sendgrid-api-token", "SG." + Fake.chars(Fake.urlSafe, 22, seed: 35) + "." + Fake.chars(Fake.urlSafe, 43, seed: 36)),
            RuleSample("twilio-api-key", "SK" + Fake.chars(Fake.hexLower, 32, seed: 37)),
            RuleSample("databricks-api-token", "dapi" + Fake.chars("abcdef0123456789", 32, seed: 38)),
            RuleSample("heroku-api-key", "HEROKU_API_KEY=" + uuid, secret: uuid),
            RuleSample("heroku-api-key-v2", "HRKU-AA" + Fake.chars(Fake.urlSafe, 58, seed: 39)),
            RuleSample("private-key", pem),
            RuleSample("private-key", openssh),
            RuleSample("jwt", jwt),
            RuleSample("credentialed-uri", "https://deploy:" + dbPass + "@git.example.com/repo.git", secret: dbPass),
            RuleSample("database-connection-string", "postgres://app:" + dbPass + "@db.internal:5432/prod", secret: dbPass),
            RuleSample("generic-api-key", "Server=tcp:db.internal;Database=prod;User Id=sa;Password=" + dbPass + ";", secret: dbPass),
            RuleSample("generic-api-key", "API_KEY=" + Fake.chars(Fake.alnum, 24, seed: 40), secret: nil).withSecretAfter("="),
            RuleSample("password-assignment", "password: \"Tr0ub4dor&3xyz\"", secret: "Tr0ub4dor&3xyz"),
            RuleSample("generic-api-key", "client_secret = '" + Fake.chars(Fake.alnum, 32, seed: 41) + "'", secret: nil).withSecretAfter("'"),
        ]
    }()
}

extension RuleSample {
    /// Secret = the text after the first `marker`, without trailing quotes.
    func withSecretAfter(_ marker: Character) -> RuleSample {
        var s = self
        let tail = text[text.firstIndex(of: marker)!...].dropFirst()
        s.secret = String(tail.filter { $0 != "'" && $0 != "\"" })
        return s
    }
}

/// Helpers to build and read JSONL lines through Foundation.
enum JSONL {
    static func line(_ object: Any, escapeSlashes: Bool = true) throws -> [UInt8] {
        let options: JSONSerialization.WritingOptions = escapeSlashes ? [] : [.withoutEscapingSlashes]
        return [UInt8](try JSONSerialization.data(withJSONObject: object, options: options))
    }

    static func parse(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes))
    }

    /// A Claude Code user record whose text content is `text`.
    static func userRecord(_ text: String) -> [String: Any] {
        [
            "type": "user",
            "sessionId": "3f1b2c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d",
            "message": ["role": "user", "content": [["type": "tool_result", "tool_use_id": "toolu_01ABC", "content": text]]],
        ]
    }

    /// The text content back out of `userRecord`.
    static func text(of object: Any) -> String? {
        guard let o = object as? [String: Any], let m = o["message"] as? [String: Any],
            let c = m["content"] as? [[String: Any]], let t = c.first?["content"] as? String
        else { return nil }
        return t
    }
}

extension Array where Element == UInt8 {
    var string: String { String(decoding: self, as: UTF8.self) }
}
