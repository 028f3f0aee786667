import HookCore

/// Pretty JSON written by hand for listings of thousands of entries (a generic encoder costs more than
/// reading the archive). Keys come out in the order given; callers give them sorted.
enum JSONOutput {
    indirect enum Value {
        case string(String?)
        case int(Int?)
        case bool(Bool)
        case double(Double?)
        case strings([String])
        case object([(String, Value)])
        case array([Value])
    }

    static func render(_ value: Value, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .string(let s): return s.map(JSONText.quoted) ?? "null"
        case .int(let i): return i.map(String.init) ?? "null"
        case .bool(let b): return b ? "true" : "false"
        case .double(let d):
            guard let d, d.isFinite else { return "null" }
            return String(d)
        case .strings(let list):
            return list.isEmpty ? "[]" : "[\n" + list.map { inner + JSONText.quoted($0) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .array(let items):
            return items.isEmpty ? "[]" : "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            return members.isEmpty
                ? "{}" : "{\n" + members.map { inner + JSONText.quoted($0.0) + " : " + render($0.1, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }
}
