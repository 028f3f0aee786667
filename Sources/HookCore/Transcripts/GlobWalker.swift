#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expands an absolute glob with `*`, `?`, `[...]` inside path components (via `fnmatch`) and
/// `**` for any depth of folders (zero or more). Like shells, wildcards don't match a leading
/// `.` and `**` doesn't enter hidden folders or follow symlinked folders. Bounded: at most
/// `maxDirectories` folders are listed per walk.
package struct GlobWalker {
    /// Regular files matched, sorted.
    package var files: [String] = []
    /// Folders whose listing was consulted (where a new matching file or folder would appear).
    package var directories: [String] = []

    package static let maxDirectories = 20_000
    private var listed = 0

    package init(pattern: String) {
        guard pattern.hasPrefix("/") else { return }
        var components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if components.last == "**" { components.append("*") }
        guard !components.isEmpty else { return }
        var found = Set<String>()
        var dirsSeen = Set<String>()
        walk("/", components[...], &found, &dirsSeen)
        files = found.sorted()
        directories = dirsSeen.sorted()
    }

    package static func hasWildcard(_ component: String) -> Bool {
        component.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    private mutating func list(_ dir: String, _ dirsSeen: inout Set<String>) -> [FileProbe.Entry]? {
        guard listed < GlobWalker.maxDirectories else { return nil }
        listed += 1
        dirsSeen.insert(dir)
        return FileProbe.list(dir)
    }

    private mutating func walk(_ dir: String, _ rest: ArraySlice<String>, _ found: inout Set<String>, _ dirsSeen: inout Set<String>) {
        guard let component = rest.first else { return }
        let tail = rest.dropFirst()
        let isLast = tail.isEmpty
        if component == "**" {
            walk(dir, tail, &found, &dirsSeen)  // zero folders
            guard let entries = list(dir, &dirsSeen) else { return }
            for e in entries where e.kind == .directory && !e.name.hasPrefix(".") {
                let sub = SourceContext.joined(dir, e.name)
                if FileProbe.isSymlink(sub) { continue }
                walk(sub, rest, &found, &dirsSeen)
            }
            return
        }
        if !GlobWalker.hasWildcard(component) {
            let path = SourceContext.joined(dir, component)
            if isLast {
                dirsSeen.insert(dir)
                if FileProbe.info(path)?.kind == .file { found.insert(path) }
            } else if FileProbe.info(path)?.kind == .directory {
                walk(path, tail, &found, &dirsSeen)
            }
            return
        }
        guard let entries = list(dir, &dirsSeen) else { return }
        for e in entries where fnmatch(component, e.name, FNM_PERIOD) == 0 {
            let path = SourceContext.joined(dir, e.name)
            if isLast {
                if e.kind == .file { found.insert(path) }
            } else if e.kind == .directory {
                walk(path, tail, &found, &dirsSeen)
            }
        }
    }
}
