/// Files the user names in git config `convo.sources`: each value is `NAME=GLOB` or `GLOB`
/// (name `custom`). A glob is absolute, `~/`-relative or relative to the repository root. Every
/// matching regular file is one session whose id is the file name without its extension. No
/// `cwd` filtering: the user chose the files. Records are read like Claude Code / Codex JSON
/// lines when they are JSON (timestamps, cwd, branch, summary, first prompt); other lines only count.
public struct CustomGlobSource: TranscriptSource {
    public let name: String
    /// The globs as configured (unexpanded).
    public let patterns: [String]

    public init(name: String, patterns: [String]) {
        self.name = name
        self.patterns = patterns
    }

    /// Parses one `convo.sources` value into (name, glob). A prefix before `=` is a name when it
    /// is non-empty, made of `[A-Za-z0-9._-]` and not `.`/`..`; otherwise the whole value is the
    /// glob. Returns nil for an empty glob or a built-in source name.
    public static func parse(_ value: String) -> (name: String, pattern: String)? {
        let v = String(Substring(value).trimmingCharacters(in: " \t\r\n"))
        var name = "custom"
        var pattern = v
        if let eq = v.firstIndex(of: "=") {
            let candidate = String(v[..<eq])
            let valid =
                !candidate.isEmpty && candidate != "." && candidate != ".."
                && candidate.utf8.allSatisfy { c in
                    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                }
            if valid {
                name = candidate
                pattern = String(v[v.index(after: eq)...])
            }
        }
        guard !pattern.isEmpty, !TranscriptSources.builtinNames.contains(name) else { return nil }
        return (name, pattern)
    }

    /// One source per distinct name, in first-seen order, each with all its globs.
    public static func sources(from values: [String]) -> [CustomGlobSource] {
        var order: [String] = []
        var byName: [String: [String]] = [:]
        for value in values {
            guard let (name, pattern) = parse(value) else { continue }
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(pattern)
        }
        return order.map { CustomGlobSource(name: $0, patterns: byName[$0] ?? []) }
    }

    /// `pattern` as an absolute glob, or nil when it needs a home folder that isn't known.
    package static func absolute(_ pattern: String, _ context: SourceContext) -> String? {
        if pattern.hasPrefix("/") { return pattern }
        if pattern == "~" || pattern.hasPrefix("~/") {
            guard let home = context.homeDir else { return nil }
            return home + String(pattern.dropFirst())
        }
        guard !context.repoRoot.isEmpty else { return nil }
        return SourceContext.joined(context.repoRoot, pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern)
    }

    package func walks(_ context: SourceContext) -> [GlobWalker] {
        patterns.compactMap { absolute($0, context) }.map(GlobWalker.init(pattern:))
    }

    private func absolute(_ p: String, _ c: SourceContext) -> String? { CustomGlobSource.absolute(p, c) }

    /// The file name without its last extension (`a.b.jsonl` → `a.b`; `.hidden` stays).
    package static func sessionID(forFile path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    public func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] {
        var seen = Set<String>()
        var result: [SessionLocator] = []
        for walk in walks(context) {
            for file in walk.files where seen.insert(file).inserted {
                result.append(
                    SessionLocator(
                        source: name, sessionID: CustomGlobSource.sessionID(forFile: file),
                        streams: [TranscriptStream(path: file)]))
            }
        }
        return result.sorted { ($0.sessionID, $0.streams[0].path) < ($1.sessionID, $1.streams[0].path) }
    }

    public func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        for walk in walks(context) {
            for dir in walk.directories where seen.insert(dir).inserted { paths.append(dir) }
        }
        for session in sessions where session.source == name {
            for stream in session.streams where seen.insert(stream.path).inserted { paths.append(stream.path) }
        }
        return paths
    }

    public func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) {
        let bytes = line[...]
        let top = JSONLineFields.members(bytes, keys: ["payload"])
        if top["payload"] != nil {
            CodexSource().absorb(line, into: &metadata)
        } else {
            ClaudeCodeSource().absorb(line, into: &metadata)
        }
    }
}
