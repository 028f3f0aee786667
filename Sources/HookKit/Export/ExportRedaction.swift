import HookCore

/// Applies the current redaction rules to exported text, line by line: every finding becomes
/// `[REDACTED:<rule-id>]`. Markdown is not JSON, so spans are replaced as found.
struct ExportRedaction {
    let redactor: Redactor

    func redact(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { redactLine(Array($0.utf8)) }.joined(separator: "\n")
    }

    private func redactLine(_ line: [UInt8]) -> String {
        let findings = redactor.findings(in: line).sorted { $0.range.lowerBound < $1.range.lowerBound }
        guard !findings.isEmpty else { return String(decoding: line, as: UTF8.self) }
        var out: [UInt8] = []
        var position = 0
        for finding in findings where finding.range.lowerBound >= position && finding.range.upperBound <= line.count {
            out += line[position..<finding.range.lowerBound]
            out += Array("[REDACTED:\(finding.ruleID)]".utf8)
            position = finding.range.upperBound
        }
        out += line[position...]
        return String(decoding: out, as: UTF8.self)
    }
}
