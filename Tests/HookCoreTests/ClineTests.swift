import Foundation
import TestSupport
import Testing

@testable import HookCore

/// Cline: tasks (XML-era and native tool calls, token reports from the panel log) and SDK sessions, as records and
/// events; both found by the working directory they record.
@Suite struct ClineTests {
    @Test func aTaskIsItsMessagesThenItsTokenReports() throws {
        let t = TranscriptTempTree()
        let path = t.fixture("cline-task-api.json", at: "cline/tasks/1756807400000/api_conversation_history.json")
        t.fixture("cline-task-ui.json", at: "cline/tasks/1756807400000/ui_messages.json")
        let stream = TranscriptStream(path: path, kind: .records)
        let records = try ClineSource().records(of: stream)
        #expect(records.map(\.id) == ["#0", "#1", "#2", "#3", "#4", "ts:1756807500000", "ts:1756807510000", "ts:1756807520000", "ui:1756807401000", "ui:1756807450000"])
        #expect(records.last?.text == #"{"ts":1756807450000,"say":"api_req_started","tokensIn":5,"tokensOut":210,"cacheWrites":300,"cacheReads":9000,"cost":0.0068}"#)
        #expect(records.map { ClineSource().recordID(ofArchivedLine: $0.bytes) } == records.map(\.id))
        #expect(records[1].text.hasPrefix(#"{"$index":1,"role":"assistant","#))
        #expect(records.suffix(5).map { ClineSource().recordID(ofArchivedLine: $0.bytes) } == records.suffix(5).map(\.id))
        let e = try recordEvents(ClineSource(), stream)
        let prompts = e.compactMap(\.prompt).filter(\.isPerson)
        #expect(prompts.map(\.text) == ["Add a --dry-run flag to deploy.sh", "Also print what would be copied"])
        #expect(e.compactMap(\.thinking) == ["The script has no argument parsing yet."])
        let calls = e.compactMap(\.call)
        #expect(calls.map(\.name) == ["read_file", "replace_in_file", "execute_command"])
        #expect(calls[0].reads == ["deploy.sh"] && calls[1].writes == ["deploy.sh"] && calls[2].command == "sh deploy.sh --dry-run")
        #expect(
            calls[1].edits == [
                FileEdit(path: "deploy.sh", oldText: "rsync -a build/ prod:/srv/app", newText: "[ \"$1\" = --dry-run ] && n=-n\nrsync -a $n build/ prod:/srv/app")
            ])
        let results = e.compactMap(\.result)
        #expect(results.map(\.text) == ["#!/bin/sh\nrsync -a build/ prod:/srv/app\n", "The content was successfully saved to deploy.sh.", "rsync: connection refused"])
        #expect(results.map(\.isError) == [false, false, true])
        #expect(e.compactMap(\.reply) == ["I'll add the flag.", "Checking the output.", "deploy.sh now takes --dry-run; it could not reach prod from here."])
        #expect(
            e.compactMap(\.usage) == [
                TokenUsage(input: 3, output: 120, cacheWrite: 9000, reportedCost: 0.036), TokenUsage(input: 5, output: 210, cacheRead: 9000, cacheWrite: 300, reportedCost: 0.0068),
            ])
        #expect(e.last { $0.usage != nil }?.model == "claude-sonnet-4-20250514")
        #expect(ClineSource.environmentCwd(Array(records[0].bytes)[...]) == "/work/ops")
    }

    @Test func anSDKSessionIsItsManifestThenItsMessages() throws {
        let t = TranscriptTempTree()
        t.fixture("cline-session.json", at: "s/1784094124598_rruoq.json")
        let stream = TranscriptStream(path: t.fixture("cline-session.messages.json", at: "s/1784094124598_rruoq.messages.json"), kind: .records)
        let records = try ClineSource().records(of: stream)
        #expect(records.map(\.id) == ["$session", "msg_mr9sjimy_1", "msg_mr9sjimy_2", "msg_mr9sjimy_3", "msg_mr9sjimy_4"])
        #expect(
            records[0].text
                == #"{"session_id":"1784094124598_rruoq","source":"cli","started_at":"2026-07-15T05:42:04.609Z","cwd":"/work/desk","workspace_root":"/work/desk","provider":"anthropic","model":"claude-sonnet-4-6"}"#
        )
        #expect(records.map { ClineSource().recordID(ofArchivedLine: $0.bytes) } == records.map(\.id))
        let e = try recordEvents(ClineSource(), stream)
        #expect(e.compactMap(\.context).first == SessionContext(sessionID: "1784094124598_rruoq", cwd: "/work/desk"))
        #expect(e.compactMap(\.prompt).filter(\.isPerson).map(\.text) == ["Move the filter icon after the Sessions button"])
        #expect(e.compactMap(\.thinking) == ["The icon is rendered before the button; swap them."])
        #expect(e.compactMap(\.call).first?.writes == ["/work/desk/webview/agent-sidebar.tsx"])
        #expect(e.compactMap(\.result).first?.text == "Edited /work/desk/webview/agent-sidebar.tsx")
        #expect(
            e.compactMap(\.usage) == [
                TokenUsage(input: 2100, output: 180, cacheWrite: 1900, reportedCost: 0.0152), TokenUsage(input: 40, output: 22, cacheRead: 4000, reportedCost: 0.0016),
            ])
        #expect(e.first { $0.usage != nil }?.model == "claude-sonnet-4-6")
    }

    @Test func tasksAndSessionsAreFoundByTheirRecordedDirectory() {
        let t = TranscriptTempTree()
        let repo = t.path("repo")
        func task(_ cwd: String) -> String {
            #"[{"role":"user","content":[{"type":"text","text":"<task>\nhi\n</task>"},{"type":"text","text":"<environment_details>\n# Current Working Directory (\#(cwd)) Files\n</environment_details>"}]}]"#
        }
        let mine = t.write("cline/tasks/100/api_conversation_history.json", task(repo))
        t.write("cline/tasks/200/api_conversation_history.json", task(t.path("other")))
        // No environment block: the task history says where it ran.
        let recorded = t.write("cline/tasks/300/api_conversation_history.json", #"[{"role":"user","content":"hi"}]"#)
        t.write("cline/state/taskHistory.json", #"[{"id":"300","ts":1,"task":"hi","tokensIn":0,"tokensOut":0,"totalCost":0,"cwdOnTaskInitialization":"\#(repo)/sub"}]"#)
        t.write("cline/sessions/s1/s1.json", #"{"session_id":"s1","cwd":"\#(repo)","workspace_root":"\#(repo)"}"#)
        let main = t.write("cline/sessions/s1/s1.messages.json", #"{"messages":[]}"#)
        let agent = t.write("cline/sessions/s1/reviewer.messages.json", #"{"messages":[]}"#)
        t.write("cline/sessions/s2/s2.json", #"{"session_id":"s2","cwd":"\#(t.path("other"))"}"#)
        t.write("cline/sessions/s2/s2.messages.json", #"{"messages":[]}"#)
        var cache = SourceHeadCache()
        let found = ClineSource().sessions(in: t.context(repo: repo), cache: &cache)
        #expect(found.map(\.sessionID) == ["100", "300", "s1"])
        #expect(found.map { $0.streams[0].path } == [mine, recorded, main])
        #expect(found[2].streams.map(\.archiveName) == ["", "subagents/reviewer"] && found[2].streams[1].path == agent)
        #expect(found.allSatisfy { $0.streams.allSatisfy { $0.kind == .records } })
        let watch = ClineSource().watchPaths(in: t.context(repo: repo), sessions: found)
        #expect(watch.contains(t.path("cline/tasks/100/ui_messages.json")) && watch.contains(t.path("cline/sessions/s1")))
    }
}
