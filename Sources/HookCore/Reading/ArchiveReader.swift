/// The one reader of archives: finds session folders, their streams and parts, and reads each stream's
/// lines once, in line-number order, whatever the layout (named parts `<first>-<last>-<hash8>.<ext>` that
/// may overlap after a merge, round-1 `0001.jsonl` parts, or both) and wherever the files are (folder,
/// git tree, `sync --to` mirror: see `ArchiveStorage`). Every reading command goes through it.
public struct ArchiveReader {
    public let storage: any ArchiveStorage
    /// Where session folders are looked for.
    public let layout: Layout

    public enum Layout: Sendable {
        /// One repository's archive folder (`convo.dir`, relative to the storage root): `<root>/<source>/<session>/`.
        case repository(root: String)
        /// A `sync --to DIR` mirror: `DIR/<repo>/<convo.dir>/<source>/<session>/` for any number of repositories;
        /// session folders are recognised by their `YYYYMMDD-HHMMSS-` name.
        case mirror
    }

    public init(storage: any ArchiveStorage, layout: Layout) {
        self.storage = storage
        self.layout = layout
    }

    /// How deep below a mirror's root session folders are looked for.
    static let mirrorDepth = 8

    // MARK: sessions

    /// Every session folder, sorted by folder path. Only folder names are read.
    public func sessions() -> [ArchivedSession] {
        var found: [ArchivedSession] = []
        switch layout {
        case .repository(let root):
            collectSessions(in: root, repository: nil, into: &found)
        case .mirror:
            walkMirror("", depth: 0, into: &found)
        }
        return found.sorted { $0.folder < $1.folder }
    }

    /// Sessions in `<archiveRoot>/<source>/<session>` form.
    private func collectSessions(in archiveRoot: String, repository: String?, into found: inout [ArchivedSession]) {
        for source in storage.list(archiveRoot) where source.isFolder && !source.name.hasPrefix(".") {
            let sourceFolder = ArchiveReader.join(archiveRoot, source.name)
            for session in storage.list(sourceFolder) where session.isFolder && !session.name.hasPrefix(".") {
                found.append(
                    ArchivedSession(
                        folder: ArchiveReader.join(sourceFolder, session.name), source: source.name,
                        folderName: session.name, repository: repository, version: session.version))
            }
        }
    }

    private func walkMirror(_ folder: String, depth: Int, into found: inout [ArchivedSession]) {
        guard depth < ArchiveReader.mirrorDepth else { return }
        let entries = storage.list(folder).filter { $0.isFolder }
        for entry in entries {
            let child = ArchiveReader.join(folder, entry.name)
            // A source folder holds stamped session folders.
            let grand = storage.list(child).filter { $0.isFolder && ArchivedSession.hasStamp($0.name) }
            if !grand.isEmpty, depth >= 1 {
                let repository = folder.split(separator: "/").first.map(String.init)
                for session in grand {
                    found.append(
                        ArchivedSession(
                            folder: ArchiveReader.join(child, session.name), source: entry.name,
                            folderName: session.name, repository: repository, version: session.version))
                }
            } else if entry.name != "knowledge-base" {
                walkMirror(child, depth: depth + 1, into: &found)
            }
        }
    }

    /// The session whose id, `source/id`, folder name or `source/folder name` equals `query`, else the one
    /// whose id (or folder name) starts with it. Several prefix matches are an error naming some of them.
    public func find(_ query: String) throws(ArchiveError) -> ArchivedSession? {
        try ArchiveReader.find(query, in: sessions())
    }

    public static func find(_ query: String, in sessions: [ArchivedSession]) throws(ArchiveError) -> ArchivedSession? {
        let exact = sessions.filter { [$0.id, $0.key, $0.folderName, $0.path].contains(query) }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 { throw ambiguous(query, exact) }
        let prefixed = sessions.filter { [$0.id, $0.key, $0.folderName, $0.path].contains { $0.hasPrefix(query) } }
        if prefixed.count > 1 { throw ambiguous(query, prefixed) }
        return prefixed.first
    }

    private static func ambiguous(_ query: String, _ matches: [ArchivedSession]) -> ArchiveError {
        ArchiveError("'\(query)' matches \(matches.count) sessions (\(matches.prefix(3).map(\.path).joined(separator: ", "))…); give more of the id")
    }

    /// A cheap token that changes whenever a session's parts change, without listing them: the session
    /// folder's version and those of its subagent stream folders. In git these are tree ids, which cover
    /// everything below. On disk they are folder mtimes: parts are written once and appear by rename (and
    /// git replaces files by removing and creating them), so every change of a part changes its folder.
    public func quickSignature(of session: ArchivedSession) -> String {
        var out = session.version
        let subagents = storage.list(ArchiveReader.join(session.folder, "subagents")).filter(\.isFolder).sorted { $0.name < $1.name }
        for folder in subagents {
            out += ";" + folder.name + "@" + folder.version
            // Nested stream folders (`subagents/workflows/<id>/…`) count too.
            for inner in storage.list(ArchiveReader.join(session.folder, "subagents/" + folder.name)) where inner.isFolder {
                out += "," + inner.name + "@" + inner.version
            }
        }
        return out
    }

