import Glibc

/// Invariants the fuzz target (`Sources/convo-fuzz`) and its regression tests check on arbitrary bytes.
/// Each returns a description of the violation, or nil when the invariant holds.
public enum RobustnessChecks {
    /// The line reader hands out exactly the complete lines of `data`, in order, and stops after the last `\n`.
    public static func lineReader(_ data: [UInt8], scratchFile: String) -> String? {
        let fd = open(scratchFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        var joined: [UInt8] = []
        let end: UInt64
        do {
            end = try LineChunks.read(path: scratchFile, from: 0, to: nil) { line in
                if line.contains(UInt8(ascii: "\n")) { joined.append(0) }
                joined += line
                joined.append(UInt8(ascii: "\n"))
            }
        } catch {
            return "read failed: \(error)"
        }
        let expectedEnd = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        guard end == UInt64(expectedEnd) else { return "offset \(end), expected \(expectedEnd)" }
        guard joined[...] == data[..<expectedEnd] else { return "lines differ from the input" }
        return nil
    }

    /// Redaction of any line terminates, never produces a newline, and never leaves a line that a
    /// second pass would still find secrets in.
    public static func redactor(_ data: [UInt8], using redactor: Redactor) -> String? {
        let line = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? []
        let out = redactor.redactLine(line)
        guard !out.contains(UInt8(ascii: "\n")) else { return "redacted line contains a newline" }
        let left = redactor.findings(in: out).filter { !$0.text.hasPrefix("[REDACTED:") }
        guard left.isEmpty else { return "secret left after redaction: \(left[0].ruleID)" }
        return nil
    }

    /// The readers' JSON parser and every source's event mapping take any bytes: a parsed value's text is
    /// the input's, and every event names the line it came from.
    public static func eventReaders(_ data: [UInt8]) -> String? {
        var lines: [ArraySlice<UInt8>] = []
        ArchiveReader.splitLines(data) { lines.append($0) }
        for line in lines.prefix(64) {
            if let doc = JSONDocument.parse(line) {
                let text = doc.root.rawText
                let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: " \t\r\n")
                if doc.root.kind != .string, text != trimmed { return "parsed value \(text.prefix(40)) is not the input" }
                _ = doc.root.stringLeaves(limit: 1 << 16)
            }
        }
        for source in TranscriptSources.all(customSources: ["fuzz=/nonexistent"]) {
            var reader = source.eventReader(stream: "main")
            var events: [ConversationEvent] = []
            for (k, line) in lines.prefix(64).enumerated() {
                let before = events.count
                reader.read(line, number: k + 1, into: &events)
                if events[before...].contains(where: { $0.line < 1 || $0.line > k + 1 }) { return "\(source.name): an event names a line it did not come from" }
            }
            reader.finish(into: &events)
            _ = SessionTranscript.lastRevisions(events)
        }
        return nil
    }
}
