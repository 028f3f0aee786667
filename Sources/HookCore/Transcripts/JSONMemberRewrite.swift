extension JSONLineFields {
    /// `line` with the string value of every member named `key` (at any depth) replaced by what
    /// `transform` returns for it; members it returns nil for, and every other byte, stay as they are.
    package static func replacingStringMembers(named key: String, in line: [UInt8], _ transform: (String) -> String?) -> [UInt8] {
        var edits: [(Range<Int>, [UInt8])] = []
        JSONLineFields.forEachMember(named: key, in: line) { _, value in
            guard line[value.lowerBound] == UInt8(ascii: "\""), let old = string(line[...], value), let new = transform(old), new != old else {
                return value.upperBound
            }
            var quoted = Array(JSONText.quoted(new).utf8)
            // Keep the writer's style: a value written with `\/` gets its slashes escaped again.
            if line[value].indices.contains(where: { line[$0] == UInt8(ascii: "\\") && $0 + 1 < value.upperBound && line[$0 + 1] == UInt8(ascii: "/") }) {
                quoted = quoted.flatMap { $0 == UInt8(ascii: "/") ? [UInt8(ascii: "\\"), $0] : [$0] }
            }
            edits.append((value, quoted))
            return value.upperBound
        }
        guard !edits.isEmpty else { return line }
        var out: [UInt8] = []
        out.reserveCapacity(line.count + 64)
        var position = 0
        for (range, bytes) in edits {
            out += line[position..<range.lowerBound]
            out += bytes
            position = range.upperBound
        }
        out += line[position...]
        return out
    }
}
