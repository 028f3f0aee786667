/// Codex's tools: what each call reads, writes and runs. Shapes from openai/codex's tool specs:
/// `shell{command:[argv],workdir}`, `shell_command{command}`, `exec_command{cmd}`, `apply_patch` (a
/// `custom_tool_call` whose input is the patch, or a function call `{input}`), `update_plan{explanation,
/// plan:[{step,status}]}`, `view_image{path}`; outputs are text, the older `{"output","metadata":
/// {"exit_code"}}` JSON, or `Exit code: N … Output:\n…`.
enum CodexTools {
    static func call(name: String, id: String?, arguments: JSON?, rawArguments: String?) -> [ConversationEvent.Kind] {
        var call = ToolCall(
            id: id, name: name, input: arguments, inputText: arguments == nil ? rawArguments : nil,
            summary: ToolInputSummary.of(arguments))
        var extra: [ConversationEvent.Kind] = []
        switch name {
        case "shell", "container.exec", "shell_command", "exec_command", "local_shell":
            let command = script(arguments?["command"] ?? arguments?["cmd"])
            if command.contains("*** Begin Patch") {
                patch(command, into: &call)
            } else if !command.isEmpty {
                call.command = command
                call.reads = ShellReads.files(in: command)
                call.summary = ToolInputSummary.oneLine(command, limit: 160)
            }
        case "apply_patch":
            patch(arguments?["input"]?.string ?? rawArguments ?? "", into: &call)
        case "update_plan":
            let todos = (arguments?["plan"]?.elements ?? []).compactMap { item -> TodoItem? in
                guard let step = item["step"]?.string else { return nil }
                return TodoItem(text: step, status: item["status"]?.string.flatMap(TodoItem.Status.init(rawValue:)) ?? .pending)
            }
            call.summary = "\(todos.count) step\(todos.count == 1 ? "" : "s")"
            extra.append(.todos(todos))
        case "view_image":
            if let path = arguments?["path"]?.string { call.reads = [path] }
        default:
            if arguments == nil, let raw = rawArguments { call.summary = ToolInputSummary.oneLine(raw, limit: 160) }
        }
        return [.toolCall(call)] + extra
    }

    /// The files a patch touches and the text it adds to them.
    static func patch(_ text: String, into call: inout ToolCall) {
        call.inputText = text
        call.name = "apply_patch"
        var files: [String] = []
        var edits: [FileEdit] = []
        var path: String?
        var old: [Substring] = []
        var new: [Substring] = []
        var adding = false
        func flush() {
            if let path, !(old.isEmpty && new.isEmpty) {
                edits.append(FileEdit(path: path, oldText: adding ? nil : old.joined(separator: "\n"), newText: new.joined(separator: "\n")))
            }
            old = []
            new = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let markers = ["*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: "]
            if let marker = markers.first(where: { line.hasPrefix($0) }) {
                flush()
                let file = String(line.dropFirst(marker.count)).trimmingCharacters(in: " \t")
                if !files.contains(file) { files.append(file) }
                path = marker == "*** Delete File: " ? nil : file
                adding = marker == "*** Add File: "
            } else if line.hasPrefix("@@") || line.hasPrefix("*** End") {
                flush()
            } else if line.hasPrefix("+") {
                new.append(line.dropFirst())
            } else if line.hasPrefix("-") {
                old.append(line.dropFirst())
            } else if line.hasPrefix(" ") {
                old.append(line.dropFirst())
                new.append(line.dropFirst())
            }
        }
        flush()
        call.writes = files
        call.edits = edits
        call.summary = files.joined(separator: ", ")
    }

    /// The shell script of a command: `["bash", "-lc", "<script>"]` → the script; other arrays joined.
    static func script(_ command: JSON?) -> String {
        guard let command else { return "" }
        if let s = command.string { return s }
        let words = command.elements.compactMap(\.string)
        if words.count == 3, ["bash", "sh", "zsh", "/bin/bash", "/bin/sh", "/bin/zsh"].contains(words[0]), ["-lc", "-c"].contains(words[1]) {
            return words[2]
        }
        return words.joined(separator: " ")
    }

    /// A `function_call_output` / `custom_tool_call_output`, with the exit code when it states one.
    static func result(_ p: JSON) -> ToolResult {
        let output = p["output"]
        var text = output.map { CodexEventReader.messageText($0) } ?? ""
        var exitCode: Int?
        if output?.kind == .object {
            text = output?["content"]?.string ?? output.map { $0.stringLeaves().joined(separator: "\n") } ?? ""
        }
        if text.hasPrefix("{"), let decoded = JSONDocument.parse(text)?.root, let inner = decoded["output"]?.string {
            exitCode = decoded["metadata", "exit_code"]?.int
            text = inner
        } else if text.hasPrefix("Exit code: ") {
            let first = text.split(separator: "\n", maxSplits: 1).first ?? ""
            exitCode = Int(first.dropFirst("Exit code: ".count).trimmingCharacters(in: " \t\r"))
            if let body = text.firstRange(of: "\nOutput:\n") { text = String(text[body.upperBound...]) }
        }
        let failed = (exitCode.map { $0 != 0 } ?? false) || output?["success"]?.bool == false
        return ToolResult(callID: p["call_id"]?.string, text: text, isError: failed, exitCode: exitCode)
    }
}

/// Files a simple shell command reads (`cat F`, `sed -n '1,80p' F`, `head -n 20 F`, `nl -ba F`): the
/// first command of the script, when it is one of these; anything more complex yields nothing.
enum ShellReads {
    static func files(in script: String) -> [String] {
        let first = script.split(whereSeparator: { $0 == "|" || $0 == ";" || $0 == "&" || $0.isNewline }).first.map(String.init) ?? ""
        var words = words(first)
        guard let command = words.first, ["cat", "sed", "head", "tail", "nl", "less", "wc"].contains(command) else { return [] }
        words.removeFirst()
        var operands: [String] = []
        var skipNext = false
        for word in words {
            if skipNext {
                skipNext = false
                continue
            }
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
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
