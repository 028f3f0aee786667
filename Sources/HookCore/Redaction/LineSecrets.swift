#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A secret found in a line by a built-in rule: the raw byte range to replace and the rule's index.
package struct RawFinding: Equatable, Sendable {
    package var rule: Int
    package var range: Range<Int>
}

/// Finds the built-in rules' secrets in one line.
///
/// 1. One pass of the keyword automaton over the raw line (base64 payloads skipped) gives the places
///    where some rule may match, and which rules.
/// 2. Each such rule runs there: at the keyword itself for gitleaks' `identifier = value` rules, or
///    in a window as wide as the rule's longest match around it. Rules run independently, so a
///    candidate that fails one rule never hides another rule's match inside it.
/// 3. The same runs again on the line with its JSON escapes decoded, once per level of escaping, where
///    the window holds something decoded at that level; findings map back to raw bytes.
package struct LineSecrets {
    let set: SecretRuleSet
    let data: Pcre2MatchData
    /// Levels deeper than this are not decoded (a line escaped four times over is already unusual).
    static let maximumDepth = 4

    package init(set: SecretRuleSet = .builtin, data: Pcre2MatchData = Pcre2MatchData()) {
        self.set = set
        self.data = data
    }

    private struct Job {
        var rule: Int32
        var rawStart: Int32
        var keywordLength: Int32
    }

    package func find(_ p: UnsafePointer<UInt8>, _ n: Int, skipping payloads: [Range<Int>] = []) -> [RawFinding] {
        var jobs: [Job] = []
        let view = ByteView(p, n)
        var from = 0
        for gap in payloads.map({ $0 }) + [n..<n] {
            if gap.lowerBound > from {
                set.automaton.scan(p, from: from, to: gap.lowerBound) { keyword, start in
                    let end = start + set.automaton.keywords[keyword].count
                    for (r, spelling) in set.keywordRules[keyword] {
                        let hot = set.hot[Int(r)]
                        if hot.boundary && !view.boundaryBefore(start) { continue }
                        if hot.anchored && !LineSecrets.mayAssign(p, n, after: end, minimum: hot.minimumValue) { continue }
                        if let spelling, !spelling.withUnsafeBufferPointer({ memcmp(p + start, $0.baseAddress!, $0.count) == 0 }) { continue }
                        jobs.append(Job(rule: r, rawStart: Int32(start), keywordLength: Int32(set.automaton.keywords[keyword].count)))
                    }
                }
            }
            from = max(from, gap.upperBound)
        }
        guard !jobs.isEmpty else { return [] }
        var findings: [RawFinding] = []
        run(jobs, on: UnsafeBufferPointer(start: p, count: n), level: nil, into: &findings)
        var raw = UnsafeBufferPointer(start: p, count: n)
        guard EscapedText.hasEscapes(raw) else { return LineSecrets.unique(findings) }
        var level = EscapedText(decodingRaw: raw)
        for depth in 1...LineSecrets.maximumDepth {
            level.bytes.withUnsafeBufferPointer { run(jobs, on: $0, level: level, into: &findings) }
            guard depth < LineSecrets.maximumDepth else { break }
            let deeper = level.bytes.withUnsafeBufferPointer { EscapedText.hasEscapes($0) }
            guard deeper else { break }
            level = level.decoded()
        }
        raw = UnsafeBufferPointer(start: nil, count: 0)
        return LineSecrets.unique(findings)
    }

    private static func unique(_ findings: [RawFinding]) -> [RawFinding] {
        var seen = Set<[Int]>()
        return findings.filter { seen.insert([$0.rule, $0.range.lowerBound, $0.range.upperBound]).inserted }
    }

    /// Runs the jobs on one level of the line (`level` nil: the raw line).
    private func run(_ jobs: [Job], on text: UnsafeBufferPointer<UInt8>, level: EscapedText?, into findings: inout [RawFinding]) {
        guard let t = text.baseAddress else { return }
        let n = text.count
        var windows: [(rule: Int, range: Range<Int>)] = []
        for job in jobs {
            let hot = set.hot[Int(job.rule)]
            let q = level?.position(ofRaw: Int(job.rawStart)) ?? Int(job.rawStart)
            guard q < n else { continue }
            let width = hot.window
            if hot.anchored {
                let end = min(n, q + width + 16)
                if let level, !level.decodedHere(in: q..<end) { continue }
                matchAnchored(Int(job.rule), t, n, at: q, end: end, level: level, into: &findings)
            } else {
                // The keyword may be inside the match, or name it just before (`airtable … = pat…`).
                let lo = max(0, q - width - 64)
                let hi = min(n, q + Int(job.keywordLength) + width + 128)
                windows.append((Int(job.rule), lo..<hi))
            }
        }
        windows.sort { $0.rule != $1.rule ? $0.rule < $1.rule : $0.range.lowerBound < $1.range.lowerBound }
        var k = 0
        while k < windows.count {
            let rule = windows[k].rule
            var ranges: [Range<Int>] = []
            while k < windows.count && windows[k].rule == rule {
                ranges.append(windows[k].range)
                k += 1
            }
            for window in LineSecrets.merged(ranges) {
                if let level, !level.decodedHere(in: window) { continue }
                search(rule, t, n, in: window, level: level, into: &findings)
            }
        }
    }

    /// A necessary condition of every keyword-anchored rule (`name <sep> value`), checked on the raw line
    /// where the keyword occurs: at most 32 more name characters, at most 8 quotes, spaces, brackets or
    /// backslashes (escaped quotes), an assignment operator, then a value at least as long as the rule's
    /// shortest secret (up to 8). Rejects most keywords in prose and JSON before any regex runs.
    @inline(__always)
    static func mayAssign(_ t: UnsafePointer<UInt8>, _ n: Int, after start: Int, minimum: Int) -> Bool {
        let table = ByteClass.table
        var i = start
        let nameEnd = min(n, start + 32)
        while i < nameEnd && (table[Int(t[i])] & ByteClass.ident != 0 || t[i] == 0x20 || t[i] == 0x09) { i += 1 }
        var gap = 0
        while i < n && gap < 8 {
            switch t[i] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
                i += 1
                gap += 1
            default:
                gap = 8
            }
        }
        // The operator (`=`, `:=`, `=>`, `?=`, `||`, `,` …), then quotes or spaces, then a value of at least
        // 3 bytes (8 when it is all digits: a count, a port, a line number).
        var operators = 0
        while i < n && operators < 3 {
            switch t[i] {
            case UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "?"), UInt8(ascii: "+"):
                i += 1
                operators += 1
            default:
                operators = operators == 0 ? -1 : 3
            }
            if operators < 0 { return false }
        }
        guard operators > 0 else { return false }
        var lead = 0
        while i < n && lead < 10 {
            switch t[i] {
            case 0x20, 0x09, UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "="):
                i += 1
                lead += 1
            default: lead = 10
            }
        }
        var length = 0
        var digitsOnly = true
        while i < n && length < 8 {
            let c = t[i]
            if c == UInt8(ascii: "\\") {
                // `\/` and `\u…` inside a value, escaped once or more.
                var j = i
                while j < n && t[j] == UInt8(ascii: "\\") { j += 1 }
                if j < n && (t[j] == UInt8(ascii: "/") || t[j] == UInt8(ascii: "u")) {
                    i = j
                    continue
                }
            }
            if c <= 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "\\") || c == UInt8(ascii: ",") || c == UInt8(ascii: "}") { break }
            if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { digitsOnly = false }
            length += 1
            i += 1
        }
        return length >= 8 || (length >= minimum && !digitsOnly)
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    private func matchAnchored(
        _ r: Int, _ t: UnsafePointer<UInt8>, _ n: Int, at q: Int, end: Int, level: EscapedText?,
        into findings: inout [RawFinding]
    ) {
        let regex = set.rules[r].regex
        guard regex.match(t, length: end, from: q, anchored: true, data: data) else { return }
        // A match that reaches the cut may only have ended there because of it: match the whole line.
        if data.range(0)?.upperBound == end && end < n {
            guard regex.match(t, length: n, from: q, anchored: true, data: data) else { return }
        }
        accept(r, t, n, level: level, into: &findings)
    }

    private func search(
        _ r: Int, _ t: UnsafePointer<UInt8>, _ n: Int, in window: Range<Int>, level: EscapedText?,
        into findings: inout [RawFinding]
    ) {
        let regex = set.rules[r].regex
        var start = window.lowerBound
        while start < window.upperBound {
            guard regex.match(t, length: window.upperBound, from: start, data: data), var whole = data.range(0) else { return }
            if whole.upperBound == window.upperBound && window.upperBound < n {
                guard regex.match(t, length: n, from: whole.lowerBound, data: data), let full = data.range(0) else { return }
                whole = full
            }
            accept(r, t, n, level: level, into: &findings)
            start = max(whole.upperBound, whole.lowerBound + 1)
        }
    }

    /// Applies the rule's secret group, entropy, gate and allowlists to the match in `data`.
    private func accept(_ r: Int, _ t: UnsafePointer<UInt8>, _ n: Int, level: EscapedText?, into findings: inout [RawFinding]) {
        let rule = set.rules[r]
        guard let whole = data.range(0) else { return }
        var secret = whole
        if rule.spec.secretGroup > 0 {
            guard let g = data.range(rule.spec.secretGroup) else { return }
            secret = g
        } else if rule.regex.captureCount > 0 {
            for g in 1...rule.regex.captureCount {
                if let range = data.range(g), !range.isEmpty {
                    secret = range
                    break
                }
            }
        }
        // Trailing newlines are not part of a secret (gitleaks trims them too).
        while secret.upperBound > secret.lowerBound && (t[secret.upperBound - 1] == 0x0A || t[secret.upperBound - 1] == 0x0D) {
            secret = secret.lowerBound..<(secret.upperBound - 1)
        }
        guard !secret.isEmpty else { return }
        let value = UnsafeBufferPointer(start: t + secret.lowerBound, count: secret.count)
        if rule.spec.entropy > 0 && Entropy.bitsPerByte(value) <= rule.spec.entropy { return }
        guard ValueGate.accepts(rule.spec.gate, value) else { return }
        // A keyword-anchored rule was matched without gitleaks' identifier prefix ([\w.-]{0,50}?): its
        // `match` allowlists (`rapid…`, `…Idx…Key`) still see the whole identifier.
        var matchStart = whole.lowerBound
        if set.hot[r].anchored {
            while matchStart > 0 && whole.lowerBound - matchStart < 50 && ByteClass.table[Int(t[matchStart - 1])] & ByteClass.ident != 0 { matchStart -= 1 }
        }
        let match = UnsafeBufferPointer(start: t + matchStart, count: whole.upperBound - matchStart)
        let line = LineSecrets.textLine(around: secret, t, n)
        let lineText = UnsafeBufferPointer(start: t + line.lowerBound, count: line.count)
        // The allowlists run their own regexes: keep this match's offsets first.
        let scratch = Pcre2MatchData(captures: 1)
        if set.global.allows(secret: value, match: match, line: lineText, data: scratch) { return }
        for a in rule.allowlists where a.allows(secret: value, match: match, line: lineText, data: scratch) { return }
        let raw = level?.rawRange(of: secret) ?? secret
        findings.append(RawFinding(rule: r, range: raw))
    }

    /// The text line holding `span` (between newlines, `\n` escapes included), at most 1 KB each side.
    private static func textLine(around span: Range<Int>, _ t: UnsafePointer<UInt8>, _ n: Int) -> Range<Int> {
        var s = span.lowerBound
        let sLimit = max(0, s - 1024)
        while s > sLimit && t[s - 1] != 0x0A && !(s >= 2 && t[s - 2] == UInt8(ascii: "\\") && t[s - 1] == UInt8(ascii: "n")) { s -= 1 }
        var e = span.upperBound
        let eLimit = min(n, e + 1024)
        while e < eLimit && t[e] != 0x0A && !(t[e] == UInt8(ascii: "\\") && e + 1 < n && t[e + 1] == UInt8(ascii: "n")) { e += 1 }
        return s..<e
    }
}
