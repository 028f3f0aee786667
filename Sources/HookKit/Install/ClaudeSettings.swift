import FoundationEssentials
import HookCore

/// Registers `convo-hook capture --hook-input` for Claude Code's `Stop`, `PreCompact` and `SessionEnd`
/// events in `<worktree>/.claude/settings.local.json`, merged into what is there and removed again.
struct ClaudeSettings {
    static let events = ["Stop", "PreCompact", "SessionEnd"]
    /// `|| true`: a missing binary must never turn into an error Claude shows or acts on.
    static let command = "convo-hook capture --hook-input || true"

    let path: String

    init(worktree: String) { path = worktree + "/.claude/settings.local.json" }

    init(path: String) { self.path = path }

    /// Adds the hook entries that are missing; returns whether the file changed.
    func install() throws -> Bool {
        var settings = try load() ?? .object([:])
        guard case .object = settings else { throw InstallError("\(path) is not a JSON object; fix it or remove it") }
        var hooks = settings["hooks"] ?? .object([:])
        var changed = false
        for event in Self.events {
            var entries: [JSONValue] = []
            if case .array(let existing) = hooks[event] ?? .array([]) { entries = existing }
            guard !entries.contains(where: Self.isOurs) else { continue }
            entries.append(.object(["hooks": .array([.object(["type": .string("command"), "command": .string(Self.command)])])]))
            hooks[event] = .array(entries)
            changed = true
        }
        guard changed else { return false }
        settings["hooks"] = hooks
        try save(settings)
        return true
    }

    /// Removes convo-hook's entries (and the file when nothing else is left in it); returns whether it changed.
    func uninstall() throws -> Bool {
        guard var settings = try load() else { return false }
        guard var hooks = settings["hooks"], case .object(let byEvent) = hooks else { return false }
        var changed = false
        for (event, value) in byEvent {
            guard case .array(let entries) = value, entries.contains(where: Self.isOurs) else { continue }
            let kept = entries.filter { !Self.isOurs($0) }
            hooks[event] = kept.isEmpty ? nil : .array(kept)
            changed = true
        }
        guard changed else { return false }
        settings["hooks"] = hooks == .object([:]) ? nil : hooks
        if settings == .object([:]) {
            try FileSystem.remove(path)
            FileSystem.removeDirectoryIfEmpty(FileSystem.parent(of: path))
        } else {
            try save(settings)
        }
        return true
    }

    private static func isOurs(_ entry: JSONValue) -> Bool {
        guard case .array(let hooks) = entry["hooks"] ?? .null else { return false }
        return hooks.contains { $0["command"] == .string(command) }
    }

    private func load() throws -> JSONValue? {
        guard let bytes = FileSystem.read(path) else { return nil }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw InstallError("\(path) is not valid JSON; fix it or remove it")
        }
    }

    private func save(_ settings: JSONValue) throws {
        try FileSystem.makeDirectories(FileSystem.parent(of: path))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileSystem.writeAtomically(Array(try encoder.encode(settings)) + [10], to: path)
    }
}
