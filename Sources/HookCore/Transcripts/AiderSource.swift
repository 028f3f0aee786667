/// Aider: `<repoRoot>/.aider.chat.history.md`, one session per block that starts with a line
/// `# aider chat started at YYYY-MM-DD HH:MM:SS` (Aider writes `\n# aider chat started at …\n\n`
/// on every start). Each block is a byte range of the file, from its heading line to the next
/// heading (the last one open-ended). Headings are indexed incrementally in the cache.
public struct AiderSource: TranscriptSource {
    public var name: String { "aider" }

    /// File name of Aider's default chat history, in the repository root.
    public static let historyFileName = ".aider.chat.history.md"
    package static let headingPrefix = Array("# aider chat started at ".utf8)

    public init() {}

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        guard !context.repoRoot.isEmpty else { return [] }
        let path = SourceContext.joined(context.repoRoot, AiderSource.historyFileName)
        guard let info = FileProbe.info(path), info.kind == .file else { return [] }
        let index = AiderSource.index(path, size: info.size, cache: &cache)
        var result: [SessionLocator] = []
        var used: [String: Int] = [:]
        for (k, start) in index.starts.enumerated() {
            var id = AiderSource.sessionID(fromHeading: index.labels[k])
            if let n = used[id] {
                used[id] = n + 1
                id += "-\(n + 1)"
            } else {
                used[id] = 1
            }
            let end = k + 1 < index.starts.count ? index.starts[k + 1] : nil
            result.append(
                SessionLocator(
                    source: name, sessionID: id,
                    streams: [TranscriptStream(path: path, startOffset: start, endOffset: end)]))
        }
        return result
    }

    /// Heading offsets of `path`, continuing the cached scan when the file only grew.
    package static func index(_ path: String, size: UInt64, cache: inout SourceHeadCache) -> SourceHeadCache.SegmentIndex {
        var index = cache.segmentIndex(path) ?? .init()
        if size < index.scannedBytes || !lastHeadingStillThere(path, index) { index = .init() }
        if size == index.scannedBytes { return index }
        cache.noteRead()
        // Stream the new bytes; keep only the first bytes of the current line (a heading is short).
        let keep = 256
        var offset = index.scannedBytes
        var lineStart = offset
        var lineHead: [UInt8] = []
        while offset < size {
            guard let bytes = HeadReader.read(path, offset: offset, cap: 1 << 20), !bytes.isEmpty else { break }
            let chunkStart = offset
            offset += UInt64(bytes.count)
            var i = 0
            while i < bytes.count {
                let nl = bytes[i...].firstIndex(of: 0x0A)
                let stop = nl ?? bytes.count
                if lineHead.count < keep { lineHead.append(contentsOf: bytes[i..<min(stop, i + keep - lineHead.count)]) }
                guard let nl else { break }
                if let label = headingLabel(lineHead[...]) {
                    index.starts.append(lineStart)
                    index.labels.append(label)
                }
                lineHead.removeAll(keepingCapacity: true)
                i = nl + 1
                lineStart = chunkStart + UInt64(i)
            }
        }
        index.scannedBytes = lineStart  // resume at the start of the incomplete line
        cache.storeSegments(path, index)
        return index
    }

    /// Whether the byte at the last known heading still starts a heading (file not rewritten).
    package static func lastHeadingStillThere(_ path: String, _ index: SourceHeadCache.SegmentIndex) -> Bool {
        guard let last = index.starts.last else { return true }
        guard let bytes = HeadReader.read(path, offset: last, cap: headingPrefix.count) else { return false }
        return bytes.count == headingPrefix.count && lowered(bytes[...]).elementsEqual(headingPrefix)
    }

    package static func lowered(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    /// The text after the heading prefix (old Aider wrote "Aider" capitalized), trimmed.
    package static func headingLabel(_ line: ArraySlice<UInt8>) -> String? {
        guard line.count >= headingPrefix.count,
            lowered(line.prefix(headingPrefix.count)).elementsEqual(headingPrefix)
        else { return nil }
        let rest = String(decoding: line.dropFirst(headingPrefix.count), as: UTF8.self)
        return String(Substring(rest).trimmingCharacters(in: " \t\r"))
    }

    /// `2024-05-01 10:00:00` → `2024-05-01-10-00-00` (any run of characters outside
    /// `[A-Za-z0-9]` becomes one `-`).
    package static func sessionID(fromHeading label: String) -> String {
        var out = ""
        var dash = false
        for ch in label {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                out.append(ch)
                dash = false
            } else if !dash && !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "session" : out
    }

    /// `2024-05-01 10:00:00` → `2024-05-01T10:00:00` (Aider writes local time without a zone).
    package static func isoTimestamp(fromHeading label: String) -> String? {
        let parts = label.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].count == 10, parts[1].count >= 8 else { return nil }
        return "\(parts[0])T\(parts[1])"
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        guard !context.repoRoot.isEmpty else { return [] }
        let path = SourceContext.joined(context.repoRoot, AiderSource.historyFileName)
        // `[ missing -nt stamp ]` is false and turns true once the file is created: no need to watch
        // the root folder, whose mtime moves with every file the user creates.
        return [path]
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        metadata.lineCount += 1
        var body = line[...]
        while let last = body.last, last == 0x0A || last == 0x0D { body = body.dropLast() }
        if let label = AiderSource.headingLabel(body) {
            metadata.noteTimestamp(AiderSource.isoTimestamp(fromHeading: label) ?? label)
            return
        }
        let userPrefix = Array("#### ".utf8)
        if metadata.title == nil, body.starts(with: userPrefix) {
            metadata.offerPrompt(String(decoding: body.dropFirst(userPrefix.count), as: UTF8.self))
        }
    }
}
