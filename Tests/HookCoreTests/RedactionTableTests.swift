import Foundation
import Testing

@testable import HookCore

/// Every row of `Rules/secret-rules.toml`: its true positive is redacted and its false positive left
/// alone, in each place a transcript holds text and however many times that text was JSON-escaped.
@Suite("Redaction table")
struct RedactionTableTests {
    static let rules = SecretRuleTable.specs.map(\.id)
    let redactor = try! Redactor()

    /// The transcript contexts a line of text appears in (shapes of Claude Code's JSONL records).
    enum Context: String, CaseIterable, CustomStringConvertible {
        case prompt, toolResult, toolCall, toolResultOfPrintedJSON, promptEscapedThrice
        var description: String { rawValue }

        func line(_ text: String) throws -> [UInt8] {
            switch self {
            case .prompt:
                return try JSONL.line(["type": "user", "message": ["role": "user", "content": text]])
            case .toolResult:
                return try JSONL.line(JSONL.userRecord(text))
            case .toolCall:
                return try JSONL.line([
                    "type": "assistant",
                    "message": [
                        "role": "assistant",
                        "content": [
                            ["type": "tool_use", "id": "toolu_01", "name": "Bash", "input": ["command": text, "description": "run"]]
                        ],
                    ],
                ])
            case .toolResultOfPrintedJSON:
                // `cat config.json` printed a JSON file whose string holds the text: escaped twice.
                let printed = String(decoding: try JSONL.line(["config": text]), as: UTF8.self)
                return try JSONL.line(JSONL.userRecord("$ cat config.json\n" + printed))
            case .promptEscapedThrice:
                let once = String(decoding: try JSONL.line(["v": text]), as: UTF8.self)
                let twice = String(decoding: try JSONL.line(["v": once]), as: UTF8.self)
                return try JSONL.line(["type": "user", "message": ["role": "user", "content": twice]])
            }
        }
    }

    static func spec(_ id: String) -> SecretRuleSpec { SecretRuleTable.specs.first { $0.id == id }! }

    /// What the rule itself finds in `text` (other rules' findings aside).
    static func ruleFindings(_ id: String, in text: [UInt8]) -> [String] {
        let set = SecretRuleSet.builtin
        return text.withUnsafeBufferPointer { b in
            LineSecrets(set: set).find(b.baseAddress!, b.count).filter { set.rules[$0.rule].spec.id == id }
                .map { String(decoding: b[$0.range], as: UTF8.self) }
        }
    }

    /// The secrets the rule itself reports in its plain true-positive sample.
    func secrets(of spec: SecretRuleSpec) -> [String] {
        Self.ruleFindings(spec.id, in: Array(spec.truePositive.utf8))
    }

    @Test("the true positive is found in plain text", arguments: rules)
    func truePositivePlain(_ id: String) {
        let spec = Self.spec(id)
        #expect(!secrets(of: spec).isEmpty, "\(id) misses its sample: \(spec.truePositive)")
    }

    @Test("the true positive is redacted in every transcript context", arguments: rules, Context.allCases)
    func truePositiveInContext(_ id: String, _ context: Context) throws {
        let spec = Self.spec(id)
        let line = try context.line(spec.truePositive)
        let out = redactor.redactLine(line)
        let text = try #require(try? JSONL.deepText(out), "not JSON any more: \(out.string)")
        for secret in secrets(of: spec) where secret.count >= 4 {
            #expect(!text.contains(Self.core(secret)), "\(id) in \(context): \(out.string)")
        }
    }

    @Test("the false positive is not flagged by its rule in any context", arguments: rules, Context.allCases)
    func falsePositive(_ id: String, _ context: Context) throws {
        let spec = Self.spec(id)
        let line = try context.line(spec.falsePositive)
        let flagged = Self.ruleFindings(id, in: line)
        #expect(flagged.isEmpty, "\(id) flags \(flagged) in \(context)")
        #expect(Self.ruleFindings(id, in: Array(spec.falsePositive.utf8)).isEmpty, "\(id) flags its plain false positive")
    }

    /// The secret without the quotes and escapes a deeper level adds around it.
    static func core(_ secret: String) -> String {
        String(secret.split(whereSeparator: { "\\\"\n".contains($0) }).max(by: { $0.count < $1.count }) ?? Substring(secret))
    }

    @Test("the table file and the generated Swift agree")
    func generatedTableIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Scripts/generate-secret-rules.py", "--check"]
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "run Scripts/generate-secret-rules.py after editing Rules/secret-rules.toml")
    }
}

extension JSONL {
    /// Every string in a JSON value, decoded again while it parses as JSON, joined.
    static func deepText(_ bytes: [UInt8]) throws -> String {
        func strings(_ value: Any) -> [String] {
            switch value {
            case let s as String:
                if let inner = try? JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed]), !(inner is String) {
                    return [s] + strings(inner)
                }
                let lines = s.split(separator: "\n").compactMap { line -> [String]? in
                    guard line.first == "{", let inner = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else { return nil }
                    return strings(inner)
                }
                return [s] + lines.flatMap { $0 }
            case let a as [Any]: return a.flatMap(strings)
            case let d as [String: Any]: return d.values.flatMap(strings)
            default: return []
            }
        }
        return strings(try parse(bytes)).joined(separator: "\n")
    }
}

@Suite("Keyword automaton")
struct KeywordAutomatonTests {
    @Test("four interleaved streams find exactly what a naive search finds, at every split")
    func streamsAgreeWithNaiveSearch() {
        let keywords = ["token", "ghp_", "-----begin", "ey", "s.", "password", "api_key"]
        let automaton = KeywordAutomaton(keywords)
        var x: UInt64 = 7
        let alphabet = Array("aeiostnk_-.pyghBEGIN ".utf8)
        for length in [0, 1, 50, 257, 1000, 4099] {
            var text: [UInt8] = []
            for _ in 0..<length {
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(x >> 33) % alphabet.count])
                if x % 97 == 0 { text += Array(keywords[Int(x >> 40) % keywords.count].uppercased().utf8) }
            }
            var found: [String] = []
            text.withUnsafeBufferPointer { b in
                if let base = b.baseAddress { automaton.scan(base, from: 0, to: b.count) { k, s in found.append("\(k)@\(s)") } }
            }
            var expected: [String] = []
            let lower = text.map(ByteView.lower)
            for (k, word) in keywords.enumerated() {
                let w = Array(word.utf8)
                if lower.count >= w.count { for s in 0...(lower.count - w.count) where Array(lower[s..<(s + w.count)]) == w { expected.append("\(k)@\(s)") } }
            }
            #expect(found.sorted() == expected.sorted(), "length \(length)")
        }
    }
}
