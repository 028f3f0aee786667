import Foundation
import Testing

@testable import HookCore

/// The matching rule that traces committed lines back to the tool calls that wrote them.
@Suite struct ProvenanceTests {
    private func origin(_ k: Int, time: Int64? = 1000, path: String = "/work/app/src/cache.swift") -> WrittenLines.Origin {
        WrittenLines.Origin(stream: "main", event: k, line: k, time: time, tool: "Edit", path: path)
    }

    @Test func linesAreComparedWithWhitespaceCollapsed() {
        #expect(CodeLine.normalized("\t  let  x =\t1  \r") == "let x = 1")
        #expect(CodeLine.normalized("   ") == "")
        #expect(CodeLine.isTrivial("});"))
        #expect(!CodeLine.isTrivial("} else {"))
        #expect(CodeLine.words("let total_count = a.b(xy)") == ["let", "total_count"])
        #expect(CodeLine.similarity("let timeout = 30", "let timeout = 45") == 1 - 2.0 / 16)
        #expect(CodeLine.lines(of: "a\r\nb\n") == ["a", "b"])
    }

    @Test func anEditAddsOnlyTheLinesItDidNotKeep() {
        let edit = FileEdit(
            path: "a.swift", oldText: "func load() {\n    read()\n}",
            newText: "func load() {\n    read()\n    cache.fill()\n}")
        #expect(WrittenLines.addedLines(edit).map(\.text) == ["cache.fill()"])
        let write = FileEdit(path: "a.swift", oldText: nil, newText: "one\n\n  two\n")
        #expect(WrittenLines.addedLines(write).map(\.text) == ["one", "two"])
        #expect(WrittenLines.addedLines(write).allSatisfy { !$0.isFragment })
        // A substring replacement: its only line may be part of a line of the file.
        let partial = FileEdit(path: "a.swift", oldText: "timeout = 30", newText: "timeout = 60")
        #expect(WrittenLines.addedLines(partial).map(\.isFragment) == [true])
    }

    @Test func aLineIsFoundAsWrittenAsAFragmentOrAsEditedAfter() {
        var written = WrittenLines()
        written.add(FileEdit(path: "/work/app/src/cache.swift", oldText: nil, newText: "let capacity = items.count * 2\nfunc evict() {}\n"), origin: origin(1))
        written.add(FileEdit(path: "/work/app/src/cache.swift", oldText: "ttl: 30", newText: "ttl: 300"), origin: origin(2, time: 2000))
        written.add(FileEdit(path: "/work/app/src/cache.swift", oldText: "size: 1", newText: "size: 2"), origin: origin(3, time: 2000))

        let exact = written.match("let capacity = items.count * 2", path: "src/cache.swift", before: 5000, similar: 0.6)
        #expect(exact == WrittenLines.Match(exact: true, origin: 0, similarity: 1, written: "let capacity = items.count * 2"))
        #expect(written.match("let capacity = items.count * 2", path: "other/cache.swift", before: 5000, similar: 0.6) == nil)
        #expect(written.match("let capacity = items.count * 2", path: "src/cache.swift", before: 500, similar: 0.6) == nil, "written after the commit")
        let fragment = written.match("let policy = Policy(ttl: 300)", path: "src/cache.swift", before: 5000, similar: 0.6)
        #expect(fragment == WrittenLines.Match(exact: true, origin: 1, similarity: 1, written: "ttl: 300"))
        let short = written.match("let policy = Policy(size: 2, strict: true)", path: "src/cache.swift", before: 5000, similar: 0.6)
        #expect(short == nil, "a fragment shorter than eight bytes and less than half the line says nothing")
        let edited = written.match("let capacity = items.count * 4", path: "src/cache.swift", before: 5000, similar: 0.6)
        #expect(edited?.exact == false && edited?.origin == 0)
        #expect(written.match("print(\"unrelated\")", path: "src/cache.swift", before: 5000, similar: 0.6) == nil)
    }

    @Test func closingLinesFollowTheLinesAroundThem() {
        var written = WrittenLines()
        written.add(FileEdit(path: "Sources/A.swift", oldText: nil, newText: "func a() {\n    work()\n}\n"), origin: origin(1, path: "Sources/A.swift"))
        let lines = ["func a() {", "    work()", "}", "", "func mine() {", "    other()", "}"]
        let verdicts = LineAttribution.classify(lines, path: "Sources/A.swift", written: [written], before: nil)
        #expect(verdicts.map { $0?.authorship } == [.tool, .tool, .tool, nil, .hand, .hand, .hand])
    }

