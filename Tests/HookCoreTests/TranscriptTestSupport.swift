import Foundation
import TestSupport

@testable import HookCore

/// A temporary folder tree for one test; removed when released. Never touches the real HOME.
final class TranscriptTempTree {
    let root: String

    init() {
        var template = Array("/tmp/convo-transcripts-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    @discardableResult
    func mkdir(_ relative: String) -> String {
        let p = path(relative)
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let p = path(relative)
        let dir = (p as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: p, contents: Data(bytes)))
        return p
    }

    func append(_ relative: String, _ text: String) {
        let h = FileHandle(forWritingAtPath: path(relative))!
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        h.closeFile()
    }

    /// A context whose assistants' homes all live inside this tree.
    func context(repo: String, worktrees: [String] = [], custom: [String] = []) -> SourceContext {
        SourceContext(
            repoRoot: repo, worktreeRoots: worktrees, claudeConfigDir: path("claude"),
            codexHome: path("codex"), customSources: custom, homeDir: path("home"),
            homes: ToolHomes(
                geminiHome: path("home"), copilotHome: path("copilot"), cursorConfigDir: path("cursor"), dataHome: path("data"),
                clineDataDirs: [path("cline")]))
    }

    /// The lines of a fixture written to `relative` (its `//` header left out): the file a tool would have.
    @discardableResult
    func fixture(_ name: String, at relative: String, replacing: [String: String] = [:]) -> String {
        var text = Fixtures.lines(name).joined(separator: "\n") + "\n"
        for (old, new) in replacing { text = text.replacingOccurrences(of: old, with: new) }
        return write(relative, text)
    }
}

/// Realistic Claude Code records.
enum ClaudeRecords {
    static func user(
        _ text: String, cwd: String, session: String, branch: String = "main",
        at time: String = "2025-03-01T10:00:00.000Z", uuid: String = "u1"
    ) -> String {
        let content = jsonString(text)
        return
            #"{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"\#(cwd)","sessionId":"\#(session)","version":"2.0.34","gitBranch":"\#(branch)","type":"user","message":{"role":"user","content":\#(content)},"uuid":"\#(uuid)","timestamp":"\#(time)"}"#
    }

    static func assistant(
        _ text: String, cwd: String, session: String, branch: String = "main",
        at time: String = "2025-03-01T10:00:05.000Z"
    ) -> String {
        #"{"parentUuid":"u1","isSidechain":false,"userType":"external","cwd":"\#(cwd)","sessionId":"\#(session)","version":"2.0.34","gitBranch":"\#(branch)","message":{"model":"claude-sonnet-4-5","id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":\#(jsonString(text))}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":5}},"requestId":"req_1","type":"assistant","uuid":"u2","timestamp":"\#(time)"}"#
    }

    static func summary(_ text: String) -> String {
        #"{"type":"summary","summary":\#(jsonString(text)),"leafUuid":"u2"}"#
    }

    static func toolResult(cwd: String, session: String, branch: String = "main", at time: String) -> String {
        #"{"parentUuid":"u2","isSidechain":false,"userType":"external","cwd":"\#(cwd)","sessionId":"\#(session)","version":"2.0.34","gitBranch":"\#(branch)","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_01","type":"tool_result","content":"file contents here"}]},"uuid":"u3","timestamp":"\#(time)"}"#
    }

    static func session(cwd: String, id: String, prompt: String = "Fix the login bug") -> String {
        [user(prompt, cwd: cwd, session: id), assistant("Done.", cwd: cwd, session: id)].joined(separator: "\n") + "\n"
    }

    static func jsonString(_ s: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [s], options: [])
        let text = String(decoding: data, as: UTF8.self)
        return String(text.dropFirst().dropLast())
    }
}

/// Realistic Codex rollout records.
enum CodexRecords {
    static func meta(id: String, cwd: String, branch: String = "feature/x", at time: String = "2025-10-29T00:59:38.317Z") -> String {
        #"{"timestamp":"\#(time)","type":"session_meta","payload":{"id":"\#(id)","timestamp":"\#(time)","cwd":"\#(cwd)","originator":"codex_cli_rs","cli_version":"0.46.0","instructions":null,"source":"cli","model_provider":"openai","git":{"commit_hash":"abc123","branch":"\#(branch)","repository_url":"git@example.com:u/r.git"}}}"#
    }

    static func environment(cwd: String) -> String {
        #"{"timestamp":"2025-10-29T00:59:38.320Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n  <cwd>\#(cwd)</cwd>\n  <approval_policy>never</approval_policy>\n</environment_context>"}]}}"#
    }

    static func userMessage(_ text: String) -> String {
        #"{"timestamp":"2025-10-29T00:59:38.330Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":\#(ClaudeRecords.jsonString(text))}]}}"#
    }

    static func reasoning() -> String {
        #"{"timestamp":"2025-10-29T00:59:39.522Z","type":"response_item","payload":{"type":"reasoning","summary":[{"type":"summary_text","text":"**Thinking**"}],"content":null,"encrypted_content":"gAAAAABo-secret-blob=="}}"#
    }

    static func rollout(id: String, cwd: String, prompt: String = "what is 2+2?") -> String {
        [
            meta(id: id, cwd: cwd), environment(cwd: cwd), userMessage(prompt), reasoning(),
            #"{"timestamp":"2025-10-29T00:59:40.000Z","type":"event_msg","payload":{"type":"agent_message","message":"4"}}"#,
        ]
        .joined(separator: "\n") + "\n"
    }
}
