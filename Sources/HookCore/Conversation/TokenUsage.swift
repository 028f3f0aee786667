/// Tokens one API message spent, split the way providers bill them.
public struct TokenUsage: Sendable, Equatable, Codable {
    /// Input tokens read at the full price (not from the cache).
    public var input: Int
    public var output: Int
    /// Input tokens read from the prompt cache.
    public var cacheRead: Int
    /// Input tokens written to the prompt cache.
    public var cacheWrite: Int
    /// A cost the tool itself reported (Aider), in US dollars; nil when prices must be looked up.
    public var reportedCost: Double?

    public init(input: Int = 0, output: Int = 0, cacheRead: Int = 0, cacheWrite: Int = 0, reportedCost: Double? = nil) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.reportedCost = reportedCost
    }

    public static let zero = TokenUsage()

    public var total: Int { input + output + cacheRead + cacheWrite }

    public var isZero: Bool { total == 0 && reportedCost == nil }

    public static func + (a: TokenUsage, b: TokenUsage) -> TokenUsage {
        let cost: Double? = a.reportedCost == nil && b.reportedCost == nil ? nil : (a.reportedCost ?? 0) + (b.reportedCost ?? 0)
        return TokenUsage(
            input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead,
            cacheWrite: a.cacheWrite + b.cacheWrite, reportedCost: cost)
    }

    public static func += (a: inout TokenUsage, b: TokenUsage) { a = a + b }
}
