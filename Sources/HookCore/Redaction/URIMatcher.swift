/// Credentialed URIs: `scheme://user:password@host`. Only the password is redacted, so the
/// archive still shows which host and user were involved.
extension LineScanner {
    package static let databaseSchemes: Set<String> = [
        "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss",
        "mssql", "sqlserver", "oracle", "amqp", "amqps", "cockroachdb", "clickhouse", "couchdb", "neo4j",
    ]

    /// At `colon` (followed by `//` or `\/\/`, authority starting at `authority`).
    /// Records the password and returns where scanning resumes, or nil when there is none.
    package mutating func matchURI(colon: Int, authority a: Int) -> Int? {
        let p = v.p
        var j = colon - 1
        while j >= 0 && v.cls[Int(p[j])] & (ByteClass.alnum | ByteClass.plus | ByteClass.dot | ByteClass.dash) != 0
            && colon - j <= 33
        { j -= 1 }
        var schemeStart = j + 1
        // `\npostgres://` inside a JSON string: the `n` belongs to the escape.
        if j >= 0 && p[j] == UInt8(ascii: "\\") { schemeStart += 1 }
        guard colon - schemeStart >= 2, colon - schemeStart <= 32, v.isClass(schemeStart, ByteClass.alpha) else { return nil }

        var firstColon = -1
        var lastAt = -1
        var k = a
        scan: while k < v.n && k - a < 512 {
            switch p[k] {
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"),
                UInt8(ascii: "`"):
                break scan
            case UInt8(ascii: "@"):
                lastAt = k
            case UInt8(ascii: ":"):
                if firstColon < 0 && lastAt < 0 { firstColon = k }
            case 0...0x20, 0x7F:
                break scan
            default:
                break
            }
            k += 1
        }
        guard firstColon >= a, lastAt > firstColon + 1 else { return nil }
        guard v.isClass(lastAt + 1, ByteClass.alnum) || v.at(lastAt + 1) == UInt8(ascii: "[") else { return nil }
        let placeholder = UnsafeBufferPointer(start: p + firstColon + 1, count: lastAt - firstColon - 1)
        if ValueGate.isPlaceholder(placeholder) { return lastAt }
        let scheme = String(decoding: UnsafeBufferPointer(start: p + schemeStart, count: colon - schemeStart), as: UTF8.self).lowercased()
        let rule: RedactionRule = LineScanner.databaseSchemes.contains(scheme) ? .databaseConnectionString : .credentialedURI
        record(firstColon + 1, lastAt, rule)
        return lastAt
    }
}
