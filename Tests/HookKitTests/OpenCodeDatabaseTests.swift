import Foundation
import SourceStores
import TestSupport
import Testing

@testable import HookCore

/// OpenCode's SQLite database, read through SourceStores: this worktree's sessions, subagent sessions as streams,
/// and the same records as the archived fixture.
@Suite struct OpenCodeDatabaseTests {
    @Test func sessionsOfThisWorktreeAndTheirRecords() throws {
        SourceStores.install()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("opencode-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let repo = dir + "/repo"
        let database = try OpenCodeDatabaseFile(path: dir + "/data/opencode/opencode.db")
        let main = "ses_7a1b2c3d4e5fAbCdEfGhIjKl"
        for line in Fixtures.lines("opencode-records.jsonl") { try database.write(line, session: main, directory: repo) }
        try database.write(#"{"type":"session","id":"ses_child","info":{"title":"Child session","version":"1.14.2","time":{"created":1781517650000}}}"#, session: "ses_child", parent: main, directory: repo + "/web")
        try database.write(#"{"type":"session","id":"ses_other","info":{"title":"x","version":"1","time":{"created":1}}}"#, session: "ses_other", directory: dir + "/other")
        let context = SourceContext(
            repoRoot: repo, claudeConfigDir: "", codexHome: "", homes: ToolHomes(dataHome: dir + "/data"))
        var cache = SourceHeadCache()
        let found = OpenCodeSource().sessions(in: context, cache: &cache)
        #expect(found.map(\.sessionID) == [main])
        #expect(found.first?.streams.map(\.archiveName) == ["", "subagents/ses_child"])
        #expect(found.first?.streams.map(\.selector) == [main, "ses_child"])
        let records = try OpenCodeSource().records(of: found[0].streams[0])
        let fixture = Fixtures.lines("opencode-records.jsonl")
        #expect(records.map(\.id) == fixture.compactMap { OpenCodeSource().recordID(ofArchivedLine: Array($0.utf8)) }, "messages in time order, each followed by its parts")
        let e = SessionTranscript.lastRevisions(try {
            var reader = OpenCodeSource().eventReader(stream: "main")
            return reader.events(records.enumerated().map { (number: $0.offset + 1, bytes: $0.element.bytes[...]) })
        }())
        var calls: [String] = []
        var usage = 0
        var cwd: String?
        for event in e {
            switch event.kind {
            case .toolCall(let call): calls.append(call.name)
            case .usage: usage += 1
            case .context(let context): cwd = cwd ?? context.cwd
            default: break
            }
        }
        #expect(calls == ["read", "edit", "bash"] && usage == 3 && cwd == repo)
    }
}
