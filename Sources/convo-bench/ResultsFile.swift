import Foundation

/// Benchmarks/RESULTS.md: each benchmark owns one `## ` section and replaces only that one.
enum ResultsFile {
    /// Replaces the section starting with the line `heading` (up to the next `## ` heading) with
    /// `section`, or appends it; sections stay one blank line apart.
    static func replaceSection(_ heading: String, with section: String, in path: String) throws {
        var body = section
        while body.hasSuffix("\n") { body.removeLast() }
        body += "\n"
        var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmark results\n"
        if let start = text.range(of: heading + "\n") {
            if let next = text[start.upperBound...].range(of: "\n## ") {
                text.replaceSubrange(start.lowerBound..<text.index(after: next.lowerBound), with: body + "\n")
            } else {
                text.replaceSubrange(start.lowerBound..<text.endIndex, with: body)
            }
        } else {
            while !text.hasSuffix("\n\n") { text += "\n" }
            text += body
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