    // MARK: streams and parts

    /// The streams of a session: `main` first (when it has parts), then `subagents/…` by name.
    public func streams(of session: ArchivedSession) -> [ArchivedStream] {
        var streams: [ArchivedStream] = []
        let entries = storage.list(session.folder)
        let main = parts(in: session.folder, entries)
        if !main.isEmpty { streams.append(ArchivedStream(name: ArchivedStream.main, parts: main)) }
        if entries.contains(where: { $0.isFolder && $0.name == "subagents" }) {
            collectSubstreams(session.folder, relative: "subagents", depth: 0, into: &streams)
        }
        return streams
    }

    private func collectSubstreams(_ sessionFolder: String, relative: String, depth: Int, into streams: inout [ArchivedStream]) {
        guard depth < 4 else { return }
        let folder = ArchiveReader.join(sessionFolder, relative)
        for entry in storage.list(folder).sorted(by: { $0.name < $1.name }) where entry.isFolder {
            let name = relative + "/" + entry.name
            let entries = storage.list(ArchiveReader.join(sessionFolder, name))
            let found = parts(in: ArchiveReader.join(sessionFolder, name), entries)
            if !found.isEmpty { streams.append(ArchivedStream(name: name, parts: found)) }
            if entries.contains(where: \.isFolder) { collectSubstreams(sessionFolder, relative: name, depth: depth + 1, into: &streams) }
        }
    }

    /// The part files among a folder's entries, in reading order. Names are parsed by `ArchivePartName` only.
    private func parts(in folder: String, _ entries: [ArchiveEntry]) -> [ArchivedPart] {
        entries.compactMap { entry -> ArchivedPart? in
            guard !entry.isFolder else { return nil }
            let path = ArchiveReader.join(folder, entry.name)
            if let name = ArchivePartName.parse(entry.name) { return ArchivedPart(path: path, kind: .named(name), version: entry.version) }
            if let number = ArchivePartName.legacyNumber(entry.name) { return ArchivedPart(path: path, kind: .legacy(number), version: entry.version) }
            return nil
        }.sorted(by: ArchivedPart.readingOrder)
    }

    // MARK: lines

    /// The lines of a stream, each line number once, in order: round-1 parts numbered on from 1 in part
    /// order, named parts at their stated numbers; a line held by several parts comes from the first one
    /// read, a number no part holds is absent. With `lines`, only numbers in that range.
    public func lines(of stream: ArchivedStream, in lines: ClosedRange<Int>? = nil) -> [ArchiveLine] {
        var out: [ArchiveLine] = []
        forEachLine(of: stream, in: lines) { out.append($0) }
        return out
    }

    /// `lines(of:)` one line at a time, without keeping them all.
    public func forEachLine(of stream: ArchivedStream, in range: ClosedRange<Int>? = nil, _ body: (ArchiveLine) -> Void) {
        forEachLine(of: stream, in: range, part: { _, _ in }, body)
    }

    /// `forEachLine`, also telling which line numbers each part holds (`part` is called after its lines;
    /// a part that was not read, or holds none, is reported with nil).
    public func forEachLine(
        of stream: ArchivedStream, in range: ClosedRange<Int>? = nil, part partDone: (ArchivedPart, ClosedRange<Int>?) -> Void,
        _ body: (ArchiveLine) -> Void
    ) {
        var highest = 0
        var legacyNext = 1
        for part in stream.parts {
            let first: Int
            var last = Int.max
            switch part.kind {
            case .legacy:
                first = legacyNext
            case .named(let name):
                first = name.first
                last = name.last
                if name.last <= highest {  // every line already read from another part
                    partDone(part, name.first...name.last)
                    continue
                }
            }
            if let range, case .named = part.kind, first > range.upperBound || last < range.lowerBound {
                partDone(part, first...last)
                continue
            }
            guard let bytes = storage.read(part.path) else {
                partDone(part, nil)
                continue
            }
            var number = first
            ArchiveReader.splitLines(bytes) { line in
                defer { number += 1 }
                guard number <= last, number > highest else { return }
                if range.map({ $0.contains(number) }) ?? true { body(ArchiveLine(number: number, bytes: line)) }
            }
            if case .legacy = part.kind { legacyNext = number }
            partDone(part, number > first ? first...min(number - 1, last) : nil)
            highest = max(highest, min(number - 1, last))
        }
    }

    /// Calls `body` with each line of `bytes` (without its `\n`); a last line without `\n` counts too.
    public static func splitLines(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        var start = 0
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                if buf[i] == 0x0A {
                    body(bytes[start..<i])
                    start = i + 1
                }
                i += 1
            }
        }
        if start < bytes.count { body(bytes[start...]) }
    }

    static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "/" + b }
}
