/// One secret planted in the corpus: its rule, the exact secret text, and the text written around it.
struct PlantedSecret {
    var rule: String
    var secret: String
    var context: String
}

/// Fake secrets of every built-in rule, each in a realistic context (a pasted `.env`, prose,
/// a command line, a config file). Fresh random values for each plant.
enum PlantedSecrets {
    static let rules = [
        "aws-access-token", "aws-secret-access-key", "anthropic-api-key", "openai-api-key", "github-pat",
        "github-fine-grained-pat", "github-oauth", "github-app-token", "gitlab-pat", "slack-bot-token",
        "slack-webhook-url", "stripe-access-token", "gcp-api-key", "gcp-oauth-client-secret", "npm-access-token",
        "pypi-upload-token", "huggingface-access-token", "sendgrid-api-token", "twilio-api-key",
        "databricks-api-token", "heroku-api-key-v2", "private-key", "jwt", "credentialed-uri",
        "database-connection-string", "generic-api-key",
    ]

    /// Random letters and digits that always mix both cases and a digit.
    static func mixed(_ r: inout BenchRandom, _ alphabet: [Character], _ n: Int) -> String {
        var s = Array(r.string(alphabet, n))
        if n >= 3 {
            s[0] = "Q"
            s[1] = "7"
            s[2] = "k"
        }
        return String(s)
    }