    @Test func theLatestCallBeforeTheCommitIsNamed() {
        var first = WrittenLines()
        first.add(FileEdit(path: "x.py", oldText: nil, newText: "import os\n"), origin: origin(1, time: 100, path: "x.py"))
        var second = WrittenLines()
        second.add(FileEdit(path: "x.py", oldText: nil, newText: "import os\n"), origin: origin(7, time: 300, path: "x.py"))
        let verdict = LineAttribution.classify(["import os"], path: "x.py", written: [first, second], before: 400)
        #expect(verdict == [LineVerdict(authorship: .tool, source: 1, origin: 0, similarity: 1)])
        let earlier = LineAttribution.classify(["import os"], path: "x.py", written: [first, second], before: 200)
        #expect(earlier.first??.source == 0)
    }

    @Test func failedAndRefusedCallsWroteNothing() {
        let events = [
            ConversationEvent(.toolCall(ToolCall(id: "a", name: "Write", edits: [FileEdit(path: "f.txt", oldText: nil, newText: "refused line\n")]))),
            ConversationEvent(.toolResult(ToolResult(callID: "a", text: "no", isError: true, rejection: Rejection(userWords: nil)))),
            ConversationEvent(.toolCall(ToolCall(id: "b", name: "Write", edits: [FileEdit(path: "f.txt", oldText: nil, newText: "kept line\n")]))),
            ConversationEvent(.toolResult(ToolResult(callID: "b", text: "ok", isError: false))),
        ]
        var written = WrittenLines()
        written.add(events: events, stream: "main")
        #expect(written.match("refused line", path: "f.txt", before: nil, similar: nil) == nil)
        #expect(written.match("kept line", path: "f.txt", before: nil, similar: nil)?.exact == true)
        #expect(written.origins.map(\.event) == [2])
    }

