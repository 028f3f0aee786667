import Foundation
import Testing

@testable import HookCore

/// A tool that rewrites its session file whole (a JSON array of messages, each with an id): capture
/// archives each message once, and again only when the tool changed it.
struct ArrayDocumentSource: TranscriptSource {
    var name: String { "arraydoc" }
    func sessions(in context: SourceContext, cache: inout SourceHeadCache) -> [SessionLocator] { [] }
    func watchPaths(in context: SourceContext, sessions: [SessionLocator]) -> [String] { [] }
    func absorb(_ line: [UInt8], into metadata: inout SessionMetadata) { metadata.lineCount += 1 }

    func records(of stream: TranscriptStream) throws -> [SourceRecord] {
        let data = try Data(contentsOf: URL(fileURLWithPath: stream.path))
        let messages = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return try messages.map { message in
            SourceRecord(id: message["id"] as? String ?? "", bytes: [UInt8](try JSONSerialization.data(withJSONObject: message, options: [.sortedKeys])))
        }
    }

    func recordID(ofArchivedLine line: [UInt8]) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["id"] as? String
    }
}

@Suite struct RecordsCaptureTests {
    struct Settings: GitConfigReading {
        func string(_ name: String) throws -> String? { nil }
        func bool(_ name: String) throws -> Bool? { nil }
        func int(_ name: String) throws -> Int64? { nil }
        func values(_ name: String) throws -> [String] { [] }
    }

    @Test func aRewrittenDocumentAddsOnlyNewAndChangedRecords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let document = dir + "/thread.json"
        func write(_ messages: [[String: Any]]) throws {
            try JSONSerialization.data(withJSONObject: messages, options: [.sortedKeys]).write(to: URL(fileURLWithPath: document))
        }
        let settings = try ArchiveSettings(config: Settings())
        let capturer = Capturer(
            settings: settings, redactor: try Redactor(config: settings.redaction), spool: Spool(stateDir: dir + "/state"),
            state: CaptureState(), now: 0)
        let locator = SessionLocator(source: "arraydoc", sessionID: "t1", streams: [TranscriptStream(path: document, kind: .records)])
        let spool = Spool(stateDir: dir + "/state").path(source: "arraydoc", sessionID: "t1", stream: "", ext: "jsonl")
        func spooled() -> [String] {
            String(decoding: FileManager.default.contents(atPath: spool) ?? Data(), as: UTF8.self).split(separator: "\n").map(String.init)
        }

        try write([["id": "m1", "text": "hello"], ["id": "m2", "text": "stream"]])
        #expect(capturer.capture([locator]) { _ in ArrayDocumentSource() } == ["arraydoc/t1": 2])
        #expect(capturer.capture([locator]) { _ in ArrayDocumentSource() }.isEmpty, "nothing changed")
        try write([["id": "m1", "text": "hello"], ["id": "m2", "text": "streamed and completed"], ["id": "m3", "text": "new"]])
        #expect(capturer.capture([locator]) { _ in ArrayDocumentSource() } == ["arraydoc/t1": 2])
        let lines = spooled()
        #expect(lines.count == 4)
        #expect(lines[2].contains("streamed and completed") && lines[2].contains("\"m2\""), "the edited record, again with its id")
        #expect(lines[3].contains("\"m3\""))
        #expect(capturer.state.sessions["arraydoc/t1"]?.streams[""]?.lines == 4)
    }
}
