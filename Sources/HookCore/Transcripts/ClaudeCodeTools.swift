/// Claude Code's tools: what each call reads, writes and runs. Input shapes from Claude Code's tool
/// schemas: `Read{file_path,offset,limit}`, `Write{file_path,content}`, `Edit{file_path,old_string,
/// new_string}`, `MultiEdit{file_path,edits:[{old_string,new_string}]}`, `NotebookEdit{notebook_path,
/// new_source}`, `Bash{command,description}`, `Glob{pattern,path}`, `Grep{pattern,path}`, `LS{path}`,
/// `WebFetch{url}`, `WebSearch{query}`, `Task`/`Agent{description,prompt,subagent_type}`,
/// `TodoWrite{todos:[{content,status,activeForm}]}`, `ExitPlanMode{plan}`; MCP tools `mcp__server__tool`.
enum ClaudeTools {
    static func call(_ block: JSON) -> ToolCall {
        let name = block["name"]?.string ?? "tool"
        let input = block["input"]
        var call = ToolCall(id: block["id"]?.string, name: name, input: input, summary: ToolInputSummary.of(input))
        func string(_ key: String) -> String? { input?[key]?.string }
        switch name {
        case "Read":
            if let path = string("file_path") {
                call.reads = [path]
                call.summary = path
            }
        case "Write":
            if let path = string("file_path") {
                call.writes = [path]
                call.summary = path
                call.edits = [FileEdit(path: path, oldText: nil, newText: string("content") ?? "")]
            }
        case "Edit":
            if let path = string("file_path") {
                call.writes = [path]
                call.summary = path
                call.edits = [FileEdit(path: path, oldText: string("old_string") ?? "", newText: string("new_string") ?? "")]
            }
        case "MultiEdit":
            if let path = string("file_path") {
                call.writes = [path]
                call.summary = path
                call.edits = (input?["edits"]?.elements ?? []).map {
                    FileEdit(path: path, oldText: $0["old_string"]?.string ?? "", newText: $0["new_string"]?.string ?? "")
                }
            }
        case "NotebookEdit":
            if let path = string("notebook_path") ?? string("file_path") {
                call.writes = [path]
                call.summary = path
                call.edits = [FileEdit(path: path, oldText: nil, newText: string("new_source") ?? "")]
            }
        case "Bash":
            if let command = string("command") {
                call.command = command
                call.summary = ToolInputSummary.oneLine(command, limit: 160)
            }
        case "Glob", "Grep":
            let pattern = string("pattern") ?? ""
            call.summary = pattern + (string("path").map { " in " + $0 } ?? "")
        case "Task", "Agent":
            let description = string("description") ?? ""
            call.subagent = SubagentRequest(description: description, prompt: string("prompt") ?? "", type: string("subagent_type"))
            call.summary = description
        case "TodoWrite":
            let todos = ClaudeTools.todos(input) ?? []
            call.summary = "\(todos.count) todo\(todos.count == 1 ? "" : "s")"
        case "ExitPlanMode":
            call.summary = "plan ready for review"
        default:
            break
        }
        return call
    }

    /// A TodoWrite list: `{"todos":[{"content","status","activeForm"}]}`.
    static func todos(_ input: JSON?) -> [TodoItem]? {
        guard let list = input?["todos"], list.kind == .array else { return nil }
        return list.elements.compactMap { item in
            guard let text = item["content"]?.string else { return nil }
            let status = item["status"]?.string.flatMap(TodoItem.Status.init(rawValue:)) ?? .pending
            return TodoItem(text: text, status: status)
        }
    }
}
