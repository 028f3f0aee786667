@_exported import HookCore

/// convo-hook's library: every rule lives here; the CLI only parses arguments.
public enum HookKit {
    /// The tool's version, printed by `convo-hook --version`.
    public static let version = "0.1.0"
}
