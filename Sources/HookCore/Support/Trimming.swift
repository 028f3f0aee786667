extension Substring {
    /// Without the leading and trailing characters in `set` (FoundationEssentials has no CharacterSet trimming).
    /// Compared by Unicode scalar: as Characters, `"\r\n"` in `set` is one grapheme that a lone `"\n"` never equals.
    package func trimmingCharacters(in set: String) -> Substring {
        let members = Set(set.unicodeScalars)
        var scalars = unicodeScalars[...]
        while let first = scalars.first, members.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, members.contains(last) { scalars.removeLast() }
        return Substring(scalars)
    }
}

extension String {
    /// Without the leading and trailing characters in `set`.
    package func trimmingCharacters(in set: String) -> String {
        String(Substring(self).trimmingCharacters(in: set))
    }
}
