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
        try database.write(
            #"{"type":"session","id":"ses_child","info":{"title":"Child session","version":"1.14.2","time":{"created":1781517650000}}}"#, session: "ses_child", parent: main,
            directory: repo + "/web")
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
        let e = SessionTranscript.lastRevisions(
            try {
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

/// Reading OpenCode's database leaves its files as they are: no `-wal` or `-shm` made when OpenCode is not
/// running (else every next commit would see the database changed), and its latest writes seen when it is.
@Suite struct OpenCodeDatabaseFilesTests {
    @Test func readingTouchesNothingAndSeesWhatARunningOpenCodeWrote() throws {
        SourceStores.install()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("opencode-files-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/opencode.db"
        let session = #"{"type":"session","id":"ses_1","info":{"title":"t","version":"1","time":{"created":1}}}"#
        do {
            let database = try OpenCodeDatabaseFile(path: path)
            try database.write(session, session: "ses_1", directory: "/work/x")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["opencode.db"], "OpenCode checkpointed on close")
        let reader = try #require(OpenCodeStore.opener)
        #expect(try reader(path).sessions(inside: ["/work/x"]).map(\.id) == ["ses_1"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["opencode.db"], "nothing created beside it")

        let running = try OpenCodeDatabaseFile(path: dir + "/running.db")
        try running.write(session, session: "ses_1", directory: "/work/x")
        try running.write(#"{"type":"message","id":"msg_1","info":{"role":"user","time":{"created":2}}}"#, session: "ses_1")
        let wal = try FileManager.default.attributesOfItem(atPath: dir + "/running.db-wal")[.modificationDate] as? Date
        #expect(try reader(dir + "/running.db").records(session: "ses_1").map(\.id) == ["ses_1", "msg_1"], "pages still in the WAL are read")
        #expect(try FileManager.default.attributesOfItem(atPath: dir + "/running.db-wal")[.modificationDate] as? Date == wal)
        _ = running
    }
}
