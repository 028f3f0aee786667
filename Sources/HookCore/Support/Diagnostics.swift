import Glibc

/// One-line messages on stderr, prefixed with the tool's name.
public enum Diagnostics {
    /// Prints `convo-hook: <message>` on stderr.
    public static func error(_ message: String) {
        var line = Array("convo-hook: \(message)\n".utf8)
        line.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Prints a trace line when `CONVO_HOOK_TRACE=1`, stamped with the monotonic clock in milliseconds
    /// (differences between lines show where a run's time goes).
    public static func trace(_ message: @autoclosure () -> String) {
        guard getenv("CONVO_HOOK_TRACE").map({ String(cString: $0) }) == "1" else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let tenths = (Int(now.tv_sec) % 100_000) * 10_000 + Int(now.tv_nsec) / 100_000
        error("trace: " + message() + " [\(tenths / 10).\(tenths % 10) ms]")
    }
}

extension Diagnostics {
    /// Rewrites one status line on a terminal (`nil` clears it).
    package static func progress(_ message: String?) {
        var line = Array(("\r\u{1B}[K" + (message.map { "convo-hook: \($0)" } ?? "")).utf8)
        line.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}

extension Diagnostics {
    /// Prints `convo-hook: warning: <message>` on stderr: something was skipped, the command goes on.
    public static func warning(_ message: String) {
        error("warning: " + message)
    }
}
