/// Tool calls of the assistants whose tools follow the common conventions (Gemini CLI, Copilot CLI, Cursor,
/// OpenCode, Amp, Cline): what a call reads, writes and runs, from its name and the usual parameter names.
/// Shapes from the tools' own declarations: Gemini `read_file{file_path|absolute_path}`, `write_file{file_path,
/// content}`, `replace{file_path,old_string,new_string}`, `run_shell_command{command}`, `write_todos{todos:[{description,
/// status}]}`; Copilot `view{path}`, `create{path,file_text}`, `edit{path,old_str,new_str}`, `bash{command}`,
/// `task{description,prompt,agent_type}`; Cursor `read_file{target_file}`, `edit_file{target_file,code_edit}`,
/// `run_terminal_cmd{command}`, `todo_write{todos:[{content,status}]}`; OpenCode `read{filePath}`, `write{filePath,
/// content}`, `edit{filePath,oldString,newString}`, `patch{patchText}`, `bash{command}`, `todowrite{todos}`, `task{description,prompt,
/// subagent_type}`; Amp `Read{path}`, `create_file{path,content}`, `edit_file{path,old_str,new_str}`, `Bash{cmd}`;
/// Cline `read_file{path}`, `write_to_file{path,content}`, `replace_in_file{path,diff}` (SEARCH/REPLACE blocks),
/// `execute_command{command}`.
enum CommonTools {
    static let pathKeys = ["file_path", "filePath", "absolute_path", "target_file", "targetFile", "path", "notebook_path", "file"]
    static let newTextKeys = ["new_string", "new_str", "newString", "new_text", "newText", "replace"]
    static let oldTextKeys = ["old_string", "old_str", "oldString", "old_text", "oldText", "search"]
    static let contentKeys = ["content", "contents", "file_text", "fileText", "code_edit", "text"]

    /// The call's events: the call itself, and its todo list when it sets one.
    static func call(name: String, id: String?, input: JSON?, inputText: String? = nil) -> [ConversationEvent.Kind] {
        var call = ToolCall(id: id, name: name, input: input, inputText: input == nil ? inputText : nil, summary: ToolInputSummary.of(input))
        if input == nil, let inputText { call.summary = ToolInputSummary.oneLine(inputText, limit: 160) }
        let lower = name.lowercased()
        let path = string(input, pathKeys)
        var extra: [ConversationEvent.Kind] = []
        if lower.contains("todo") {
            let todos = todoItems(input?["todos"] ?? input?["items"])
            call.summary = "\(todos.count) todo\(todos.count == 1 ? "" : "s")"
            if !todos.isEmpty { extra.append(.todos(todos)) }
        } else if let patch = input?["patch"]?.string ?? input?["patchText"]?.string ?? input?["input"]?.string ?? inputText, patch.contains("*** Begin Patch") {
            CodexTools.patch(patch, into: &call)
        } else if isShell(lower) {
            let command = CodexTools.script(input?["command"] ?? input?["cmd"] ?? input?["commandLine"])
            if !command.isEmpty {
                call.command = command
                call.reads = ShellReads.files(in: command)
                call.summary = ToolInputSummary.oneLine(command, limit: 160)
            }
        } else if lower == "task" || lower == "agent" || lower.contains("subagent") {
            let description = input?["description"]?.string ?? ""
            call.subagent = SubagentRequest(
                description: description, prompt: input?["prompt"]?.string ?? "",
                type: string(input, ["subagent_type", "agent_type", "agent", "subagentType"]))
            call.summary = description
        } else if let path, isEdit(lower) {
            call.writes = [path]
            call.summary = path
            if let edits = input?["edits"], edits.kind == .array {
                call.edits = edits.elements.map { FileEdit(path: path, oldText: string($0, oldTextKeys) ?? "", newText: string($0, newTextKeys) ?? "") }
            } else if let diff = input?["diff"]?.string {
                call.edits = SearchReplaceBlocks.edits(diff, path: path) ?? [FileEdit(path: path, oldText: nil, newText: diff)]
            } else if let new = string(input, newTextKeys) {
                call.edits = [FileEdit(path: path, oldText: string(input, oldTextKeys) ?? "", newText: new)]
            } else if let content = string(input, contentKeys) {
                call.edits = [FileEdit(path: path, oldText: nil, newText: content, isSketch: true)]
            }
        } else if let path, isWrite(lower) {
            call.writes = [path]
            call.summary = path
            call.edits = [FileEdit(path: path, oldText: nil, newText: string(input, contentKeys) ?? "")]
        } else if isRead(lower) {
            let paths = path.map { [$0] } ?? (input?["paths"] ?? input?["files"])?.elements.compactMap { $0.string ?? string($0, pathKeys) } ?? []
            call.reads = paths
            if !paths.isEmpty { call.summary = paths.joined(separator: ", ") }
        }
        return [.toolCall(call)] + extra
    }

    static func isShell(_ name: String) -> Bool {
        ["bash", "shell", "terminal", "powershell", "execute_command", "run_command", "exec_command"].contains { name.contains($0) }
    }

    static func isEdit(_ name: String) -> Bool {
        ["edit", "replace", "str_replace", "patch", "multiedit"].contains { name.contains($0) }
    }

    static func isWrite(_ name: String) -> Bool { name.contains("write") || name.contains("create") }

    static func isRead(_ name: String) -> Bool {
        ["read", "view", "open", "cat"].contains { name.contains($0) } && !name.contains("thread")
    }

    /// The first of `keys` that holds a non-empty string.
    static func string(_ value: JSON?, _ keys: [String]) -> String? {
        guard let value else { return nil }
        for key in keys {
            if let s = value[key]?.string, !s.isEmpty { return s }
        }
        return nil
    }

    /// A todo list: `[{content|description|text|title, status}]`, or a markdown checklist in one string.
    static func todoItems(_ list: JSON?) -> [TodoItem] {
        guard let list else { return [] }
        if let text = list.string {
            return text.split(separator: "\n").compactMap { line in
                let t = line.trimmingCharacters(in: " \t-*")
                if t.hasPrefix("[x]") || t.hasPrefix("[X]") { return TodoItem(text: String(t.dropFirst(3)).trimmingCharacters(in: " "), status: .completed) }
                if t.hasPrefix("[ ]") { return TodoItem(text: String(t.dropFirst(3)).trimmingCharacters(in: " "), status: .pending) }
                return nil
            }
        }
        return list.elements.compactMap { item in
            guard let text = string(item, ["content", "description", "text", "title", "step"]) else { return nil }
            return TodoItem(text: text, status: status(item["status"]?.string))
        }
    }

    static func status(_ value: String?) -> TodoItem.Status {
        switch value?.lowercased() {
        case "completed", "complete", "done": return .completed
        case "in_progress", "in-progress", "inprogress", "active", "running": return .inProgress
        default: return .pending
        }
    }
}
