/// What one source line becomes in the archive: normalized by its source (nil drops it), then redacted.
/// Capture and the planner (writing a lost part again) must produce the same bytes, so both use this.
package struct ArchiveLinePipeline {
    package let source: any TranscriptSource
    package let redactor: Redactor

    package init(source: any TranscriptSource, redactor: Redactor) {
        self.source = source
        self.redactor = redactor
    }

    /// The archive bytes of one complete source line (without its `\n`); nil when the source drops it.
    /// `privateKeyLines` carries a plain-text private-key block from line to line.
    package func archiveLine(_ line: [UInt8], privateKeyLines: inout Int?) -> [UInt8]? {
        guard let normalized = source.normalize(line) else { return nil }
        return MultiLinePrivateKey.redact(normalized, linesInside: &privateKeyLines, using: redactor)
    }

    /// Reads archive lines `first…last` again from the source, starting at `start` where archive line
    /// `startLine` begins; nil when the source no longer holds them.
    package func lines(
        _ first: Int, through last: Int, from path: String, start: UInt64, startLine: Int,
        privateKeyLines: Int?
    ) -> [UInt8]? {
        var number = startLine
        var keyLines = privateKeyLines
        var out: [UInt8] = []
        struct Done: Error {}
        do {
            _ = try LineChunks.read(path: path, from: start, to: nil) { line in
                guard let archived = archiveLine(Array(line), privateKeyLines: &keyLines) else { return }
                if number >= first {
                    out += archived
                    out.append(UInt8(ascii: "\n"))
                }
                number += 1
                if number > last { throw Done() }
            }
        } catch is Done {
        } catch {
            return nil
        }
        return number > last ? out : nil
    }
}

extension JSONLineFields {
    /// True when `bytes` hold exactly one complete JSON object (surrounding whitespace allowed): a last
    /// line whose newline has not been written yet may be archived without it.
    package static func isCompleteObject(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(buffer)
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "{"), scanner.skipValue() else { return false }
            scanner.skipWhitespace()
            return scanner.peek == nil
        }
    }
}
