/// Prices per model, for turning tokens into cost. Data, not code: the built-in table (`builtinJSON`,
/// dated) and git config `convo.prices` on top of it.
public struct PriceTable: Sendable, Equatable {
    /// US dollars per million tokens.
    public struct Price: Sendable, Equatable {
        public var match: String
        public var input: Double
        public var output: Double
        public var cacheRead: Double
        public var cacheWrite: Double

        public init(match: String, input: Double, output: Double, cacheRead: Double, cacheWrite: Double) {
            self.match = match
            self.input = input
            self.output = output
            self.cacheRead = cacheRead
            self.cacheWrite = cacheWrite
        }
    }

    public var prices: [Price]
    /// When the built-in prices were checked (`YYYY-MM-DD`); overrides don't change it.
    public var checked: String

    public init(prices: [Price], checked: String) {
        self.prices = prices
        self.checked = checked
    }

    /// The table convo-hook ships.
    public static let builtin: PriceTable = {
        (try? parse(builtinJSON)) ?? PriceTable(prices: [], checked: "")
    }()

    /// Reads a table: `{"checked": "YYYY-MM-DD", "models": [{"match", "input", "output", "cacheRead", "cacheWrite"}]}`.
    public static func parse(_ text: String) throws(ArchiveError) -> PriceTable {
        guard let root = JSONDocument.parse(text)?.root, let models = root["models"], models.kind == .array else {
            throw ArchiveError("a price table must be a JSON object with a \"models\" array")
        }
        var prices: [Price] = []
        for model in models.elements {
            guard let match = model["match"]?.string, !match.isEmpty, let input = model["input"]?.double, let output = model["output"]?.double else {
                throw ArchiveError("each price needs \"match\", \"input\" and \"output\" (got \(model.rawText.prefix(80)))")
            }
            prices.append(
                Price(
                    match: match, input: input, output: output, cacheRead: model["cacheRead"]?.double ?? 0,
                    cacheWrite: model["cacheWrite"]?.double ?? 0))
        }
        return PriceTable(prices: prices, checked: root["checked"]?.string ?? "")
    }

    /// This table with `convo.prices` values on top: each is `MODEL=INPUT,OUTPUT[,CACHE_READ[,CACHE_WRITE]]`
    /// (dollars per million tokens, MODEL a name prefix), or the path of a JSON file shaped like the built-in
    /// table (relative paths from `base`). A later value for the same MODEL wins.
    public func overriding(with values: [String], base: String) throws(ArchiveError) -> PriceTable {
        var table = self
        for value in values {
            let v = value.trimmingCharacters(in: " \t")
            if let eq = v.firstIndex(of: "="), !v.hasPrefix("/"), !v.hasPrefix(".") {
                let match = String(v[..<eq]).trimmingCharacters(in: " ")
                let numbers = v[v.index(after: eq)...].split(separator: ",").map { Double($0.trimmingCharacters(in: " ")) }
                guard !match.isEmpty, numbers.count >= 2, numbers.count <= 4, numbers.allSatisfy({ $0 != nil && $0! >= 0 }) else {
                    throw ArchiveError("convo.prices '\(value)': use MODEL=INPUT,OUTPUT[,CACHE_READ[,CACHE_WRITE]] in dollars per million tokens, or a JSON file")
                }
                let n = numbers.map { $0! }
                table.set(Price(match: match, input: n[0], output: n[1], cacheRead: n.count > 2 ? n[2] : 0, cacheWrite: n.count > 3 ? n[3] : 0))
            } else {
                let path = v.hasPrefix("/") ? v : base + "/" + v
                guard let bytes = FileSystem.read(path) else { throw ArchiveError("convo.prices: cannot read \(path)") }
                for price in try PriceTable.parse(String(decoding: bytes, as: UTF8.self)).prices { table.set(price) }
            }
        }
        return table
    }

    private mutating func set(_ price: Price) {
        prices.removeAll { $0.match == price.match }
        prices.append(price)
    }

    /// The price for `model`: the longest `match` the name starts with, after any `provider/` prefixes.
    public func price(for model: String) -> Price? {
        let name = String(model.split(separator: "/").last ?? Substring(model)).lowercased()
        var best: Price?
        for price in prices where name.utf8.starts(with: price.match.utf8) || name.hasPrefix(price.match.lowercased()) {
            if best == nil || price.match.utf8.count > best!.match.utf8.count { best = price }
        }
        return best
    }

    /// The cost of `usage` by `model`: the tool's own figure when it reported one, nil when the model has no price.
    public func cost(_ usage: TokenUsage, model: String?) -> Double? {
        if let reported = usage.reportedCost { return reported }
        guard let model, let p = price(for: model) else { return usage.total == 0 ? 0 : nil }
        return
            (Double(usage.input) * p.input + Double(usage.output) * p.output + Double(usage.cacheRead) * p.cacheRead
            + Double(usage.cacheWrite) * p.cacheWrite) / 1_000_000
    }
}
