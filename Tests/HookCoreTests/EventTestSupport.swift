import TestSupport

@testable import HookCore

/// The events a source's mapping makes of a fixture transcript.
func events(_ source: any TranscriptSource, _ fixture: String, stream: String = "main") -> [ConversationEvent] {
    var reader = source.eventReader(stream: stream)
    let lines = Fixtures.lines(fixture)
    return reader.events(lines.enumerated().map { (number: $0.offset + 1, bytes: Array($0.element.utf8)[...]) })
}

extension ConversationEvent {
    var prompt: Prompt? { if case .prompt(let p) = kind { return p } else { return nil } }
    var call: ToolCall? { if case .toolCall(let c) = kind { return c } else { return nil } }
    var result: ToolResult? { if case .toolResult(let r) = kind { return r } else { return nil } }
    var usage: TokenUsage? { if case .usage(let u) = kind { return u } else { return nil } }
    var reply: String? { if case .reply(let t) = kind { return t } else { return nil } }
    var thinking: String? { if case .thinking(let t) = kind { return t } else { return nil } }
    var todos: [TodoItem]? { if case .todos(let t) = kind { return t } else { return nil } }
    var compaction: Compaction? { if case .compaction(let c) = kind { return c } else { return nil } }
    var notice: String? { if case .notice(let t) = kind { return t } else { return nil } }
    var summary: Summary? { if case .summary(let s) = kind { return s } else { return nil } }
    var context: SessionContext? { if case .context(let c) = kind { return c } else { return nil } }
}

/// The events a source's mapping makes of the records it reads from a store (a whole-file document, a database),
/// each record archived as one line in the order given.
func recordEvents(_ source: any TranscriptSource, _ stream: TranscriptStream, name: String = "main") throws -> [ConversationEvent] {
    let records = try source.records(of: stream)
    var reader = source.eventReader(stream: name)
    return reader.events(records.enumerated().map { (number: $0.offset + 1, bytes: $0.element.bytes[...]) })
}

extension SourceRecord {
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
