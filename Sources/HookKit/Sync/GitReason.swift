import HookCore

extension SubprocessResult {
    /// Why a git command failed, in git's words: its first `fatal:` or `error:` line without the
    /// prefix (git adds hints and advice after it), else the last line it printed.
    var gitReason: String {
        let lines = String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
        for prefix in ["fatal: ", "error: "] {
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) { return String(line.dropFirst(prefix.count)) }
        }
        return lastErrorLine
    }
}
