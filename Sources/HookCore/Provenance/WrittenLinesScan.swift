/// post-commit's index of a session's written lines, built from `WrittenLinesCache`'s bytes in time that
/// grows with the commit, not with the session: of all the lines the calls wrote, only those
/// `WrittenLines.match` can look at for the commit's lines are indexed —
/// - those equal to one of the lines (the last one written: post-commit counts no time limit);
/// - fragments sharing a word with one of them (the last `candidateLimit` per word: the postings' suffix
///   `match` looks at);
/// - entries holding a line's key word (its two words held by the fewest entries of the file, counted on
///   the whole file in a first pass; the last `candidateLimit` per word).
/// The result matches like the whole session's index. Both passes work on bytes with 64-bit hashes;
/// strings are made only for the entries kept.
struct WrittenLinesScan {
    let paths: [String]
    let lines: [String]

    private struct Entry {
        var path: Int
        var chunk: Int
        var text: Range<Int>
        var isFragment: Bool
        /// This entry's words (those among the lines' words) in `words[wordsStart..<wordsEnd]`.
        var wordsStart: Int
        var wordsEnd: Int
    }

    func index(_ chunks: [[UInt8]]) -> WrittenLines {
        let lineWords = lines.map { Array(Set(CodeLine.words($0))) }
        var wordByHash: [UInt64: Substring] = [:]
        for words in lineWords { for w in words { wordByHash[WrittenLinesScan.hash(w.utf8)] = w } }
        let textHashes = Set(lines.map { WrittenLinesScan.hash($0.utf8) })

        // Every entry of a wanted file: its path (an index into `pathNames`), its text's place in its chunk.
        var pathNames: [String] = []
        var pathIndex: [UInt64: Int?] = [:]
        var entries: [Entry] = []
        var words: [UInt64] = []
        for (c, chunk) in chunks.enumerated() {
            chunk.withUnsafeBufferPointer { buf in
                var start = 0
                while start < buf.count {
                    var end = start
                    while end < buf.count, buf[end] != 0x0A { end += 1 }
                    defer { start = end + 1 }
                    guard end - start > 4, buf[start] == UInt8(ascii: "W"), buf[start + 1] == 0x09, buf[start + 3] == 0x09 else { continue }
                    let pathStart = start + 4
                    var pathEnd = pathStart
                    while pathEnd < end, buf[pathEnd] != 0x09 { pathEnd += 1 }
                    guard pathEnd < end else { continue }
                    let h = WrittenLinesScan.hash(UnsafeBufferPointer(rebasing: buf[pathStart..<pathEnd]))
                    if pathIndex[h] == nil {
                        let name = String(decoding: UnsafeBufferPointer(rebasing: buf[pathStart..<pathEnd]), as: UTF8.self)
                        if paths.contains(where: { WrittenLines.samePath(name, $0) }) {
                            pathNames.append(name)
                            pathIndex[h] = pathNames.count - 1
                        } else {
                            pathIndex[h] = .some(nil)
                        }
                    }
                    guard let p = pathIndex[h] ?? nil else { continue }
                    let first = words.count
                    WrittenLinesScan.wordHashes(UnsafeBufferPointer(rebasing: buf[(pathEnd + 1)..<end]), among: wordByHash, into: &words)
                    entries.append(
                        Entry(path: p, chunk: c, text: (pathEnd + 1)..<end, isFragment: buf[start + 2] == UInt8(ascii: "F"), wordsStart: first, wordsEnd: words.count))
                }
            }
        }

        // Pass 1: per file, how many entries hold each word of the lines; then each line's key words there.
        var counts: [Int: [UInt64: Int]] = [:]
        for entry in entries {
            for w in words[entry.wordsStart..<entry.wordsEnd] { counts[entry.path, default: [:]][w, default: 0] += 1 }
        }
        var keys = Set<UInt64>()
        for (p, held) in counts {
            for line in lines {
                for key in WrittenLines.keyWords(line, count: { held[WrittenLinesScan.hash($0.utf8)] }) {
                    keys.insert(WrittenLinesScan.combine(p, WrittenLinesScan.hash(key.utf8), tag: 1))
                }
            }
        }

        // Pass 2: the entries match can reach.
        var latest: [UInt64: Int] = [:]
        var rings: [UInt64: [Int]] = [:]
        func push(_ ring: UInt64, _ k: Int) {
            rings[ring, default: []].append(k)
            if rings[ring]!.count > WrittenLines.candidateLimit { rings[ring]!.removeFirst() }
        }
        for (k, entry) in entries.enumerated() {
            let t = chunks[entry.chunk].withUnsafeBufferPointer { WrittenLinesScan.hash(UnsafeBufferPointer(rebasing: $0[entry.text])) }
            if textHashes.contains(t) { latest[WrittenLinesScan.combine(entry.path, t, tag: 0)] = k }
            for w in words[entry.wordsStart..<entry.wordsEnd] {
                let key = WrittenLinesScan.combine(entry.path, w, tag: 1)
                if keys.contains(key) { push(key, k) }
                if entry.isFragment { push(WrittenLinesScan.combine(entry.path, w, tag: 2), k) }
            }
        }
        let reachable = Set(latest.values).union(rings.values.joined()).sorted()

        var byPath: [Int: [(text: String, isFragment: Bool)]] = [:]
        for k in reachable {
            let e = entries[k]
            byPath[e.path, default: []].append((String(decoding: chunks[e.chunk][e.text], as: UTF8.self), e.isFragment))
        }
        var written = WrittenLines()
        for (p, found) in byPath.sorted(by: { pathNames[$0.key] < pathNames[$1.key] }) {
            let path = pathNames[p]
            written.add(
                lines: found, path: path, origin: WrittenLines.Origin(stream: "", event: 0, line: 0, time: nil, tool: "", path: path),
                indexing: Set(wordByHash.values))
            var held: [Substring: Int] = [:]
            for (h, n) in counts[p] ?? [:] { if let w = wordByHash[h] { held[w] = n } }
            written.setCounts(held, path: path)
        }
        return written
    }

    /// Appends the hashes of the distinct words (`CodeLine.words`) of a text that are among `wanted`.
    static func wordHashes(_ text: UnsafeBufferPointer<UInt8>, among wanted: [UInt64: Substring], into out: inout [UInt64]) {
        let first = out.count
        var i = 0
        while i < text.count {
            guard CodeLine.isWordByte(text[i]) else {
                i += 1
                continue
            }
            let start = i
            while i < text.count, CodeLine.isWordByte(text[i]) { i += 1 }
            guard i - start >= 3 else { continue }
            let h = hash(UnsafeBufferPointer(rebasing: text[start..<i]))
            if wanted[h] != nil, !out[first...].contains(h) { out.append(h) }
        }
    }

    /// FNV-1a, 64 bits.
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    static func combine(_ path: Int, _ hash: UInt64, tag: UInt64) -> UInt64 {
        (hash &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(path) &* 0xBF58_476D_1CE4_E5B9) ^ (tag &* 0x94D0_49BB_1331_11EB)
    }
}
