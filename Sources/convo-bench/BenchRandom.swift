/// SplitMix64: small, fast, seeded; the corpus is the same for the same seed.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }

    mutating func string(_ alphabet: [Character], _ count: Int) -> String {
        String((0..<count).map { _ in alphabet[int(0..<alphabet.count)] })
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            var x = next()
            for _ in 0..<8 {
                out.append(UInt8(truncatingIfNeeded: x))
                x >>= 8
            }
        }
        return Array(out.prefix(count))
    }

    mutating func uuid() -> String {
        let h = Array("0123456789abcdef")
        return [8, 4, 4, 4, 12].map { string(h, $0) }.joined(separator: "-")
    }
}

enum Alphabet {
    static let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let alnum = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let urlSafe = alnum + ["_", "-"]
    static let base64 = alnum + ["+", "/"]
    static let hex = Array("0123456789abcdef")
    static let alpha = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
}
