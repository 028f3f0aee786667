/// Redacts secrets from JSONL transcript lines before they are hashed into git.
///
/// The built-in rules (`Rules/secret-rules.toml`, see `LineSecrets`) run on the line and on its
/// decoded JSON escapes; the user's `convo.redact` patterns run as POSIX regexes afterwards;
/// `convo.allow` exceptions keep matching findings.
/// A match is replaced by `[REDACTED:<rule-id>]`, which needs no JSON escaping, so a line that
/// was valid JSON stays valid JSON. Base64 payloads become a placeholder unless `keepImages`.
public final class Redactor: Sendable {
    /// The configuration this redactor was built with.
    public let config: RedactionConfig
    private let custom: [PosixRegex]
    private let allowRegexes: [PosixRegex]
    private let allowLiterals: [[UInt8]]

    /// Compiles the user's patterns. Throws `RedactionError.invalidPattern` for an invalid
    /// `convo.redact` regex; an `convo.allow` entry that is not a valid regex is used literally.
    public init(config: RedactionConfig = .init()) throws(RedactionError) {
        self.config = config
        var custom: [PosixRegex] = []
        for pattern in config.extraPatterns {
            do {
                custom.append(try PosixRegex(pattern))
            } catch {
                throw .invalidPattern(pattern: pattern, message: error.message)
            }
        }
        self.custom = custom
        allowRegexes = config.allowPatterns.compactMap { try? PosixRegex($0) }
        allowLiterals = config.allowPatterns.map { Array($0.utf8) }
    }

    // MARK: - Redaction

    /// Redacts one JSONL line (bytes WITHOUT the trailing "\n"). Never throws: when the line
    /// cannot be redacted safely it fails closed and returns a withheld record instead.
    public func redactLine(_ line: some Collection<UInt8>) -> [UInt8] {
        if let out = line.withContiguousStorageIfAvailable({ redactLine($0) }) { return out }
        return Array(line).withUnsafeBufferPointer { redactLine($0) }
    }

    /// Redacts one JSONL line held in contiguous memory; see `redactLine(_:)`.
    public func redactLine(_ line: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        do {
            return try redactOrThrow(line)
        } catch {
            return Redactor.withheldRecord(reason: error.reason)
        }
    }

    /// Finds secrets without changing anything (for `scan`). Base64 payloads are not scanned.
    public func findings(in line: some Collection<UInt8>) -> [SecretFinding] {
        if let out = line.withContiguousStorageIfAvailable({ findings(in: $0) }) { return out }
        return Array(line).withUnsafeBufferPointer { findings(in: $0) }
    }

    /// Finds secrets in a line held in contiguous memory; see `findings(in:)`.
    public func findings(in line: UnsafeBufferPointer<UInt8>) -> [SecretFinding] {
        guard let base = line.baseAddress, line.count > 0 else { return [] }
        let secrets: [Edit]
        do {
            secrets = try collect(base, line.count).0
        } catch {
            // A user pattern failed: still report what the built-in rules found.
            secrets = builtin(base, line.count, payloads: PayloadScanner(base, line.count).scan())
        }
        return Redactor.distinct(secrets).map { e in
            SecretFinding(
                ruleID: e.rule, range: e.start..<e.end,
                text: String(decoding: UnsafeBufferPointer(start: base + e.start, count: e.end - e.start), as: UTF8.self))
        }
    }

