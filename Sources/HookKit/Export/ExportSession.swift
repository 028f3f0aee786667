import FoundationEssentials

/// One session folder of the archive, read back for export: its `meta.json` and part files in order.
struct ExportSession {
    /// Repository-relative folder, `<convo.dir>/<source>/<YYYYMMDD-HHMMSS>-<id>`.
    var folder: String
    var meta: ArchiveMeta
    /// Part files of the main stream, in order (absolute paths).
    var mainParts: [String]
    /// Part files of each subagent stream, by stream name, in order (absolute paths).
    var subagentParts: [(name: String, parts: [String])]

    var key: String { "\(meta.source)/\(meta.sessionID)" }

    /// Every session folder (one holding a readable `meta.json`) of the archive at `<workdir>/<root>`.
    static func all(workdir: String, layout: ArchiveLayout) -> [ExportSession] {
        let root = workdir + "/" + layout.root
        var sessions: [ExportSession] = []
        for file in FileTree.files(under: root) where file.relativePath.hasSuffix("/" + ArchiveMeta.fileName) {
            let components = file.relativePath.split(separator: "/")
            guard components.count == 3 else { continue }  // <source>/<folder>/meta.json
            let folder = root + "/" + components[0] + "/" + components[1]
            guard let meta = ArchiveMeta.load(folder + "/" + ArchiveMeta.fileName) else { continue }
            let (main, subagents) = parts(in: folder)
            sessions.append(ExportSession(folder: layout.root + "/" + components[0] + "/" + components[1], meta: meta,
                                            mainParts: main, subagentParts: subagents))
        }
        return sessions.sorted { ($0.folder) < ($1.folder) }
    }

    /// `0001.jsonl`, `0002.md`, … of the folder, and of each `subagents/<name>/` below it.
    private static func parts(in folder: String) -> ([String], [(name: String, parts: [String])]) {
        var main: [String] = []
        var subagents: [String: [String]] = [:]
        for file in FileTree.files(under: folder) {
            let components = file.relativePath.split(separator: "/").map(String.init)
            guard let last = components.last, isPartName(last) else { continue }
            if components.count == 1 {
                main.append(folder + "/" + file.relativePath)
            } else if components.count >= 3, components[0] == "subagents" {
                subagents[components.dropLast().dropFirst().joined(separator: "/"), default: []].append(folder + "/" + file.relativePath)
            }
        }
        return (main, subagents.sorted { $0.key < $1.key }.map { (name: $0.key, parts: $0.value) })
    }

    /// A part file name: four or more digits, a dot, an extension.
    static func isPartName(_ name: String) -> Bool {
        guard let dot = name.firstIndex(of: ".") else { return false }
        let stem = name[..<dot]
        return stem.count >= 4 && stem.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The lines of the parts, in order (without their newline; blank lines kept).
    static func lines(of parts: [String]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for part in parts {
            guard let bytes = FileSystem.read(part) else { continue }
            var split = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if bytes.last == 0x0A || bytes.isEmpty { split.removeLast() }
            lines += split
        }
        return lines
    }
}
