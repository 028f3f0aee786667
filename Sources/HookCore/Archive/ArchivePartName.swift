/// The name of a part file: `<first>-<last>-<hash8>.<ext>`, lines `first…last` (1-based, inclusive)
/// of one stream, `hash8` the first eight hex digits of the SHA-256 of the file's bytes.
///
/// A part is written once and never changed. The same lines archived on two branches get the same
/// name and bytes, so git merges them without a conflict; different bytes always get different names.
/// Parts of a stream may overlap after a merge: readers take each line number once.
package struct ArchivePartName: Sendable, Hashable, Comparable {
    package var first: Int
    package var last: Int
    /// Eight lower-case hex digits.
    package var hash: String
    /// `jsonl`, `md` or `txt`.
    package var ext: String

    package init(first: Int, last: Int, hash: String, ext: String) {
        self.first = first
        self.last = last
        self.hash = hash
        self.ext = ext
    }

    /// The name of a part holding `bytes` as lines `first…last`.
    package init(first: Int, last: Int, bytes: [UInt8], ext: String) {
        self.init(first: first, last: last, hash: ArchivePartName.hash8(bytes), ext: ext)
    }

    /// Line numbers are padded to at least this many digits so names sort in line order.
    package static let digits = 6

    package var fileName: String {
        ArchivePartName.padded(first) + "-" + ArchivePartName.padded(last) + "-" + hash + "." + ext
    }

    package var lineCount: Int { last - first + 1 }

    /// Parses a file name (not a path); nil when it is not a part name.
    package static func parse(_ fileName: String) -> ArchivePartName? {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        let ext = String(fileName[fileName.index(after: dot)...])
        guard partExtensions.contains(ext) else { return nil }
        let fields = fileName[..<dot].split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[2].utf8.count == 8, fields[2].utf8.allSatisfy(isLowerHex),
            let first = number(fields[0]), let last = number(fields[1]), first >= 1, last >= first
        else { return nil }
        return ArchivePartName(first: first, last: last, hash: String(fields[2]), ext: ext)
    }

    /// The 1-based number of a round-1 part (`0001.jsonl`, `0002.md`, …); nil for anything else.
    package static func legacyNumber(_ fileName: String) -> Int? {
        guard let dot = fileName.lastIndex(of: "."), partExtensions.contains(String(fileName[fileName.index(after: dot)...])) else { return nil }
        let stem = fileName[..<dot]
        guard stem.utf8.count >= 4, let n = number(stem), n >= 1 else { return nil }
        return n
    }

    /// The extensions a part file can have.
    package static let partExtensions: Set<String> = ["jsonl", "md", "txt"]

    /// The part extension for a source file: its JSON Lines, markdown or plain text.
    package static func partExtension(forSource path: String) -> String {
        if path.hasSuffix(".jsonl") { return "jsonl" }
        if path.hasSuffix(".md") { return "md" }
        return "txt"
    }

    package static func hash8(_ bytes: [UInt8]) -> String {
        String(SHA256.hex(SHA256.hash(bytes)).prefix(8))
    }

    package static func < (a: ArchivePartName, b: ArchivePartName) -> Bool {
        (a.first, a.last, a.hash) < (b.first, b.last, b.hash)
    }

    private static func padded(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    private static func isLowerHex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 102) }
}
