import Foundation
import Testing
@testable import HookKit

/// Text extraction per record role, for every archived format, and robustness on any bytes.
@Suite struct SearchReaderTests {
    func docs(_ format: PartFormat, _ lines: [String]) -> [SearchDocument] {
        var reader = PartTextReader(format: format)
        var out: [SearchDocument] = []
        for (i, line) in lines.enumerated() { out += reader.documents(line: Array(line.utf8)[...], number: i + 1) }
        return out + reader.finish()
    }

    @Test func claudeRecordsByRole() {
        let found = docs(.claude, [
            #"{"type":"user","timestamp":"2026-01-02T10:00:00Z","message":{"role":"user","content":"Which parser?"}}"#,
            #"{"type":"assistant","timestamp":"2026-01-02T10:00:01Z","message":{"content":[{"type":"thinking","thinking":"weigh options"},{"type":"text","text":"Use recursive descent."},{"type":"tool_use","id":"t","name":"Edit","input":{"file_path":"Sources/P.swift","new_string":"struct P {}"}}]}}"#,
            #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"edited \"P.swift\""}]}]},"toolUseResult":{"stdout":"dup"}}"#,
            #"{"type":"summary","summary":"Parser decision"}"#,
            #"{"type":"file-history-snapshot","snapshot":{"x":"not searchable"}}"#,
        ])
        #expect(docs(.claude, []).isEmpty)
        #expect(found.map(\.role) == [.user, .thinking, .assistant, .toolCall, .toolOutput, .summary])
        #expect(found.map(\.line) == [1, 2, 2, 2, 3, 4])
        #expect(found[0].text == "Which parser?" && found[0].timestamp == "2026-01-02T10:00:00Z")
        #expect(found[3].text == "Edit: Sources/P.swift struct P {}")
        #expect(found[4].text == "edited \"P.swift\"", "tool_result text blocks, unescaped; toolUseResult duplicate skipped")
    }

    @Test func codexItemsByRole() {
        let found = docs(.codex, [
            #"{"timestamp":"2026-01-02T10:00:00Z","type":"session_meta","payload":{"id":"x","cwd":"/r"}}"#,
            #"{"timestamp":"2026-01-02T10:00:01Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"add a lexer"}]}}"#,
            #"{"timestamp":"2026-01-02T10:00:02Z","type":"response_item","payload":{"type":"reasoning","summary":[{"type":"summary_text","text":"plan the lexer"}]}}"#,
            #"{"timestamp":"2026-01-02T10:00:03Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"ls\"]}"}}"#,
            #"{"timestamp":"2026-01-02T10:00:04Z","type":"response_item","payload":{"type":"function_call_output","output":"Lexer.swift"}}"#,
            #"{"timestamp":"2026-01-02T10:00:05Z","type":"event_msg","payload":{"type":"agent_message","message":"duplicate"}}"#,
            #"{"type":"message","role":"assistant","content":[{"type":"output_text","text":"old-style item"}]}"#,
        ])
        #expect(found.map(\.role) == [.user, .thinking, .toolCall, .toolOutput, .assistant])
        #expect(found.map(\.text) == ["add a lexer", "plan the lexer", "shell: {\"command\":[\"ls\"]}", "Lexer.swift", "old-style item"])
    }

    @Test func aiderRunsOfLines() {
        let found = docs(.aider, [
            "# aider chat started at 2026-01-02 10:00:00", "", "#### add a lexer", "#### with tests", "",
            "Sure, here is the lexer.", "It tokenizes.", "> Applied edit to lexer.py", "#### thanks",
        ])
        #expect(found.map(\.role) == [.user, .assistant, .toolOutput, .user])
        #expect(found.map(\.line) == [3, 6, 8, 9])
        #expect(found[0].text == "add a lexer\nwith tests")
        #expect(found[0].timestamp == "2026-01-02 10:00:00")
    }

    @Test func anyBytesAreSafe() {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
        let seeds = Array(#"{"type":"assistant","message":{"content":[{"type":"text","text":"a\u00e9\ud83d"}]}}"#.utf8)
        for format in [PartFormat.claude, .codex, .aider, .generic] {
            var reader = PartTextReader(format: format)
            for n in 0..<3000 {
                var line = seeds
                if n % 2 == 0 { line = Array(line.prefix(Int(next() % UInt64(line.count)))) }  // truncated
                for _ in 0..<(line.isEmpty ? 0 : n % 7) { line[Int(next() % UInt64(line.count))] = UInt8(truncatingIfNeeded: next()) }  // damaged
                if n % 5 == 0 { line = (0..<Int(next() % 300)).map { _ in UInt8(truncatingIfNeeded: next()) } }  // noise
                for doc in reader.documents(line: line[...], number: n + 1) { #expect(doc.line == n + 1 || format == .aider) }
            }
            _ = reader.finish()
        }
    }
}