    /// The record that replaces a line that could not be redacted: a valid JSON line holding
    /// `[convo-hook: line withheld: <reason>]`.
    public static func withheldRecord(reason: String) -> [UInt8] {
        let safe = String(
            reason.unicodeScalars.map { s -> Character in
                switch s {
                case "\"": return "'"
                case "\\": return "/"
                default: return s.value < 0x20 || s.value == 0x7F ? " " : Character(s)
                }
            })
        return Array(#"{"type":"convo-hook-withheld","reason":"\#(safe)","text":"[convo-hook: line withheld: \#(safe)]"}"#.utf8)
    }

    // MARK: - Internals

    private struct Edit {
        var start: Int
        var end: Int
        var rule: String
        /// A broad rule's finding: it names a span only when no specific rule's finding overlaps it.
        var fallback = false
        /// Position of the rule in the table (user patterns after every built-in rule).
        var order = Int.max

        /// Whether this finding names an overlapping group rather than `other`: a specific rule
        /// before a broad one, then the wider finding, then the rule earlier in the table.
        func outranks(_ other: Edit) -> Bool {
            if fallback != other.fallback { return !fallback }
            if end - start != other.end - other.start { return end - start > other.end - other.start }
            return order < other.order
        }
    }

    package struct LineFailure: Error {
        package var reason: String
    }

    private func redactOrThrow(_ line: UnsafeBufferPointer<UInt8>) throws(LineFailure) -> [UInt8] {
        guard let p = line.baseAddress, line.count > 0 else { return [] }
        let n = line.count
        let (secrets, payloads) = try collect(p, n)
        if secrets.isEmpty && (payloads.isEmpty || config.keepImages) { return Array(line) }

        // Merge secrets and payload placeholders into one ordered, non-overlapping edit list.
        // `check`: payload spans hold only base64 and `\/`, so they are JSON-safe by construction.
        let json = Redactor.looksLikeJSON(p, n)
        var edits: [(start: Int, end: Int, replacement: [UInt8], check: Bool)] = []
        edits.reserveCapacity(secrets.count + payloads.count)
        for s in Redactor.merged(secrets) {
            let pieces = json ? JSONSpans.safePieces(p, n, s.start..<s.end) : [s.start..<s.end]
            for piece in pieces { edits.append((piece.lowerBound, piece.upperBound, Array("[REDACTED:\(s.rule)]".utf8), true)) }
        }
        if !config.keepImages {
            for pl in payloads {
                edits.removeAll { $0.start < pl.end && pl.start < $0.end }
                let raw = UnsafeBufferPointer(start: p + pl.start, count: pl.end - pl.start)
                edits.append((pl.start, pl.end, PayloadPlaceholder.make(raw, mediaType: pl.mediaType), false))
            }
        }
        edits.sort { $0.start < $1.start }

        var out: [UInt8] = []
        out.reserveCapacity(n)
        var pos = 0
        for e in edits {
            if json && e.check && !Redactor.isJSONSafe(p, n, e.start, e.end) {
                throw LineFailure(reason: "a match at bytes \(e.start)-\(e.end) crosses a JSON string boundary")
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: e.start - pos))
            out.append(contentsOf: e.replacement)
            pos = e.end
        }
        out.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: n - pos))
        return out
    }

    /// Built-in and custom findings (allow-listed ones removed, overlaps resolved) and payloads.
    private func collect(_ p: UnsafePointer<UInt8>, _ n: Int) throws(LineFailure) -> ([Edit], [PayloadSpan]) {
        let payloads = PayloadScanner(p, n).scan()
        var edits = builtin(p, n, payloads: payloads)
        if !custom.isEmpty {
            let line = UnsafeBufferPointer(start: p, count: n)
            for (k, re) in custom.enumerated() {
                let ranges: [Range<Int>]
                do {
                    ranges = try re.matches(in: line)
                } catch {
                    throw LineFailure(reason: "convo.redact pattern \(k + 1): \(error.message)")
                }
                for r in ranges where !payloads.contains(where: { $0.start < r.upperBound && r.lowerBound < $0.end }) || config.keepImages {
                    edits.append(Edit(start: r.lowerBound, end: r.upperBound, rule: "custom-\(k + 1)"))
                }
            }
            edits.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
            var merged: [Edit] = []
            for e in edits {
                if let last = merged.last, e.start < last.end { continue }
                merged.append(e)
            }
            edits = merged
        }
        if !allowLiterals.isEmpty && !edits.isEmpty {
            edits.removeAll { isAllowed(Array(UnsafeBufferPointer(start: p + $0.start, count: $0.end - $0.start))) }
        }
        return (edits, payloads)
    }

    /// The built-in rules' findings, in line order.
    private func builtin(_ p: UnsafePointer<UInt8>, _ n: Int, payloads: [PayloadSpan]) -> [Edit] {
        let set = SecretRuleSet.builtin
        return LineSecrets(set: set).find(p, n, skipping: payloads.map { $0.start..<$0.end })
            .map { Edit(start: $0.range.lowerBound, end: $0.range.upperBound, rule: set.rules[$0.rule].spec.id, fallback: set.rules[$0.rule].spec.fallback, order: $0.rule) }
            .sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
    }

    /// One finding per group of overlapping ones: the one that names the group.
    private static func distinct(_ edits: [Edit]) -> [Edit] {
        var out: [Edit] = []
        var groupEnd = -1
        for e in edits.sorted(by: { $0.start < $1.start }) {
            if let last = out.last, e.start < groupEnd {
                if e.outranks(last) { out[out.count - 1] = e }
                groupEnd = max(groupEnd, e.end)
            } else {
                out.append(e)
                groupEnd = e.end
            }
        }
        return out
    }

    /// Overlapping findings become one span, named by the finding that outranks the others.
    private static func merged(_ edits: [Edit]) -> [Edit] {
        var out: [Edit] = []
        var namer: Edit?
        for e in edits.sorted(by: { $0.start < $1.start }) {
            if var last = out.last, let current = namer, e.start < last.end {
                if e.outranks(current) {
                    namer = e
                    last.rule = e.rule
                }
                last.end = max(last.end, e.end)
                out[out.count - 1] = last
            } else {
                out.append(e)
                namer = e
            }
        }
        return out
    }

    private func isAllowed(_ text: [UInt8]) -> Bool {
        for lit in allowLiterals where !lit.isEmpty && Redactor.contains(text, lit) { return true }
        for re in allowRegexes where re.matches(text) { return true }
        return false
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count else { return false }
        for s in 0...(hay.count - needle.count) where hay[s] == needle[0] {
            if hay[s..<(s + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// First non-blank byte is `{` or `[`.
    private static func looksLikeJSON(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var k = 0
        while k < n && (p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0D) { k += 1 }
        return k < n && (p[k] == UInt8(ascii: "{") || p[k] == UInt8(ascii: "["))
    }

    /// Replacing `[start, end)` keeps a JSON string valid: the span starts and ends outside any
    /// escape sequence and holds no unescaped `"`.
    package static func isJSONSafe(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int, _ end: Int) -> Bool {
        var backslashes = 0
        var k = start - 1
        while k >= 0 && p[k] == UInt8(ascii: "\\") {
            backslashes += 1
            k -= 1
        }
        if backslashes % 2 == 1 { return false }
        // Inside `\uXXXX`?
        for d in 2...5 where start - d >= 0 && p[start - d] == UInt8(ascii: "\\") && p[start - d + 1] == UInt8(ascii: "u") {
            var hex = true
            for h in (start - d + 2)..<start where ByteView.hexValue(p[h]) == nil { hex = false }
            if hex { return false }
        }
        k = start
        while k < end {
            let c = p[k]
            if c == UInt8(ascii: "\\") {
                if k + 1 >= end { return false }
                k += 2
            } else if c == UInt8(ascii: "\"") {
                return false
            } else {
                k += 1
            }
        }
        return true
    }
}
