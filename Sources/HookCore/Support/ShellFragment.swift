/// Files the shims source with `.`: the binary hands them lists without the shell reading byte by byte.
package enum ShellFragment {
    /// `'…'` with embedded single quotes spelled `'\''`.
    package static func quote(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// `set -- 'a' 'b' …` followed by a newline.
    package static func setArguments(_ words: [String]) -> [UInt8] {
        Array(("set --" + words.map { " " + quote($0) }.joined() + "\n").utf8)
    }
}
