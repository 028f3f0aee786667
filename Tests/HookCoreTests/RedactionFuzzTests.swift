import Foundation
import Testing

@testable import HookCore

@Suite("Redaction round-trip on random fragments")
struct RedactionFuzzTests {
    static let fragments: [String] =
        Samples.all.map(\.text) + [
            "\\", "\"", "'", ":", "=", "://", "@", "/", "-", "--", "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----",
            "password=", "secret: ", "\"token\":\"", "data:image/png;base64,", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
            "AKIA", "sk-", "ghp_", "xoxb-", "eyJ", "hooks.slack.com/services/", " ", "\n", "\t", "\u{1F600}", "é", "\\u002b",
            "\u{0}", "\u{1F}", "https://u:", "postgres://a:b@", "Password=", ";", "&", "AIza", "SK", "dapi",
        ]

    @Test("redacted lines always parse, and planted tokens never survive")
    func fuzz() throws {
        let redactor = try Redactor()
        var x: UInt64 = 0x1234_5678
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int(x % 12 + 1) {
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += Self.fragments[Int((x >> 33) % UInt64(Self.fragments.count))]
            }
            let line = try JSONL.line(JSONL.userRecord(text), escapeSlashes: x & 1 == 0)
            let out = redactor.redactLine(line)
            let parsed = try JSONL.parse(out)
            #expect(JSONL.text(of: parsed) != nil || out.string.contains("convo-hook-withheld"), "\(text)")
            // Redacting the plain text never crashes either.
            _ = redactor.redactLine(Array(text.utf8))
            _ = redactor.findings(in: Array(text.utf8))
        }
    }
}