    static func make(_ rule: String, _ r: inout BenchRandom, variant: Int) -> PlantedSecret {
        func env(_ name: String, _ value: String) -> String { "\(name)=\(value)" }
        func prose(_ value: String) -> String { "Oops, I pasted it in the chat: \(value) - please rotate it later." }
        func pick(_ name: String, _ value: String) -> PlantedSecret {
            PlantedSecret(rule: rule, secret: value, context: variant % 2 == 0 ? env(name, value) : prose(value))
        }
        switch rule {
        case "aws-access-token":
            return pick("AWS_ACCESS_KEY_ID", "AKIA" + r.string(Alphabet.upperDigits, 16))
        case "aws-secret-access-key":
            let id = "AKIA" + r.string(Alphabet.upperDigits, 16)
            let secret = mixed(&r, Alphabet.base64, 40)
            let ctx =
                variant % 2 == 0
                ? "[default]\naws_access_key_id = \(id)\naws_secret_access_key = \(secret)\nregion = eu-west-1"
                : "Access key ID,Secret access key\n\(id),\(secret)"
            return PlantedSecret(rule: rule, secret: secret, context: ctx)
        case "anthropic-api-key":
            return pick("ANTHROPIC_API_KEY", "sk-ant-api03-" + mixed(&r, Alphabet.urlSafe, 93) + "AA")
        case "openai-api-key":
            return pick("OPENAI_API_KEY", "sk-proj-" + mixed(&r, Alphabet.urlSafe, 156))
        case "github-pat":
            return pick("GITHUB_TOKEN", "ghp_" + mixed(&r, Alphabet.alnum, 36))
        case "github-fine-grained-pat":
            return pick("GH_TOKEN", "github_pat_" + mixed(&r, Alphabet.alnum, 22) + "_" + mixed(&r, Alphabet.alnum, 59))
        case "github-oauth":
            return pick("GH_OAUTH", "gho_" + mixed(&r, Alphabet.alnum, 36))
        case "github-app-token":
            return pick("GH_APP_TOKEN", "ghs_" + mixed(&r, Alphabet.alnum, 36))
        case "gitlab-pat":
            return pick("GITLAB_TOKEN", "glpat-" + mixed(&r, Alphabet.urlSafe, 20))
        case "slack-bot-token":
            return pick("SLACK_BOT_TOKEN", "xoxb-\(r.int(1_000_000_000..<9_999_999_999))-\(r.int(1_000_000_000..<9_999_999_999))-" + mixed(&r, Alphabet.alnum, 24))
        case "slack-webhook-url":
            let path = "T" + r.string(Alphabet.upperDigits, 8) + "/B" + r.string(Alphabet.upperDigits, 8) + "/" + mixed(&r, Alphabet.alnum, 24)
            return PlantedSecret(rule: rule, secret: path, context: "curl -X POST -d '{\"text\":\"deploy ok\"}' https://hooks.slack.com/services/" + path)
        case "stripe-access-token":
            return pick("STRIPE_SECRET_KEY", "sk_live_" + mixed(&r, Alphabet.alnum, 24))
        case "gcp-api-key":
            return pick("GOOGLE_API_KEY", "AIza" + mixed(&r, Alphabet.urlSafe, 35))
        case "gcp-oauth-client-secret":
            return pick("GOOGLE_CLIENT_SECRET", "GOCSPX-" + mixed(&r, Alphabet.urlSafe, 28))
        case "npm-access-token":
            return PlantedSecret(rule: rule, secret: "", context: "").with { s in
                let tok = "npm_" + mixed(&r, Alphabet.alnum, 36)
                s.secret = tok
                s.context = variant % 2 == 0 ? "//registry.npmjs.org/:_authToken=\(tok)" : prose(tok)
            }
        case "pypi-upload-token":
            let tok = "pypi-AgEIcHlwaS5vcmc" + mixed(&r, Alphabet.urlSafe, 80)
            return PlantedSecret(rule: rule, secret: tok, context: variant % 2 == 0 ? "[pypi]\n  username = __token__\n  password = \(tok)" : prose(tok))
        case "huggingface-access-token":
            // gitleaks: hf_ and 34 letters.
            return pick("HF_TOKEN", "hf_Qk" + r.string(Alphabet.alpha, 32))
        case "sendgrid-api-token":
            return pick("SENDGRID_API_KEY", "SG." + mixed(&r, Alphabet.urlSafe, 22) + "." + mixed(&r, Alphabet.urlSafe, 43))
        case "twilio-api-key":
            return pick("TWILIO_API_KEY", "SK" + r.string(Alphabet.hex, 31) + "7")
        case "databricks-api-token":
            // gitleaks: dapi and 32 lower-case hex digits.
            return pick("DATABRICKS_TOKEN", "dapi" + r.string(Array("abcdef0123456789"), 31) + "3")
        case "heroku-api-key-v2":
            return pick("HEROKU_API_KEY", "HRKU-AA" + mixed(&r, Alphabet.urlSafe, 58))
        case "private-key":
            let body = (0..<12).map { _ in r.string(Alphabet.base64, 64) }.joined(separator: "\n")
            let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n" + body + "\n-----END OPENSSH PRIVATE KEY-----"
            return PlantedSecret(rule: rule, secret: body.split(separator: "\n")[3].description, context: "$ cat ~/.ssh/id_ed25519\n" + key)
        case "jwt":
            let tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiI" + mixed(&r, Alphabet.urlSafe, 40) + "." + mixed(&r, Alphabet.urlSafe, 43)
            return PlantedSecret(rule: rule, secret: tok, context: "curl -H \"Authorization: Bearer \(tok)\" https://api.example.com/v1/me")
        case "credentialed-uri":
            let pw = mixed(&r, Alphabet.alnum, 16)
            return PlantedSecret(rule: rule, secret: pw, context: "git remote add origin https://deploy:\(pw)@git.example.com/acme/api.git")
        case "database-connection-string":
            let pw = mixed(&r, Alphabet.alnum, 14)
            let ctx =
                variant % 2 == 0
                ? "DATABASE_URL=postgres://app:\(pw)@db.internal:5432/prod"
                : "Server=tcp:sql.internal,1433;Database=prod;User Id=sa;Password=\(pw);Encrypt=true;"
            return PlantedSecret(rule: rule, secret: pw, context: ctx)
        default:  // generic-api-key
            let pw = mixed(&r, Alphabet.alnum, 20)
            let ctx = variant % 2 == 0 ? "DB_PASSWORD=\(pw)" : "{\n  \"client_id\": \"acme-web\",\n  \"client_secret\": \"\(pw)\"\n}"
            return PlantedSecret(rule: rule, secret: pw, context: ctx)
        }
    }
}

extension PlantedSecret {
    func with(_ f: (inout PlantedSecret) -> Void) -> PlantedSecret {
        var s = self
        f(&s)
        return s
    }
}
