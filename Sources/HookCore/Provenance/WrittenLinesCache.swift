import Glibc

/// What a session's tool calls wrote so far, kept per session in the git dir (`HookStateFiles.written`)
/// so that post-commit reads only the lines a commit adds to the archive, never a whole transcript again.
/// Derived data: deleting it loses nothing (tree mode reads the archive folder again; ref mode leaves the
/// count to the next reader).
///
/// One text file per session folder, appended to:
/// ```
/// convo-hook written 1
/// W<TAB>L|F<TAB><path><TAB><normalized line>    a written line (F: may be part of a line)
/// S<TAB><stream><TAB><last line>                 the stream's lines 1…last have been read (last one wins)
/// ```
struct WrittenLinesCache {
    let file: String
    private(set) var written = WrittenLines()
    /// Stream → highest archive line read.
    private(set) var covered: [String: Int] = [:]
    private var appended: [UInt8] = []

    static let header = "convo-hook written 1\n"

    /// The cache of session folder `folder` (repository-relative: `<convo.dir>/<source>/<folder name>`).
    init(stateDir: String, folder: String) {
        let names = folder.split(separator: "/").suffix(2).map { ArchiveLayout.sanitize(String($0)) }
        file = HookStateFiles.path(.written, stateDir: stateDir) + "/" + names.joined(separator: "--")
        guard let bytes = FileSystem.read(file), bytes.starts(with: Array(WrittenLinesCache.header.utf8)) else { return }
        var byPath: [String: [(text: String, isFragment: Bool)]] = [:]
        ArchiveReader.splitLines(Array(bytes.dropFirst(WrittenLinesCache.header.utf8.count))) { raw in
            let fields = raw.split(separator: 0x09, maxSplits: 3, omittingEmptySubsequences: false)
            if fields.count == 4, fields[0].elementsEqual("W".utf8) {
                byPath[String(decoding: fields[2], as: UTF8.self), default: []].append((String(decoding: fields[3], as: UTF8.self), fields[1].elementsEqual("F".utf8)))
            } else if fields.count == 3, fields[0].elementsEqual("S".utf8), let last = Int(String(decoding: fields[2], as: UTF8.self)) {
                covered[String(decoding: fields[1], as: UTF8.self)] = last
            }
        }
        for (path, lines) in byPath.sorted(by: { $0.key < $1.key }) {
            written.add(lines: lines, path: path, origin: WrittenLinesCache.origin(path))
        }
    }

    /// Reads lines `from…through` of `stream` through the source's mapping and keeps what its calls wrote;
    /// returns how many of those lines the archive holds.
    @discardableResult
    mutating func read(_ stream: ArchivedStream, from first: Int, through last: Int, source: any TranscriptSource, reader: ArchiveReader) -> Int {
        guard last >= first else { return 0 }
        var count = 0
        var events: [ConversationEvent] = []
        var eventReader = source.eventReader(stream: stream.name)
        var highest = first - 1
        reader.forEachLine(of: stream, in: first...last) { line in
            eventReader.read(line.bytes, number: line.number, into: &events)
            highest = line.number
            count += 1
        }
        eventReader.finish(into: &events)
        var found = WrittenLines()
        found.add(events: events, stream: stream.name)
        for (path, lines) in found.linesByPath() where !path.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A }) {
            written.add(lines: lines, path: path, origin: WrittenLinesCache.origin(path))
            for line in lines { appended += Array("W\t\(line.isFragment ? "F" : "L")\t\(path)\t\(line.text)\n".utf8) }
        }
        if highest > (covered[stream.name] ?? 0), !stream.name.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A }) {
            covered[stream.name] = highest
            appended += Array("S\t\(stream.name)\t\(highest)\n".utf8)
        }
        return count
    }

    /// Appends what `read` found to the file (created with its header when missing or not ours).
    func save() throws {
        guard !appended.isEmpty else { return }
        _ = try FileSystem.makeDirectories(FileSystem.parent(of: file))
        let fresh = FileSystem.read(file).map { !$0.starts(with: Array(WrittenLinesCache.header.utf8)) } ?? true
        if fresh { try FileSystem.writeAtomically(Array(WrittenLinesCache.header.utf8), to: file) }
        let fd = open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw ArchiveError("cannot append to \(file)") }
        defer { close(fd) }
        let done = appended.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard done == appended.count else { throw ArchiveError("cannot append to \(file)") }
    }

    private static func origin(_ path: String) -> WrittenLines.Origin {
        WrittenLines.Origin(stream: "", event: 0, line: 0, time: nil, tool: "", path: path)
    }
}

extension WrittenLines {
    /// Every written line by the path it was written to, in the order written.
    func linesByPath() -> [(path: String, lines: [(text: String, isFragment: Bool)])] {
        files.keys.sorted().map { path in (path, files[path]!.entries.map { ($0.text, $0.isFragment) }) }
    }
}