    @Test func patchesYieldTheLinesTheyAddWithTheirNumbers() {
        let patch = """
            diff --git a/src/a.swift b/src/b.swift
            similarity index 80%
            rename from src/a.swift
            rename to src/b.swift
            index 1111111..2222222 100644
            --- a/src/a.swift
            +++ b/src/b.swift
            @@ -2 +2,2 @@ func x() {
            -    old()
            +    new()
            +--- a line that looks like a header
            @@ -10,0 +12 @@
            +tail
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            diff --git "a/sp ace\\303\\251.txt" "b/sp ace\\303\\251.txt"
            new file mode 100644
            --- /dev/null
            +++ "b/sp ace\\303\\251.txt"
            @@ -0,0 +1 @@
            +hello
            \\ No newline at end of file
            diff --git a/img.png b/img.png
            Binary files a/img.png and b/img.png differ

            """
        let files = UnifiedDiff.addedFiles(Array(patch.utf8))
        #expect(files.map(\.path) == ["src/b.swift", "sp aceé.txt"])
        #expect(files[0].oldPath == "src/a.swift")
        #expect(
            files[0].runs == [[AddedLine(number: 2, text: "    new()"), AddedLine(number: 3, text: "--- a line that looks like a header")], [AddedLine(number: 12, text: "tail")]])
        #expect(files[1].runs == [[AddedLine(number: 1, text: "hello")]])
        let hunks = UnifiedDiff.files(Array(patch.utf8))[0].hunks
        #expect(hunks[0].removed == ["    old()"] && hunks[0].oldStart == 2)
    }

    @Test func attributionsOfOneCommitMergeTheSameWhicheverComesFirst() {
        let a = CommitAttribution(added: 10, tool: 6, edited: 1, hand: 3)
        let b = CommitAttribution(added: 10, tool: 4, edited: 0, hand: 6)
        #expect(CommitAttribution.merged(a, b) == a && CommitAttribution.merged(b, a) == a)
        #expect(CommitAttribution.merged(nil, b) == b)
        #expect(a.sentence == "10 lines added: 6 by tool calls, 1 edited after, 3 by hand")

        var change = ArchiveChange(sessions: [SessionChange(session: "claude/x", folder: "f", lines: [LineRange(stream: "main", first: 1, last: 2)])])
        change.attribution = b
        let text = ConversationNotes.text(for: change)
        #expect(
            text
                == "{\"attribution\":{\"added\":10,\"edited\":0,\"hand\":6,\"rule\":1,\"tool\":4},"
                + "\"sessions\":[{\"folder\":\"f\",\"lines\":[{\"first\":1,\"last\":2,\"stream\":\"main\"}],\"session\":\"claude/x\"}]}\n")
        var other = change
        other.attribution = a
        // git concatenates notes on a rewrite: both lines are read, the better count wins.
        let read = ConversationNotes.change(fromNote: text + ConversationNotes.text(for: other))
        #expect(read.attribution == a)
        #expect(read.sessions.count == 1)
        #expect(ConversationNotes.change(fromNote: #"{"sessions":[]}"#).attribution == nil)
    }

    @Test func theHooksFilteredIndexFindsWhatTheWholeIndexFinds() throws {
        // Many calls into one file, most irrelevant to the commit's lines.
        var full = WrittenLines()
        var k = 0
        for step in 0..<300 {
            let body = (0..<8).map { "    let value\(step)_\($0) = compute(\(step), \($0)) * self.scale" }.joined(separator: "\n")
            full.add(FileEdit(path: "/w/app/Sources/Model.swift", oldText: "// end", newText: "// end\n" + body + "\n}"), origin: origin(k, path: "/w/app/Sources/Model.swift"))
            k += 1
        }
        full.add(FileEdit(path: "/w/app/Sources/Model.swift", oldText: "timeout = 3", newText: "timeout = 30_000"), origin: origin(k, path: "/w/app/Sources/Model.swift"))
        let added = [
            "    let value7_3 = compute(7, 3) * self.scale", "    let value12_5 = compute(12, 5) * self.scale + 1", "    var timeout = 30_000",
            "}", "    print(\"mine\")", "    let value299_0 = compute(299, 0) * self.scale",
        ]
        let state = FileManager.default.temporaryDirectory.path + "/convo-written-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let cache = WrittenLinesCache(stateDir: state, folder: ".claude/conversations/claude/20260101-000000-x")
        var text = "convo-hook written 1\n"
        for (path, lines) in full.linesByPath() {
            for line in lines { text += "W\t\(line.isFragment ? "F" : "L")\t\(path)\t\(line.text)\n" }
        }
        try FileManager.default.createDirectory(atPath: FileSystem.parent(of: cache.file), withIntermediateDirectories: true)
        try text.write(toFile: cache.file, atomically: true, encoding: .utf8)
        let reopened = WrittenLinesCache(stateDir: state, folder: ".claude/conversations/claude/20260101-000000-x")
        let normalized = added.map(CodeLine.normalized)
        let filtered = reopened.written(into: ["Sources/Model.swift"], lines: normalized)
        #expect(filtered.count < full.count / 10)
        let whole = LineAttribution.classify(added, path: "Sources/Model.swift", written: [full], before: nil).map { $0?.authorship }
        let hook = LineAttribution.classify(added, path: "Sources/Model.swift", written: [filtered], before: nil).map { $0?.authorship }
        #expect(whole == [.tool, .edited, .tool, .tool, .hand, .tool])
        #expect(hook == whole)

        // Random commits against the same calls: the filtered index always agrees.
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<20 {
            let lines = (0..<30).map { _ -> String in
                let step = next(300)
                let i = next(8)
                switch next(4) {
                case 0: return "    let value\(step)_\(i) = compute(\(step), \(i)) * self.scale"
                case 1: return "    let value\(step)_\(i) = compute(\(step), \(i + 1)) * self.scale"
                case 2: return "}"
                default: return "    other\(step).call(\(i))"
                }
            }
            let n = lines.map(CodeLine.normalized)
            let subset = reopened.written(into: ["Sources/Model.swift"], lines: n)
            #expect(
                LineAttribution.classify(lines, path: "Sources/Model.swift", written: [subset], before: nil).map { $0?.authorship }
                    == LineAttribution.classify(lines, path: "Sources/Model.swift", written: [full], before: nil).map { $0?.authorship })
        }
    }
}
