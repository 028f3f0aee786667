import Foundation
import HookCore

/// The checked-in fixture transcripts (`Tests/Fixtures/transcripts/`), without their `// ` header lines
/// (which say where each record shape comes from).
public enum Fixtures {
    public static let directory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    /// The lines of a fixture transcript (each without its `\n`), header removed.
    public static func lines(_ name: String) -> [String] {
        let text = (try? String(contentsOfFile: directory + "/transcripts/" + name, encoding: .utf8)) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        while let first = lines.first, first.hasPrefix("// ") { lines.removeFirst() }
        return lines
    }
}

/// An archive folder written by hand in the round-2 layout (named parts `<first>-<last>-<hash8>.<ext>`,
/// overlapping when asked) or the round-1 layout (`0001.jsonl` + `meta.json`), for reader tests that must
/// not depend on the write side.
public final class FixtureArchive {
    /// The storage root (a temporary folder); the archive is `<root>/<archiveDir>`.
    public let root: String
    public let archiveDir: String

    /// Whether `root` is this object's own temporary folder (removed with it).
    private let ownsRoot: Bool

    public init(archiveDir: String = ".claude/conversations") throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/convo-fixture-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        root = String(cString: made)
        self.archiveDir = archiveDir
        ownsRoot = true
    }

    /// Writes into an existing folder (a test repository's worktree), which it leaves in place.
    public init(root: String, archiveDir: String = ".claude/conversations") {
        self.root = root
        self.archiveDir = archiveDir
        ownsRoot = false
    }

    deinit { if ownsRoot { try? FileManager.default.removeItem(atPath: root) } }

    /// The session folder's path relative to `root`.
    public func folder(source: String, name: String) -> String { archiveDir + "/" + source + "/" + name }

    /// Writes lines `range` (1-based) of `lines` as one named part of `stream` ("" for main).
    @discardableResult
    public func writePart(source: String, session: String, stream: String = "", lines: [String], range: ClosedRange<Int>, ext: String = "jsonl") throws -> String {
        let bytes = Array(lines[(range.lowerBound - 1)..<range.upperBound].map { $0 + "\n" }.joined().utf8)
        let name = ArchivePartName(first: range.lowerBound, last: range.upperBound, bytes: bytes, ext: ext).fileName
        let dir = root + "/" + folder(source: source, name: session) + (stream.isEmpty ? "" : "/" + stream)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        return dir + "/" + name
    }

    /// Writes `lines` as round-1 parts `0001.<ext>`, `0002.<ext>`… of `sizes` lines each (the rest in the last).
    public func writeLegacy(
        source: String, session: String, stream: String = "", lines: [String], sizes: [Int], ext: String = "jsonl",
        meta: String = "{}\n"
    ) throws {
        let dir = root + "/" + folder(source: source, name: session) + (stream.isEmpty ? "" : "/" + stream)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var start = 0
        for (k, size) in sizes.enumerated() {
            let end = k == sizes.count - 1 ? lines.count : min(lines.count, start + size)
            let bytes = Data(lines[start..<end].map { $0 + "\n" }.joined().utf8)
            try bytes.write(to: URL(fileURLWithPath: dir + "/" + String(format: "%04d.", k + 1) + ext))
            start = end
        }
        let metaPath = root + "/" + folder(source: source, name: session) + "/meta.json"
        if !FileManager.default.fileExists(atPath: metaPath) { try Data(meta.utf8).write(to: URL(fileURLWithPath: metaPath)) }
    }

    /// The fixture sessions of every source, each in the round-2 layout with overlapping parts (as after a
    /// merge of two branches that committed different stretches).
    public func writeSampleSessions() throws {
        let main = Fixtures.lines("claude-main.jsonl")
        let claude = "20251119-095800-7f3c9a2e-5b1d-4c8e-9a6f-2d4b8e1c0f37"
        try writePart(source: "claude", session: claude, lines: main, range: 1...12)
        try writePart(source: "claude", session: claude, lines: main, range: 1...18)
        try writePart(source: "claude", session: claude, lines: main, range: 13...main.count)
        let agent = Fixtures.lines("claude-agent-a91f2c.jsonl")
        try writePart(source: "claude", session: claude, stream: "subagents/agent-a91f2c", lines: agent, range: 1...agent.count)
        let codex = Fixtures.lines("codex-rollout.jsonl")
        let codexFolder = "20251120-080000-0199a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b"
        try writePart(source: "codex", session: codexFolder, lines: codex, range: 1...9)
        try writePart(source: "codex", session: codexFolder, lines: codex, range: 10...codex.count)
        let aider = Fixtures.lines("aider-history.md")
        try writePart(source: "aider", session: "20251118-140209-2025-11-18-14-02-09", lines: aider, range: 1...aider.count, ext: "md")
    }

    /// The fixture sessions of Gemini CLI, Copilot CLI, Cursor, OpenCode, Amp and Cline, each as the archive holds
    /// it: the lines of the tools that append, the records of those that rewrite whole files (read from the fixture
    /// files by the source itself).
    public func writeOtherAssistantSessions() throws {
        func lines(_ name: String) -> [String] { Fixtures.lines(name) }
        func write(_ source: String, _ folder: String, _ lines: [String]) throws {
            try writePart(source: source, session: folder, lines: lines, range: 1...lines.count)
        }
        func records(_ source: any TranscriptSource, _ files: [(String, String)]) throws -> [String] {
            let dir = root + "/fixture-files-" + source.name
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            for (fixture, name) in files {
                try Data((Fixtures.lines(fixture).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
            }
            let stream = TranscriptStream(path: dir + "/" + files[0].1, kind: .records)
            return try source.records(of: stream).map { String(decoding: $0.bytes, as: UTF8.self) }
        }
        try write("gemini", "20260504-091203-1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", lines("gemini-session.jsonl"))
        try write("copilot", "20260714-080000-3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9", lines("copilot-events.jsonl"))
        try write("cursor", "20260301-100000-6c0b1a2f-cursor", lines("cursor-transcript.jsonl"))
        try write("opencode", "20260615-100000-ses_7a1b2c3d4e5fAbCdEfGhIjKl", lines("opencode-records.jsonl"))
        try write("amp", "20260612-100000-T-7c0e9d3a-51f2-4b8e-9a6d-2f1c0b9e8d7a", try records(AmpSource(), [("amp-thread.json", "T-7c0e9d3a.json")]))
        try write(
            "cline", "20250902-100320-1756807400000",
            try records(ClineSource(), [("cline-task-api.json", "api_conversation_history.json"), ("cline-task-ui.json", "ui_messages.json")]))
    }
}
