import Foundation
import Testing

@testable import HookCore

@Suite("Redaction user patterns and fail-closed")
struct RedactionConfigTests {
    @Test("convo.redact adds rules")
    func extra() throws {
        let r = try Redactor(config: .init(extraPatterns: ["INTERNAL-[0-9]{6}", "acme_[a-z]+"]))
        let line = try JSONL.line(JSONL.userRecord("ticket INTERNAL-123456 and acme_widget"))
        let out = r.redactLine(line)
        let text = try #require(JSONL.text(of: try JSONL.parse(out)))
        #expect(text == "ticket [REDACTED:custom-1] and [REDACTED:custom-2]")
    }

    @Test("convo.allow keeps findings, as literal or regex")
    func allow() throws {
        let aws = "AKIA" + Fake.chars(Fake.upperDigits, 16, seed: 1)
        let gh = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 2)
        let slack = "xoxb-1234567890123-1234567890123-" + Fake.chars(Fake.alnum, 24, seed: 3)
        let r = try Redactor(config: .init(allowPatterns: [aws, "^ghp_"]))
        let line = Array("a \(aws) b \(gh) c \(slack)".utf8)
        let out = r.redactLine(line).string
        #expect(out == "a \(aws) b \(gh) c [REDACTED:slack-bot-token]")
        #expect(r.findings(in: line).map(\.ruleID) == ["slack-bot-token"])
    }

    @Test("an invalid convo.redact regex is a clear error")
    func invalid() {
        #expect(throws: RedactionError.self) { try Redactor(config: .init(extraPatterns: ["(unclosed"])) }
        do {
            _ = try Redactor(config: .init(extraPatterns: ["ok", "[z-a]"]))
        } catch {
            #expect(error.description.hasPrefix("invalid convo.redact pattern '[z-a]': "))
        }
    }

    @Test("a match across JSON string boundaries is redacted inside the strings, and the line stays valid JSON")
    func acrossStrings() throws {
        let r = try Redactor(config: .init(extraPatterns: [#"secret":"[a-z]+"#]))
        let out = r.redactLine(Array(#"{"secret":"abcdef"}"#.utf8))
        let o = try #require(try JSONL.parse(out) as? [String: Any], "\(out.string)")
        #expect(o.values.contains { ($0 as? String) == "[REDACTED:custom-1]" })
        #expect(!out.string.contains("abcdef"))
    }

    @Test("withheld record escapes its reason")
    func withheldReason() throws {
        let out = Redactor.withheldRecord(reason: "bad \"quote\" \\ and\nnewline")
        let o = try #require(try JSONL.parse(out) as? [String: Any])
        #expect(o["reason"] as? String == "bad 'quote' / and newline")
    }

    @Test("git config values map to the configuration")
    func gitConfig() {
        let values: [String: [String]] = ["convo.redact": ["a+", ""], "convo.allow": ["x"], "convo.keepImages": ["false", "Yes"]]
        let c = RedactionConfig(gitConfig: { values[$0] ?? [] })
        #expect(c == RedactionConfig(extraPatterns: ["a+"], allowPatterns: ["x"], keepImages: true))
    }

    @Test("ArraySlice and non-contiguous input give the same result")
    func inputs() throws {
        let r = try Redactor()
        let gh = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 2)
        let bytes = Array("xx\(gh)\n".utf8)
        let expected = r.redactLine(Array("\(gh)".utf8))
        #expect(r.redactLine(bytes[2..<(bytes.count - 1)]) == expected)
        #expect(r.redactLine(Array(gh.utf8).lazy.map { $0 }) == expected)
    }
}

@Suite("Scan of files")
struct RedactionScanTests {
    @Test("chunked reading finds secrets on the right lines, across chunk boundaries")
    func chunks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let gh = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 2)
        var text = String(repeating: "x", count: SecretScan.chunkSize - 10) + "\n"  // line 1 ends near the boundary
        text += "token " + gh + "\n"  // line 2 straddles it
        text += "clean\n"
        text += "again " + gh  // line 4, no newline
        try text.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        var outLines: [String] = []
        let code = SecretScan.run(paths: [dir.path], json: false, out: { outLines.append($0) }, err: { _ in })
        #expect(code == 1)
        let path = dir.appendingPathComponent("a.jsonl").path
        #expect(outLines == ["\(path):2:github-pat: ghp_…", "\(path):4:github-pat: ghp_…"])
    }
}
