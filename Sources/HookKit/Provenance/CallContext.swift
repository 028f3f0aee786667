import HookCore

/// What led to a tool call: the prompt a person typed before it (for a call of a subagent, the prompt
/// before the call that started the subagent), and the assistant's words right before the call in the
/// same turn (its reply text and its thinking).
struct CallContext: Sendable {
    var prompt: String?
    var promptTime: String?
    /// Set when no person's prompt precedes the call and the subagent's instructions stand in for it.
    var promptIsAgentInstructions = false
    var reasoning: String?
    var thinking: String?
    var callTime: String?
    var tool: String
    /// The call's one-line summary (its path, its command).
    var summary: String

    init(transcript: SessionTranscript, stream: String, event index: Int) {
        let events = transcript.stream(stream)?.events ?? []
        let call = events.indices.contains(index) ? events[index] : nil
        if case .toolCall(let c)? = call?.kind {
            tool = c.name
            summary = c.summary
        } else {
            tool = "tool"
            summary = ""
        }
        callTime = call?.time
        var k = min(index, events.count) - 1
        while k >= 0 {
            switch events[k].kind {
            case .prompt(let p) where p.isPerson:
                prompt = p.text
                promptTime = events[k].time
                k = -1
                continue
            case .reply(let text) where reasoning == nil && !text.isEmpty:
                reasoning = text
            case .thinking(let text) where thinking == nil && !text.isEmpty:
                thinking = text
            default:
                break
            }
            k -= 1
        }
        if prompt == nil, stream != ArchivedStream.main {
            if let (text, time) = CallContext.promptBeforeStarting(stream, in: transcript) {
                prompt = text
                promptTime = time
            } else if let first = events.lazy.compactMap({ e -> (String, String?)? in
                if case .prompt(let p) = e.kind, p.origin == .agent { return (p.text, e.time) }
                return nil
            }).first {
                prompt = first.0
                promptTime = first.1
                promptIsAgentInstructions = true
            }
        }
    }

    /// The person's prompt before the main-stream call whose result names subagent `stream`.
    private static func promptBeforeStarting(_ stream: String, in transcript: SessionTranscript) -> (String, String?)? {
        guard let main = transcript.main?.events else { return nil }
        guard let resultIndex = main.firstIndex(where: { if case .toolResult(let r) = $0.kind { return r.subagentStream == stream } else { return false } }),
            case .toolResult(let result) = main[resultIndex].kind
        else { return nil }
        let callIndex =
            main[..<resultIndex].lastIndex { e in
                if case .toolCall(let c) = e.kind { return result.callID != nil && c.id == result.callID }
                return false
            } ?? resultIndex
        for e in main[..<callIndex].reversed() {
            if case .prompt(let p) = e.kind, p.isPerson { return (p.text, e.time) }
        }
        return nil
    }
}
