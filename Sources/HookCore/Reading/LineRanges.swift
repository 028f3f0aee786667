/// A set of line numbers as sorted, disjoint, non-adjacent ranges.
public struct LineRanges: Sendable, Equatable, Codable {
    public private(set) var ranges: [ClosedRange<Int>]

    public init(_ ranges: [ClosedRange<Int>] = []) {
        self.ranges = []
        for r in ranges { insert(r) }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public var count: Int { ranges.reduce(0) { $0 + $1.count } }

    public func contains(_ line: Int) -> Bool {
        var lo = 0
        var hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound < line { lo = mid + 1 } else if ranges[mid].lowerBound > line { hi = mid - 1 } else { return true }
        }
        return false
    }

    public mutating func insert(_ range: ClosedRange<Int>) {
        var merged = range
        var kept: [ClosedRange<Int>] = []
        for r in ranges {
            if r.upperBound + 1 < merged.lowerBound || merged.upperBound + 1 < r.lowerBound {
                kept.append(r)
            } else {
                merged = min(r.lowerBound, merged.lowerBound)...max(r.upperBound, merged.upperBound)
            }
        }
        kept.append(merged)
        ranges = kept.sorted { $0.lowerBound < $1.lowerBound }
    }

    public func union(_ other: LineRanges) -> LineRanges {
        var out = self
        for r in other.ranges { out.insert(r) }
        return out
    }

    /// The lines of this set that `other` lacks.
    public func subtracting(_ other: LineRanges) -> LineRanges {
        var out: [ClosedRange<Int>] = []
        for r in ranges {
            var pieces = [r]
            for o in other.ranges {
                pieces = pieces.flatMap { p -> [ClosedRange<Int>] in
                    guard o.lowerBound <= p.upperBound, o.upperBound >= p.lowerBound else { return [p] }
                    var rest: [ClosedRange<Int>] = []
                    if p.lowerBound < o.lowerBound { rest.append(p.lowerBound...(o.lowerBound - 1)) }
                    if o.upperBound < p.upperBound { rest.append((o.upperBound + 1)...p.upperBound) }
                    return rest
                }
            }
            out += pieces
        }
        return LineRanges(out)
    }
}

extension ArchiveReader {
    /// The line numbers a stream's parts hold (round-1 parts are counted, named parts are read from their
    /// names). `countLines` gives a round-1 part's line count; by default its bytes are read.
    public func lineRanges(of stream: ArchivedStream, countLines: ((ArchivedPart) -> Int)? = nil) -> LineRanges {
        var set = LineRanges()
        var legacyNext = 1
        for part in stream.parts {
            switch part.kind {
            case .named(let name):
                set.insert(name.first...name.last)
            case .legacy:
                let n = countLines?(part) ?? ArchiveReader.lineCount(storage.read(part.path) ?? [])
                if n > 0 { set.insert(legacyNext...(legacyNext + n - 1)) }
                legacyNext += n
            }
        }
        return set
    }

    /// Lines in `bytes`: `\n`s, plus a last line without one.
    public static func lineCount(_ bytes: [UInt8]) -> Int {
        var n = 0
        for b in bytes where b == 0x0A { n += 1 }
        if let last = bytes.last, last != 0x0A { n += 1 }
        return n
    }
}
