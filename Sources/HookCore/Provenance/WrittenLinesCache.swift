import Glibc

/// What a session's tool calls wrote so far, kept per session in the git dir (`HookStateFiles.written`)
/// so that post-commit reads only the lines a commit adds to the archive, never a whole transcript again.
/// Derived data: deleting it loses nothing (the archive's lines are read again).
///
/// One text file per session folder, appended to:
/// ```
/// convo-hook written 1
/// W<TAB>L|F<TAB><path><TAB><normalized line>    a written line (F: may be part of a line)
/// S<TAB><stream><TAB><last line>                 the stream's lines 1…last have been read (last one wins)
/// ```
/// Only the coverage is parsed when it is opened; written lines are indexed later, and only those that can
/// match the lines a commit adds (`written(into:lines:)`).
package struct WrittenLinesCache {
    let file: String
    /// Stream → highest archive line read.
    private(set) var covered: [String: Int] = [:]
    /// The file's bytes after its header, as opened.
    private var stored: [UInt8] = []
    /// Lines read since it was opened (`W` and `S` lines), to be appended.
    private var appended: [UInt8] = []
    /// The file existed with its header.
    private var exists = false

    static let header = Array("convo-hook written 1\n".utf8)

    /// The cache of session folder `folder` (repository-relative: `<convo.dir>/<source>/<folder name>`).
    init(stateDir: String, folder: String) {
        file = WrittenLinesCache.path(stateDir: stateDir, folder: folder)
        guard let bytes = FileSystem.read(file), bytes.starts(with: WrittenLinesCache.header) else { return }
        exists = true
        stored = Array(bytes.dropFirst(WrittenLinesCache.header.count))
        ArchiveReader.splitLines(stored) { raw in
            guard raw.first == UInt8(ascii: "S") else { return }
            let fields = raw.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count == 3, let last = Int(String(decoding: fields[2], as: UTF8.self)) { covered[String(decoding: fields[1], as: UTF8.self)] = last }
        }
    }

    /// Reads lines `from…through` of `stream` through the source's mapping and keeps what its calls wrote,
    /// stopping after the line that reaches `budget` bytes; returns how many lines it read and their bytes.
    @discardableResult
    mutating func read(
        _ stream: ArchivedStream, from first: Int, through last: Int, source: any TranscriptSource, reader: ArchiveReader, budget: Int = .max
    ) -> (lines: Int, bytes: Int) {
        guard last >= first else { return (0, 0) }
        var count = 0
        var bytes = 0
        var events: [ConversationEvent] = []
        var eventReader = source.eventReader(stream: stream.name)
        var highest = first - 1
        reader.forEachLine(of: stream, in: first...last) { line in
            guard bytes < budget, line.number == highest + 1 else { return }
            eventReader.read(line.bytes, number: line.number, into: &events)
            highest = line.number
            count += 1
            bytes += line.bytes.count + 1
        }
        eventReader.finish(into: &events)
        var found = WrittenLines()
        found.add(events: events, stream: stream.name)
        for (path, lines) in found.linesByPath() where !path.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A }) {
            for line in lines { appended += Array("W\t\(line.isFragment ? "F" : "L")\t\(path)\t\(line.text)\n".utf8) }
        }
        if highest > (covered[stream.name] ?? 0), !stream.name.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A }) {
            covered[stream.name] = highest
            appended += Array("S\t\(stream.name)\t\(highest)\n".utf8)
        }
        return (count, bytes)
    }

    /// The lines the calls wrote into files that may be one of `paths` (repository-relative) that
    /// `WrittenLines.match` can look at for `lines` (normalized), without a time limit (`WrittenLinesScan`).
    func written(into paths: [String], lines: [String]) -> WrittenLines {
        WrittenLinesScan(paths: paths, lines: lines).index([stored, appended])
    }

    /// Appends what `read` found to the file (created with its header when missing or not ours).
    func save() throws {
        guard !appended.isEmpty else { return }
        _ = try FileSystem.makeDirectories(FileSystem.parent(of: file))
        if !exists { try FileSystem.writeAtomically(WrittenLinesCache.header, to: file) }
        let fd = open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw ArchiveError("cannot append to \(file)") }
        defer { close(fd) }
        let done = appended.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard done == appended.count else { throw ArchiveError("cannot append to \(file)") }
    }
}

extension WrittenLinesCache {
    /// The cache file's path for a session folder, without opening it.
    static func path(stateDir: String, folder: String) -> String {
        let names = folder.split(separator: "/").suffix(2).map { ArchiveLayout.sanitize(String($0)) }
        return HookStateFiles.path(.written, stateDir: stateDir) + "/" + names.joined(separator: "--")
    }
}

extension WrittenLines {
    /// Every written line by the path it was written to, in the order written.
    func linesByPath() -> [(path: String, lines: [(text: String, isFragment: Bool)])] {
        files.keys.sorted().map { path in (path, files[path]!.entries.map { ($0.text, $0.isFragment) }) }
    }
}
