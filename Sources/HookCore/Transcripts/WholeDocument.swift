/// A JSON file a tool rewrites whole (Gemini CLI's old sessions, Amp threads, Cline tasks): read at once and
/// cut into records, each a value of the document on one line.
package enum WholeDocument {
    /// The bytes of the document at `path`; nil when the file is gone. Throws when it is there but not one
    /// complete JSON object or array (the tool may be writing it): its records wait for the next run.
    package static func load(_ path: String) throws -> [UInt8]? {
        guard FileProbe.info(path) != nil else { return nil }
        guard let bytes = FileSystem.read(path) else { throw ArchiveError("cannot read \(path)") }
        guard isComplete(bytes) else { throw ArchiveError("\(path) is not complete JSON (being written?)") }
        return bytes
    }

    /// Whether `bytes` hold exactly one JSON object or array (whitespace around it allowed).
    package static func isComplete(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONLineFields.Scanner(buffer)
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "{") || scanner.peek == UInt8(ascii: "["), scanner.skipValue() else { return false }
            scanner.skipWhitespace()
            return scanner.peek == nil
        }
    }

    /// `bytes` without the whitespace outside strings: a pretty-printed value on one line, as the tool's own
    /// compact serialization (`JSON.stringify` without indentation) writes it. Strings keep every byte.
    package static func compact(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inString = false
        var escaped = false
        for b in bytes {
            if inString {
                out.append(b)
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if JSONLineFields.Scanner.isWhitespace(b) { continue }
            if b == UInt8(ascii: "\"") { inString = true }
            out.append(b)
        }
        return out
    }

    /// One object built from members of another, in the given order, each value compacted: `{"a":…,"b":…}`.
    /// Members absent from `members` are left out.
    package static func object(_ bytes: [UInt8], _ members: [String: Range<Int>], keys: [String]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for key in keys {
            guard let range = members[key] else { continue }
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out += Array(JSONText.quoted(key).utf8)
            out.append(UInt8(ascii: ":"))
            out += compact(bytes[range])
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The string value of member `key` of the object at `range` (or the whole of `bytes`).
    package static func string(_ bytes: [UInt8], _ key: String, in range: Range<Int>? = nil) -> String? {
        let slice = range.map { bytes[$0] } ?? bytes[...]
        return JSONLineFields.members(slice, keys: [key])[key].flatMap { JSONLineFields.string(bytes[...], $0) }
    }

    /// The raw text of a number (or other scalar) member, e.g. a numeric id: `12`.
    package static func scalar(_ bytes: [UInt8], _ key: String, in range: Range<Int>? = nil) -> String? {
        let slice = range.map { bytes[$0] } ?? bytes[...]
        guard let value = JSONLineFields.members(slice, keys: [key])[key] else { return nil }
        let text = String(decoding: bytes[value], as: UTF8.self)
        return text.hasPrefix("\"") ? JSONLineFields.string(bytes[...], value) : text
    }
}
