import Foundation
import TestSupport
import Testing

/// Issue 13's list of secrets as they appear in real sessions, each committed through the real hook:
/// no git object of the repository may hold the secret afterwards (`git cat-file --batch-all-objects`).
/// Values are fake and built at run time, so no token-shaped literal sits in this file.
@Suite struct RedactionHookTests {
    /// A deterministic fake: `count` characters of `alphabet`, mixing cases and digits.
    static func fake(_ alphabet: String, _ count: Int, _ seed: UInt64) -> String {
        let a = Array(alphabet)
        var x = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var out: [Character] = []
        for _ in 0..<count {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(a[Int((x >> 33) % UInt64(a.count))])
        }
        for (k, c) in [Character("Q"), "7", "k"].enumerated() where k < out.count && a.contains(c) { out[k] = c }
        return String(out)
    }

    static let alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    static let hex = "0123456789abcdef"
    static let base64 = alnum + "+/"

    /// How the text reaches the transcript.
    enum Shape: Sendable {
        case prompt, toolOutput, toolCall
    }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        var secrets: [String]
        var shape: Shape = .toolOutput
        var description: String { name }
    }

    static let pem: (text: String, body: [String]) = {
        let body = (0..<8).map { fake(base64, 64, UInt64(200 + $0)) }
        return ("-----BEGIN PRIVATE KEY-----\n" + body.joined(separator: "\n") + "\n-----END PRIVATE KEY-----\n", body)
    }()

    static let gitlab: Case = {
        let tokens: [(String, String)] = [
            ("glpat-", fake(alnum, 20, 20)), ("gldt-", fake(alnum, 20, 21)), ("glrt-", fake(alnum, 20, 22)),
            ("glptt-", fake(hex, 40, 23)), ("glft-", fake(alnum, 20, 24)), ("glsoat-", fake(alnum, 20, 25)),
            ("glimt-", fake(alnum, 25, 26)), ("gloas-", fake(alnum, 64, 27)), ("glagent-", fake(alnum, 50, 28)),
        ]
        return Case(name: "GitLab tokens", text: tokens.map { $0.0 + $0.1 }.joined(separator: " and "), secrets: tokens.map(\.1), shape: .prompt)
    }()

    static let cases: [Case] = {
        let pw = "h4#Lk!9%" + fake(alnum, 6, 1)
        let serviceAccount = try! String(
            decoding: JSONSerialization.data(
                withJSONObject: [
                    "type": "service_account", "project_id": "acme-prod", "private_key_id": fake(hex, 40, 2),
                    "private_key": pem.text, "client_email": "deploy@acme-prod.iam.gserviceaccount.com",
                ], options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
        let escapedPEM = pem.text.replacingOccurrences(of: "\n", with: "\\n")
        let token = fake(alnum, 30, 3)
        return [
            Case(
                name: "service-account JSON printed by cat", text: "$ cat sa.json\n" + serviceAccount,
                secrets: pem.body),  // private_key_id names the key (gitleaks allowlists `key_id` too)
            Case(
                name: "FIREBASE_PRIVATE_KEY in .env", text: "$ cat .env\nFIREBASE_PRIVATE_KEY=\"\(escapedPEM)\"\nFIREBASE_PROJECT=acme\n",
                secrets: pem.body),
            Case(
                name: "private key pasted after 'my private key:'", text: "here is my private key: " + pem.text + " can you convert it?",
                secrets: pem.body, shape: .prompt),
            Case(name: "DB_PASSWORD with punctuation", text: "DB_HOST=db\nDB_PASSWORD=\"\(pw)\"\n", secrets: [pw]),
            Case(
                name: "mysql -p", text: "mysql -u root -p\(pw.replacingOccurrences(of: "#", with: "x")) shop", secrets: [pw.replacingOccurrences(of: "#", with: "x")],
                shape: .toolCall),
            Case(name: "curl -u", text: "curl -u deploy:\(fake(alnum, 16, 4)) https://api.example.com/v1", secrets: [fake(alnum, 16, 4)], shape: .toolCall),
            Case(name: "docker login -p", text: "docker login -u deploy -p \(fake(alnum, 18, 5)) registry.example.com", secrets: [fake(alnum, 18, 5)], shape: .toolCall),
            Case(name: "PGPASSWORD", text: "PGPASSWORD=\(fake(alnum, 14, 6)) psql -h db -U app shop", secrets: [fake(alnum, 14, 6)], shape: .toolCall),
            Case(name: ".netrc", text: "$ cat ~/.netrc\nmachine api.example.com\n  login octo\n  password \(fake(alnum, 16, 7))\n", secrets: [fake(alnum, 16, 7)]),
            Case(name: ".pgpass", text: "$ cat ~/.pgpass\ndb.internal:5432:shop:app:\(fake(alnum, 15, 8))\n", secrets: [fake(alnum, 15, 8)]),
            Case(name: "YAML password:", text: "database:\n  user: app\n  password: \(pw)\n", secrets: [pw]),
            Case(
                name: "URL credentials", text: "git remote add origin https://deploy:\(fake(alnum, 16, 9))@git.example.com/acme/api.git",
                secrets: [fake(alnum, 16, 9)], shape: .toolCall),
            Case(
                name: "Django SECRET_KEY", text: "SECRET_KEY = 'django-insecure-\(fake(alnum, 20, 10))#x!v9@q2$w8%z^m7&r(t)p+b=n_c4'",
                secrets: [fake(alnum, 20, 10)]),
            Case(name: "DigitalOcean token in prose", text: "I used dop_v1_\(fake(hex, 64, 11)) for the droplet.", secrets: [fake(hex, 64, 11)], shape: .prompt),
            Case(name: "Vault token", text: "export VAULT_TOKEN=hvs.\(fake(alnum + "_-", 95, 12))", secrets: [fake(alnum + "_-", 95, 12)]),
            Case(name: "Telegram bot token", text: "bot token 5829301746:AA\(fake(alnum + "_-", 33, 13)) works", secrets: [fake(alnum + "_-", 33, 13)], shape: .prompt),
            gitlab,
            Case(
                name: "Linear, Shopify, Doppler, Pulumi", text: "lin_api_\(fake(alnum, 40, 30)) shpat_\(fake(hex, 32, 31)) dp.pt.\(fake(alnum, 43, 32)) pul-\(fake(hex, 40, 33))",
                secrets: [fake(alnum, 40, 30), fake(hex, 32, 31), fake(alnum, 43, 32), fake(hex, 40, 33)]),
            Case(
                name: "Terraform Cloud, age, Perplexity",
                text:
                    "\(fake(alnum, 14, 34)).atlasv1.\(fake(alnum + "=_-", 67, 35)) AGE-SECRET-KEY-1\(fake("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58, 36)) pplx-\(fake(alnum, 48, 37))",
                secrets: [fake(alnum + "=_-", 67, 35), fake("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58, 36), fake(alnum, 48, 37)]),
            Case(
                name: "1Password, Sentry, Grafana",
                text:
                    "A3-\(fake("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 6, 38))-\(fake("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 11, 39))-\(fake("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 5, 40))-\(fake("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 5, 41))-\(fake("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 5, 42)) sntryu_\(fake(hex, 64, 43)) glsa_\(fake(alnum, 32, 44))_\(fake(hex, 8, 45))",
                secrets: [fake("ABCDEFGHJKLMNPQRSTVWXYZ23456789", 11, 39), fake(hex, 64, 43), fake(alnum, 32, 44)]),
            Case(
                name: "bearer token, then a token glued to -p", text: "curl -H 'Authorization: Bearer \(token)' && mysqladmin -p\(fake(alnum, 12, 46)) status",
                secrets: [token, fake(alnum, 12, 46)], shape: .toolCall),
        ]
    }()

    /// Commits one session holding `text` in `shape`; returns every object's bytes in the repository.
    func commitThroughHook(_ c: Case) throws -> String {
        let repo = try TemporaryRepository()
        try repo.commitBaseAndInstall()
        let session = try ClaudeTranscript(configDir: repo.home + "/.claude", cwd: repo.path, prompt: "Set up the service")
        switch c.shape {
        case .prompt:
            try session.append(role: "user", text: c.text)
        case .toolOutput:
            try session.append(role: "user", blocks: [["type": "tool_result", "tool_use_id": "toolu_01", "content": c.text]])
        case .toolCall:
            try session.append(role: "assistant", blocks: [["type": "tool_use", "id": "toolu_01", "name": "Bash", "input": ["command": c.text]]])
        }
        try repo.write("a.txt", "a\n")
        try repo.gitOK("add", "a.txt")
        let commit = try repo.git("commit", "-qm", "work")
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(try repo.gitOK("ls-tree", "-r", "--name-only", "HEAD").contains(".jsonl"), "the session was archived")
        return try repo.gitOK("cat-file", "--batch-all-objects", "--batch")
    }

    @Test(arguments: cases)
    func secretNeverReachesGit(_ c: Case) throws {
        #expect(!c.secrets.isEmpty)
        let objects = try commitThroughHook(c)
        #expect(objects.contains("[REDACTED:"), "\(c.name): nothing was redacted")
        for secret in c.secrets {
            #expect(!objects.contains(secret), "\(c.name): \(secret) reached git")
        }
    }
}
