/// Files named by `convo.sources` hold whatever the user pointed at: each line is read by the mapping
/// its shape belongs to (a Codex envelope, a Claude Code record), anything else as text.
extension CustomGlobSource {
    public func eventReader(stream: String) -> any TranscriptEventReader { ShapeSniffingEventReader(stream: stream) }
}

struct ShapeSniffingEventReader: TranscriptEventReader {
    let stream: String
    private var claude: ClaudeEventReader
    private var codex: CodexEventReader
    private var plain: PlainTextEventReader

    init(stream: String) {
        self.stream = stream
        claude = ClaudeEventReader(stream: stream)
        codex = CodexEventReader(stream: stream)
        plain = PlainTextEventReader(stream: stream)
    }

    mutating func read(_ line: ArraySlice<UInt8>, number: Int, into events: inout [ConversationEvent]) {
        let top = JSONLineFields.members(line, keys: ["payload", "type", "message"])
        if top["payload"] != nil {
            codex.read(line, number: number, into: &events)
        } else if top["message"] != nil || top["type"].flatMap({ JSONLineFields.string(line, $0) }) == "summary" {
            claude.read(line, number: number, into: &events)
        } else {
            plain.read(line, number: number, into: &events)
        }
    }
}
