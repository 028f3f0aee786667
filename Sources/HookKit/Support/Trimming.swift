extension Substring {
    /// Without the leading and trailing characters in `set` (FoundationEssentials has no CharacterSet trimming).
    func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}

extension String {
    /// Without the leading and trailing characters in `set`.
    func trimmingCharacters(in set: String) -> String {
        String(Substring(self).trimmingCharacters(in: set))
    }
}
