import HookCore

/// Numbers, money, times and durations as people read them (no locale: the same bytes everywhere).
enum Figures {
    /// `12345` → `12,345`.
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `$1.23`; `<$0.01` for a positive amount below a cent.
    static func dollars(_ value: Double) -> String {
        if value > 0, value < 0.005 { return "<$0.01" }
        let cents = Int((value * 100).rounded())
        let fraction = cents % 100
        return "$" + grouped(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `4,620` for CSV-free JSON-free display of a token count in a table cell.
    static func tokens(_ n: Int) -> String { grouped(n) }

    /// `1 h 12 min`, `4 min 30 s`, `12 s`.
    static func duration(_ seconds: Int) -> String {
        let h = seconds / 3600
        let m = seconds / 60 % 60
        let s = seconds % 60
        if h > 0 { return "\(h) h \(m) min" }
        if m > 0 { return "\(m) min \(s) s" }
        return "\(s) s"
    }

    /// `2025-06-01 10:00:05` from an ISO-8601 time as recorded (`2025-06-01T10:00:05.123Z`); the text as it is
    /// when it is no such time.
    static func dateTime(_ iso: String) -> String {
        guard iso.utf8.count >= 19 else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    /// `10:00:05` from an ISO-8601 time.
    static func timeOfDay(_ iso: String) -> String {
        guard iso.utf8.count >= 19 else { return iso }
        return String(iso.dropFirst(11).prefix(8))
    }

    /// `2025-06-01` from an ISO-8601 time, nil when it has no date.
    static func day(_ iso: String?) -> String? {
        guard let iso, iso.utf8.count >= 10 else { return nil }
        let day = String(iso.prefix(10))
        let ok = day.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == "-" : (c.isASCII && c.isNumber) }
        return ok ? day : nil
    }
}

/// The cost of a set of messages under a price table.
struct CostSummary: Equatable {
    /// Dollars for the messages whose model has a price (or whose tool reported its cost).
    var dollars: Double = 0
    /// Messages that spent tokens with a model the table has no price for.
    var unpriced = 0

    init() {}

    init(_ messages: [MessageUsage], prices: PriceTable) {
        self.init(ModelUsage.totals(messages), prices: prices)
    }

    /// Cost is linear in tokens: per-model totals give the same figure as each message priced alone.
    init(_ byModel: [ModelUsage], prices: PriceTable) {
        for group in byModel {
            if let cost = prices.cost(group.usage, model: group.model) {
                dollars += cost
            } else {
                unpriced += group.messages
            }
        }
    }

    /// `$1.23`, `$1.23 + 2 messages without a price`, or `unknown (…)`.
    var text: String {
        if unpriced == 0 { return Figures.dollars(dollars) }
        let note = "\(unpriced) message\(unpriced == 1 ? "" : "s") of a model without a price"
        return dollars > 0 ? Figures.dollars(dollars) + " + " + note : "unknown (" + note + ")"
    }
}
