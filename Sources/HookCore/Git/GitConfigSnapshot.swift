import Glibc

/// Configuration values read once with `git config`, so a hook needs no libgit2: git resolves
/// every level, include and `GIT_CONFIG_*` variable exactly as it does for the commit itself.
package struct GitConfigSnapshot: GitConfigReading {
    /// Lower-cased key and raw value (nil for a key written without `=`), in git's order.
    private let entries: [(name: String, value: String?)]

    package init(parsing output: [UInt8]) {
        // `git config -z`: each entry is `key\nvalue\0`, or `key\0` for a key without a value.
        entries = output.split(separator: 0, omittingEmptySubsequences: true).map { entry in
            if let newline = entry.firstIndex(of: UInt8(ascii: "\n")) {
                return (
                    String(decoding: entry[..<newline], as: UTF8.self).lowercased(),
                    String(decoding: entry[(newline + 1)...], as: UTF8.self)
                )
            }
            return (String(decoding: entry, as: UTF8.self).lowercased(), nil)
        }
    }

    /// Every key in the sections named (e.g. `convo`, `core`) as git sees them from `folder`.
    package static func read(
        sections: [String], in folder: String,
        environment: [String: String] = ProcessEnvironment.current
    ) throws -> GitConfigSnapshot {
        let pattern = "^(" + sections.joined(separator: "|") + ")\\."
        let result = try GitCommand(directory: folder, environment: environment).run(["config", "-z", "--get-regexp", pattern])
        // Status 1: no key matched.
        guard result.status == 0 || result.status == 1 else {
            throw ArchiveError("git config failed: \(result.lastErrorLine)")
        }
        return GitConfigSnapshot(parsing: result.status == 0 ? result.stdout : [])
    }

    package func string(_ name: String) throws -> String? {
        let key = name.lowercased()
        guard let entry = entries.last(where: { $0.name == key }) else { return nil }
        return entry.value ?? ""
    }

    package func bool(_ name: String) throws -> Bool? {
        let key = name.lowercased()
        guard let entry = entries.last(where: { $0.name == key }) else { return nil }
        guard let value = entry.value else { return true }
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off", "": return false
        default:
            guard let number = try? GitConfigSnapshot.integer(value, name: name) else {
                throw ArchiveError("bad boolean config value '\(value)' for '\(name)'")
            }
            return number != 0
        }
    }

    package func int(_ name: String) throws -> Int64? {
        let key = name.lowercased()
        guard let entry = entries.last(where: { $0.name == key }) else { return nil }
        return try GitConfigSnapshot.integer(entry.value ?? "", name: name)
    }

    package func values(_ name: String) throws -> [String] {
        let key = name.lowercased()
        return entries.filter { $0.name == key }.map { $0.value ?? "" }
    }

    /// git's integer syntax: C's (decimal, `0x` hex, leading-`0` octal) with an optional `k`, `m` or `g`
    /// (powers of 1024).
    private static func integer(_ text: String, name: String) throws -> Int64 {
        let parsed: (number: Int64, unit: String)? = text.trimmingCharacters(in: " \t").withCString { start in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let number = strtoll(start, &end, 0)
            guard let end, end != UnsafeMutablePointer(mutating: start), errno == 0 else { return nil }
            return (number, String(cString: end).lowercased())
        }
        let shifts: [String: Int64] = ["": 0, "k": 10, "m": 20, "g": 30]
        guard let parsed, let shift = shifts[parsed.unit], parsed.number.magnitude <= UInt64(Int64.max >> shift) else {
            throw ArchiveError("bad numeric config value '\(text)' for '\(name)'")
        }
        return parsed.number << shift
    }
}
