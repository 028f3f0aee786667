/// Turns the archived lines of one stream into conversation events. Each source has one (its format is
/// understood there and nowhere else); it may keep state across the lines of a stream (Aider's
/// multi-line messages, Codex's cumulative token counts).
public protocol TranscriptEventReader {
    /// Appends the events of one complete line (without its `\n`), numbered `number` in its stream.
    /// Any bytes are accepted; what cannot be interpreted becomes a `.raw` event or nothing.
    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent])
    /// Appends the events still pending after the stream's last line.
    mutating func finish(into events: inout [ConversationEvent])
}

extension TranscriptEventReader {
    public mutating func finish(into events: inout [ConversationEvent]) {}

    /// All events of `lines` (numbered lines of one stream), in order.
    public mutating func events(_ lines: some Sequence<(number: Int, bytes: ArraySlice<UInt8>)>) -> [ConversationEvent] {
        var out: [ConversationEvent] = []
        for line in lines { read(line.bytes, number: line.number, into: &out) }
        finish(into: &out)
        return out
    }
}

/// The reader for a source convo-hook has no mapping for: each line as text, JSON lines by their
/// string values. Never guesses a format from the source's name.
public struct PlainTextEventReader: TranscriptEventReader {
    public let stream: String

    public init(stream: String) { self.stream = stream }

    public mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        events.append(ConversationEvent(.raw(text), stream: stream, line: number))
    }
}

extension TranscriptSource {
    /// Default for sources without an event mapping.
    public func eventReader(stream: String) -> any TranscriptEventReader { PlainTextEventReader(stream: stream) }
}

extension PlainTextEventReader {
    /// `line` as a JSON object; a line that is not one is still someone's words, so it is read as plain text
    /// into `events` and the result is nil.
    static func jsonObject(
        _ line: ArraySlice<UInt8>, stream: String, number: Int, into events: inout [ConversationEvent]
    ) -> JSONDocument? {
        if let document = JSONDocument.parse(line), document.root.kind == .object { return document }
        var plain = PlainTextEventReader(stream: stream)
        plain.read(line, number: number, into: &events)
        return nil
    }
}
