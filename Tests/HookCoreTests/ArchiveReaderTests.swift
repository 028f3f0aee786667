import TestSupport
import Testing

@testable import HookCore

/// The one archive reader: session folders, streams, parts, and each line number once.
@Suite struct ArchiveReaderTests {
    let lines = (1...30).map { #"{"n":\#($0)}"# }

    func reader(_ archive: FixtureArchive) -> ArchiveReader {
        ArchiveReader(storage: FolderStorage(root: archive.root), layout: .repository(root: archive.archiveDir))
    }

    func numbers(_ archive: FixtureArchive, stream: String = "main") throws -> [Int] {
        let r = reader(archive)
        let session = try #require(r.sessions().first)
        let s = try #require(r.streams(of: session).first { $0.name == stream })
        let read = r.lines(of: s)
        for line in read { #expect(String(decoding: line.bytes, as: UTF8.self) == #"{"n":\#(line.number)}"#) }
        return read.map(\.number)
    }

    @Test func overlappingPartsGiveEachLineOnce() throws {
        let archive = try FixtureArchive()
        // One branch committed 1–12, another 1–18, then 13–25 came on top: what a merge leaves.
        try archive.writePart(source: "claude", session: "20250601-100000-abc", lines: lines, range: 1...12)
        try archive.writePart(source: "claude", session: "20250601-100000-abc", lines: lines, range: 1...18)
        try archive.writePart(source: "claude", session: "20250601-100000-abc", lines: lines, range: 13...25)
        #expect(try numbers(archive) == Array(1...25))
    }

    @Test func aGapIsAbsentAndNotRenumbered() throws {
        let archive = try FixtureArchive()
        try archive.writePart(source: "codex", session: "20250601-100000-abc", lines: lines, range: 1...5)
        try archive.writePart(source: "codex", session: "20250601-100000-abc", lines: lines, range: 9...12)
        #expect(try numbers(archive) == [1, 2, 3, 4, 5, 9, 10, 11, 12])
    }

    @Test func roundOnePartsThenNamedPartsContinueTheirNumbers() throws {
        let archive = try FixtureArchive()
        try archive.writeLegacy(source: "claude", session: "20250601-100000-abc", lines: Array(lines[0..<10]), sizes: [4, 6])
        try archive.writePart(source: "claude", session: "20250601-100000-abc", lines: lines, range: 9...14)  // overlaps 9–10
        #expect(try numbers(archive) == Array(1...14))
        // Legacy subagent streams too.
        try archive.writeLegacy(source: "claude", session: "20250601-100000-abc", stream: "subagents/agent-x", lines: Array(lines[0..<3]), sizes: [3])
        #expect(try numbers(archive, stream: "subagents/agent-x") == [1, 2, 3])
    }

    @Test func streamsPartsAndNamesComeOnlyFromPartNames() throws {
        let archive = try FixtureArchive()
        let folder = "20250601-100000-abc"
        try archive.writePart(source: "claude", session: folder, lines: lines, range: 1...3)
        try archive.writePart(source: "claude", session: folder, stream: "subagents/agent-1", lines: lines, range: 1...2)
        try archive.writePart(source: "claude", session: folder, stream: "subagents/agent-0", lines: lines, range: 1...2)
        let dir = archive.root + "/" + archive.folder(source: "claude", name: folder)
        for junk in ["notes.txt", "000001-000003-XYZ12345.jsonl", "1-2-3.jsonl", ".000001-000003-aaaaaaaa.jsonl.convo-tmp-1", "meta.json"] {
            writeFile(dir + "/" + junk)
        }
        let r = reader(archive)
        let session = try #require(r.sessions().first)
        #expect(session.source == "claude" && session.id == "abc" && session.key == "claude/abc" && session.startedAt == "2025-06-01T10:00:00Z")
        let streams = r.streams(of: session)
        #expect(streams.map(\.name) == ["main", "subagents/agent-0", "subagents/agent-1"])
        #expect(streams[0].parts.count == 1)
    }

    @Test func findsSessionsByIdPrefixAndRefusesAmbiguity() throws {
        let archive = try FixtureArchive()
        for (source, folder) in [("claude", "20250601-100000-aaaa1111-first"), ("claude", "20250602-100000-aaaa2222-second"), ("codex", "20250603-100000-bbbb")] {
            try archive.writePart(source: source, session: folder, lines: lines, range: 1...1)
        }
        let r = reader(archive)
        #expect(try r.find("aaaa1")?.id == "aaaa1111-first")
        #expect(try r.find("codex/bbbb")?.source == "codex")
        #expect(try r.find("20250602-100000-aaaa2222-second")?.id == "aaaa2222-second")
        #expect(try r.find("zzzz") == nil)
        #expect(throws: ArchiveError.self) { try r.find("aaaa") }
    }

    @Test func mirrorsHoldManyRepositories() throws {
        let archive = try FixtureArchive(archiveDir: "api/.claude/conversations")
        try archive.writePart(source: "claude", session: "20250601-100000-abc", lines: lines, range: 1...2)
        let other = archive.root + "/web/custom/dir/codex/20250602-100000-def"
        try FileSystem.makeDirectories(other)
        writeFile(other + "/000001-000001-" + ArchivePartName.hash8(Array("x\n".utf8)) + ".jsonl", "x\n")
        writeFile(archive.root + "/knowledge-base/sessions/2025-06-01-x.md", "# x\n")
        let r = ArchiveReader(storage: FolderStorage(root: archive.root), layout: .mirror)
        let found = r.sessions()
        #expect(found.map(\.key) == ["claude/abc", "codex/def"])
        #expect(found.map(\.repository) == ["api", "web"])
    }
}

/// Writes a small file, creating its folder.
func writeFile(_ path: String, _ text: String = "junk\n") {
    _ = try? FileSystem.makeDirectories(FileSystem.parent(of: path))
    try? FileSystem.writeAtomically(Array(text.utf8), to: path)
}
