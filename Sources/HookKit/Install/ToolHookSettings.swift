import FoundationEssentials
import HookCore

/// Registers `convo-hook capture --hook-input --source <tool>` with the session-end and stop events of the other
/// assistants that have hooks, in their user-level settings (one registration per machine: the command does
/// nothing in repositories where convo-hook is not installed):
/// - Gemini CLI: `AfterAgent` and `SessionEnd` in `<GEMINI_CLI_HOME or ~>/.gemini/settings.json` (`{"hooks":{"<Event>":
///   [{"hooks":[{"type":"command","command"}]}]}}`, docs/hooks/reference.md);
/// - Copilot CLI: `agentStop` and `sessionEnd` in a file of its own, `<COPILOT_HOME or ~/.copilot>/hooks/convo-hook.json`
///   (`{"version":1,"hooks":{"<event>":[{"type":"command","bash","timeoutSec"}]}}`, user-level hook files);
/// - Cursor: `stop` and `sessionEnd` in `<CURSOR_CONFIG_DIR or ~/.cursor>/hooks.json` (`{"version":1,"hooks":{"<event>":
///   [{"command"}]}}`).
/// The file's bytes from before are kept in the install record: `uninstall` puts them back byte for byte when the
/// file is still as install left it, else removes only convo-hook's entries.
struct ToolHookSettings {
    enum Tool: String, Codable, CaseIterable, Sendable {
        case gemini, copilot, cursor

        var events: [String] {
            switch self {
            case .gemini: ["AfterAgent", "SessionEnd"]
            case .copilot: ["agentStop", "sessionEnd"]
            case .cursor: ["stop", "sessionEnd"]
            }
        }
    }

    let tool: Tool
    let path: String

    var command: String { "convo-hook capture --hook-input --source \(tool.rawValue) || true" }

    /// Where `tool` reads user-level hooks on this machine; nil when its home is unknown (no HOME).
    init?(_ tool: Tool, homes: ToolHomes) {
        self.tool = tool
        switch tool {
        case .gemini:
            guard !homes.geminiHome.isEmpty else { return nil }
            path = homes.geminiHome + "/.gemini/settings.json"
        case .copilot:
            guard !homes.copilotHome.isEmpty else { return nil }
            path = homes.copilotHome + "/hooks/convo-hook.json"
        case .cursor:
            guard !homes.cursorConfigDir.isEmpty else { return nil }
            path = homes.cursorConfigDir + "/hooks.json"
        }
    }

    init(tool: Tool, path: String) {
        self.tool = tool
        self.path = path
    }

    /// Adds the entries that are missing; returns what install must remember to undo it, nil when nothing changed.
    func install() throws -> ToolHookRecord? {
        let before = FileSystem.read(path)
        var settings = try before.map(parse) ?? .object([:])
        guard case .object = settings else { throw InstallError("\(path) is not a JSON object; fix it or remove it") }
        var hooks = settings["hooks"] ?? .object([:])
        var changed = false
        for event in tool.events {
            var entries: [JSONValue] = []
            if case .array(let existing) = hooks[event] ?? .array([]) { entries = existing }
            guard !entries.contains(where: isOurs) else { continue }
            entries.append(entry)
            hooks[event] = .array(entries)
            changed = true
        }
        guard changed else { return nil }
        settings["hooks"] = hooks
        if tool != .gemini, settings["version"] == nil { settings["version"] = .number(1) }
        let bytes = try encode(settings)
        let created = try FileSystem.makeDirectories(FileSystem.parent(of: path))
        try FileSystem.writeAtomically(bytes, to: path, mode: before == nil ? 0o644 : FileSystem.mode(path) ?? 0o644)
        return ToolHookRecord(tool: tool, path: path, original: before.map { Data($0) }, written: Data(bytes), createdDirectories: created)
    }

    /// Undoes `record`: the bytes from before install when the file is as install wrote it, else only convo-hook's
    /// entries are taken out. Returns the change made, nil when there was nothing to undo.
    func uninstall(_ record: ToolHookRecord) throws -> String? {
        guard let current = FileSystem.read(path) else { return nil }
        if current == Array(record.written) {
            if let original = record.original {
                try FileSystem.writeAtomically(Array(original), to: path, mode: FileSystem.mode(path) ?? 0o644)
                return "restored \(path)"
            }
            try FileSystem.remove(path)
            for dir in record.createdDirectories.reversed() { FileSystem.removeDirectoryIfEmpty(dir) }
            return "removed \(path)"
        }
        guard var settings = try? parse(current), var hooks = settings["hooks"], case .object(let byEvent) = hooks else { return nil }
        var changed = false
        for (event, value) in byEvent {
            guard case .array(let entries) = value, entries.contains(where: isOurs) else { continue }
            let kept = entries.filter { !isOurs($0) }
            hooks[event] = kept.isEmpty ? nil : .array(kept)
            changed = true
        }
        guard changed else { return nil }
        settings["hooks"] = hooks == .object([:]) ? nil : hooks
        try FileSystem.writeAtomically(try encode(settings), to: path, mode: FileSystem.mode(path) ?? 0o644)
        return "removed capture from \(path) (it changed since install: only convo-hook's entries were taken out)"
    }

    /// The hook entry in the tool's own shape.
    private var entry: JSONValue {
        switch tool {
        case .gemini:
            .object(["hooks": .array([.object(["type": .string("command"), "command": .string(command), "name": .string("convo-hook")])])])
        case .copilot:
            .object(["type": .string("command"), "bash": .string(command), "timeoutSec": .number(30)])
        case .cursor:
            .object(["command": .string(command)])
        }
    }

    private func isOurs(_ entry: JSONValue) -> Bool {
        if entry["command"] == .string(command) || entry["bash"] == .string(command) { return true }
        guard case .array(let hooks) = entry["hooks"] ?? .null else { return false }
        return hooks.contains { $0["command"] == .string(command) }
    }

    private func parse(_ bytes: [UInt8]) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw InstallError("\(path) is not valid JSON; fix it or remove it")
        }
    }

    private func encode(_ settings: JSONValue) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(settings)) + [10]
    }
}

/// What `install --gemini/--copilot/--cursor` changed in one settings file, for `uninstall`.
struct ToolHookRecord: Codable, Equatable {
    var tool: ToolHookSettings.Tool
    var path: String
    /// The file before install; nil when install created it.
    var original: Data?
    /// The bytes install wrote.
    var written: Data
    /// Folders install created for it (outermost first).
    var createdDirectories: [String]
}
