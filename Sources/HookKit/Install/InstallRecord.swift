import FoundationEssentials
import HookCore

/// What `install` changed, so `uninstall` can put every byte back. Kept in `<common git dir>/convo-hook/install.json`.
struct InstallRecord: Codable, Equatable {
    /// The hooks folder the shims were written to.
    var hooksDirectory: String
    /// Folders install created (outermost first); removed again when empty.
    var createdDirectories: [String] = []
    /// Hook names whose previous file was kept as `<name>.convo-chained`.
    var chainedHooks: [String] = []
    /// Hook name → the file in the hooks folder holding its shim, when another tool runs it from there
    /// (`pre-commit.legacy` under the pre-commit framework).
    var shimFiles: [String: String] = [:]
    /// The hooks folder is tracked by git: the snippet for its hooks was printed instead of writing shims.
    var snippetShown = false
    /// Config keys install set, with the values they had before (empty = unset).
    var previousConfig: [String: [String]] = [:]
    /// Claude Code settings files capture was registered in.
    var claudeSettings: [String] = []
    /// Lines install added to `info/exclude` (machine-local files kept out of `git status`).
    var excludedPaths: [String] = []
    /// The `/extract` command file install wrote (`install --extract-command`).
    var extractCommand: ExtractCommand.Record?
    /// Values install added to multi-valued keys the user also writes (`remote.<name>.fetch`); only these are removed.
    var addedConfigValues: [String: [String]] = [:]
    /// Other assistants' settings capture was registered in (`install --gemini/--copilot/--cursor`).
    var toolHooks: [ToolHookRecord] = []

    init(hooksDirectory: String) { self.hooksDirectory = hooksDirectory }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hooksDirectory = try c.decode(String.self, forKey: .hooksDirectory)
        createdDirectories = try c.decodeIfPresent([String].self, forKey: .createdDirectories) ?? []
        previousConfig = try c.decodeIfPresent([String: [String]].self, forKey: .previousConfig) ?? [:]
        claudeSettings = try c.decodeIfPresent([String].self, forKey: .claudeSettings) ?? []
        extractCommand = try c.decodeIfPresent(ExtractCommand.Record.self, forKey: .extractCommand)
        addedConfigValues = try c.decodeIfPresent([String: [String]].self, forKey: .addedConfigValues) ?? [:]
        shimFiles = try c.decodeIfPresent([String: String].self, forKey: .shimFiles) ?? [:]
        excludedPaths = try c.decodeIfPresent([String].self, forKey: .excludedPaths) ?? []
        snippetShown = try c.decodeIfPresent(Bool.self, forKey: .snippetShown) ?? false
        toolHooks = try c.decodeIfPresent([ToolHookRecord].self, forKey: .toolHooks) ?? []
    }

    static func path(commonDir: String) -> String { commonDir + "/convo-hook/install.json" }

    static func load(commonDir: String) throws(InstallError) -> InstallRecord? {
        let path = path(commonDir: commonDir)
        guard let bytes = FileSystem.read(path) else { return nil }
        do {
            return try JSONDecoder().decode(InstallRecord.self, from: Data(bytes))
        } catch {
            throw InstallError("\(path) is damaged (\(FailureMessage.text(error))); remove it and reinstall")
        }
    }

    func save(commonDir: String) throws {
        let path = Self.path(commonDir: commonDir)
        try FileSystem.makeDirectories(FileSystem.parent(of: path))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileSystem.writeAtomically(Array(encoder.encode(self)) + [UInt8(ascii: "\n")], to: path)
    }

    static func remove(commonDir: String) throws {
        let path = path(commonDir: commonDir)
        try FileSystem.remove(path)
        FileSystem.removeDirectoryIfEmpty(FileSystem.parent(of: path))
    }
}
