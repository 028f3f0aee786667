import Foundation
import HookKit

/// Recall and false-positive rate on gitleaks' own per-rule samples (`Benchmarks/gitleaks-samples.jsonl`:
/// every true- and false-positive string gitleaks validates its default rules with), each written in
/// three transcript places (a prompt, a tool result, a tool call input), for convo-hook and, on the
/// same lines, detect-secrets.
struct GitleaksSamplesBenchmark {
    let samplesPath: String
    let detectSecretsPython: String?
    let helperScript: String

    struct Line {
        var rule: String
        var positive: Bool
        var context: String
        var bytes: [UInt8]
    }

    struct Rates {
        var truePositives = 0, caught = 0, falsePositives = 0, flagged = 0
        var missedByRule: [String: Int] = [:]
        var flaggedByRule: [String: Int] = [:]
        var recall: Double { truePositives == 0 ? 0 : Double(caught) / Double(truePositives) }
        var falsePositiveRate: Double { falsePositives == 0 ? 0 : Double(flagged) / Double(falsePositives) }
    }

    static func contexts(_ text: String) throws -> [(String, [UInt8])] {
        func line(_ object: Any) throws -> [UInt8] { [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])) }
        return [
            ("prompt", try line(["type": "user", "message": ["role": "user", "content": text]])),
            ("tool result", try line(["type": "user", "message": ["role": "user", "content": [["type": "tool_result", "tool_use_id": "toolu_01", "content": text]]]])),
            (
                "tool call",
                try line(["type": "assistant", "message": ["role": "assistant", "content": [["type": "tool_use", "id": "toolu_01", "name": "Bash", "input": ["command": text]]]]])
            ),
        ]
    }

    func lines() throws -> (source: String, lines: [Line]) {
        let text = try String(contentsOfFile: samplesPath, encoding: .utf8)
        var source = "gitleaks"
        var out: [Line] = []
        for raw in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any] else { continue }
            if let s = object["source"] as? String {
                source = s
                continue
            }
            guard let rule = object["id"] as? String else { continue }
            for (positive, key) in [(true, "tps"), (false, "fps")] {
                for sample in object[key] as? [String] ?? [] {
                    for (context, bytes) in try Self.contexts(sample) { out.append(Line(rule: rule, positive: positive, context: context, bytes: bytes)) }
                }
            }
        }
        return (source, out)
    }

    func ours(_ lines: [Line], redactor: Redactor) -> (Rates, Double) {
        var r = Rates()
        let t0 = Date()
        for line in lines {
            let found = !redactor.findings(in: line.bytes).isEmpty
            if line.positive {
                r.truePositives += 1
                if found { r.caught += 1 } else { r.missedByRule[line.rule, default: 0] += 1 }
            } else {
                r.falsePositives += 1
                if found {
                    r.flagged += 1
                    r.flaggedByRule[line.rule, default: 0] += 1
                }
            }
        }
        return (r, Date().timeIntervalSince(t0))
    }

    func detectSecrets(_ lines: [Line], dir: URL) throws -> (Rates, Double)? {
        guard let python = detectSecretsPython else { return nil }
        let file = dir.appendingPathComponent("gitleaks-samples-in-transcripts.jsonl")
        var all = Data()
        for line in lines {
            all.append(contentsOf: line.bytes)
            all.append(0x0A)
        }
        try all.write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [helperScript, file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        let t0 = Date()
        try p.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(t0)
        guard p.terminationStatus == 0 else { throw BenchError(description: "detect-secrets helper exited \(p.terminationStatus)") }
        var flaggedLines = Set<Int>()
        for row in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let f = row.split(separator: " ")
            if f.count >= 2, let n = Int(f[0]), let c = Int(f[1]), c > 0 { flaggedLines.insert(n) }
        }
        var r = Rates()
        for (k, line) in lines.enumerated() {
            let found = flaggedLines.contains(k + 1)
            if line.positive {
                r.truePositives += 1
                if found { r.caught += 1 } else { r.missedByRule[line.rule, default: 0] += 1 }
            } else {
                r.falsePositives += 1
                if found {
                    r.flagged += 1
                    r.flaggedByRule[line.rule, default: 0] += 1
                }
            }
        }
        return (r, seconds)
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }

    /// The RESULTS.md section.
    func report(redactor: Redactor, dir: URL, log: (String) -> Void) throws -> String {
        let (source, lines) = try lines()
        log("gitleaks samples: \(lines.count) transcript lines from \(source)")
        let (mine, mySeconds) = ours(lines, redactor: redactor)
        let ds = try detectSecrets(lines, dir: dir)
        let rules = Set(lines.map(\.rule)).count
        var s = """
            ### gitleaks' per-rule samples

            Every true- and false-positive sample gitleaks (\(source)) validates its \(rules) default rules with \
            (`Benchmarks/gitleaks-samples.jsonl`), each written as a prompt, a tool result and a tool call input \
            of a Claude Code JSONL line (JSON-escaped): \(mine.truePositives) true-positive and \(mine.falsePositives) \
            false-positive lines. A line counts as caught (or flagged) when the scanner reports anything on it; \
            detect-secrets 1.5.0 runs its own line scan (plugins and filters of `scan --all-files`) on each line \
            separately, so a secret repeated on many lines is counted on each.

            | | recall on true positives | false positives flagged | time |
            |---|---|---|---|
            | convo-hook | **\(Self.percent(mine.recall))** (\(mine.caught)/\(mine.truePositives)) | **\(Self.percent(mine.falsePositiveRate))** (\(mine.flagged)/\(mine.falsePositives)) | \(String(format: "%.2f s", mySeconds)) |

            """
        if let (d, seconds) = ds {
            s +=
                "| detect-secrets 1.5.0 | \(Self.percent(d.recall)) (\(d.caught)/\(d.truePositives)) | \(Self.percent(d.falsePositiveRate)) (\(d.flagged)/\(d.falsePositives)) | \(String(format: "%.1f s", seconds)) |\n"
        }
        let missed = mine.missedByRule.sorted { $0.value > $1.value }.map { "\($0.key) (\($0.value))" }
        let flagged = mine.flaggedByRule.sorted { $0.value > $1.value }.map { "\($0.key) (\($0.value))" }
        s += "\nconvo-hook's misses by rule: \(missed.isEmpty ? "none" : missed.joined(separator: ", ")).\n"
        s += "False positives it flags, by the rule whose sample it is: \(flagged.isEmpty ? "none" : flagged.joined(separator: ", ")).\n"
        return s
    }
}
