import HookCore

/// Codex rollout records: `response_item` payloads of type `message` (user prompts),
/// `function_call` (`shell` commands, `apply_patch`), `custom_tool_call` (`apply_patch`),
/// `local_shell_call`, and their `*_output` (failed when the exit code is not 0).
struct CodexExportParser: ExportRecordParser {
    /// Calls by id, to name the command whose output failed.
    private var calls: [String: String] = [:]

    mutating func absorb(_ line: [UInt8], isMainStream: Bool, into digest: inout SessionDigest) {
        guard let record = JSONValue.record(line), record["type"]?.stringValue == "response_item",
              let payload = record["payload"], let type = payload["type"]?.stringValue else { return }
        switch type {
        case "message":
            guard isMainStream, payload["role"]?.stringValue == "user" else { return }
            let text = payload["content"]?.contentText ?? ""
            let injected = ["<environment_context>", "<user_instructions>", "# AGENTS.md instructions", "<INSTRUCTIONS>"]
            if !injected.contains(where: { text.trimmedWhitespace().hasPrefix($0) }) { digest.addPrompt(text) }
        case "function_call":
            let name = payload["name"]?.stringValue ?? ""
            let arguments = payload["arguments"]?.stringValue.flatMap { JSONValue.record(Array($0.utf8)) }
            if name == "apply_patch" {
                absorbPatch(arguments?["input"]?.stringValue ?? payload["arguments"]?.stringValue ?? "", call: payload, into: &digest)
            } else if let command = arguments?["command"] {
                absorbCommand(CodexExportParser.script(command), call: payload, into: &digest)
            }
        case "custom_tool_call":
            if payload["name"]?.stringValue == "apply_patch" {
                absorbPatch(payload["input"]?.stringValue ?? "", call: payload, into: &digest)
            }
        case "local_shell_call":
            if let command = payload["action"]?["command"] {
                absorbCommand(CodexExportParser.script(command), call: payload, into: &digest)
            }
        case "function_call_output", "custom_tool_call_output":
            absorbOutput(payload, into: &digest)
        default:
            return
        }
    }

    /// The shell script of a command: `["bash", "-lc", "<script>"]` → the script; other arrays joined.
    static func script(_ command: JSONValue) -> String {
        if let s = command.stringValue { return s }
        let words = command.arrayValue.compactMap(\.stringValue)
        if words.count == 3, ["bash", "sh", "zsh", "/bin/bash", "/bin/sh"].contains(words[0]), ["-lc", "-c"].contains(words[1]) {
            return words[2]
        }
        return words.joined(separator: " ")
    }

    private mutating func absorbCommand(_ script: String, call: JSONValue, into digest: inout SessionDigest) {
        if script.contains("apply_patch") && script.contains("*** Begin Patch") {
            absorbPatch(script, call: call, into: &digest)
            return
        }
        digest.commands.insert(script)
        for path in ShellReads.files(in: script) { digest.filesRead.insert(path) }
        if let id = call["call_id"]?.stringValue { calls[id] = ExportText.firstLine(script, limit: 80) }
    }

    private mutating func absorbPatch(_ patch: String, call: JSONValue, into digest: inout SessionDigest) {
        for path in CodexExportParser.patchedFiles(patch) { digest.filesChanged.insert(path) }
        if let id = call["call_id"]?.stringValue { calls[id] = "apply_patch" }
    }

    /// The files named by `*** Add File:`, `*** Update File:`, `*** Delete File:` and `*** Move to:` lines.
    static func patchedFiles(_ patch: String) -> [String] {
        let markers = ["*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: "]
        return patch.split(whereSeparator: \.isNewline).compactMap { line in
            let text = line.trimmedWhitespace()
            return markers.first(where: text.hasPrefix).map { String(text.dropFirst($0.count)).trimmedWhitespace() }
        }
    }

    private func absorbOutput(_ payload: JSONValue, into digest: inout SessionDigest) {
        let raw = payload["output"]?.stringValue ?? payload["output"]?.contentText ?? ""
        var exitCode: Int?
        var text = raw
        if let decoded = JSONValue.record(Array(raw.utf8)) {
            exitCode = decoded["metadata"]?["exit_code"]?.intValue
            text = decoded["output"]?.stringValue ?? ""
        } else if raw.hasPrefix("Exit code: ") {
            let first = raw.split(separator: "\n", maxSplits: 1).first ?? ""
            exitCode = Int(first.dropFirst("Exit code: ".count).trimmedWhitespace())
            if let output = raw.firstRange(of: "\nOutput:\n") { text = String(raw[output.upperBound...]) }
        }
        guard let exitCode, exitCode != 0 else { return }
        let call = payload["call_id"]?.stringValue.flatMap { calls[$0] } ?? "command"
        let line = ExportText.firstLine(text)
        digest.addError("`\(call)` exited \(exitCode)" + (line.isEmpty ? "" : ": \(line)"))
    }
}

/// Files a simple shell command reads (`cat F`, `sed -n '1,80p' F`, `head -n 20 F`, `nl -ba F`):
/// the first command of the script, when it is one of these; anything more complex yields nothing.
enum ShellReads {
    static func files(in script: String) -> [String] {
        let first = script.split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == "&" || $0.isNewline }).first.map(String.init) ?? ""
        var words = words(first)
        guard let command = words.first, ["cat", "sed", "head", "tail", "nl", "less", "wc"].contains(command) else { return [] }
        words.removeFirst()
        var operands: [String] = []
        var skipNext = false
        for word in words {
            if skipNext { skipNext = false; continue }
            if word.hasPrefix("-") {
                if ["-n", "-c", "-e"].contains(word) && command != "sed" || word == "-e" { skipNext = true }
                continue
            }
            if word.contains("<") || word.contains(">") || word.contains("$") || word.contains("*") { continue }
            operands.append(word)
        }
        if command == "sed", !words.contains("-e"), !operands.isEmpty { operands.removeFirst() }  // the sed script
        return operands.filter { !$0.allSatisfy(\.isNumber) }
    }

    /// Words of a simple command, with single and double quotes removed.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for ch in text {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
