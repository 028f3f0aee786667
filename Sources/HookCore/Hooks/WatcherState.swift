/// What `HookStateFiles.watching` says about the watcher `convo-hook-changed` leaves behind, for `status`.
package enum WatcherState: Equatable, Sendable {
    /// A live watcher: later commits need not look at the transcripts until one changes.
    case watching(pid: Int32)
    /// None now: the next commit that finds nothing new starts one.
    case none
    /// These paths cannot be watched (a file system inotify cannot follow, the user's inotify limits).
    case refused
    /// `convo.watcher=false`.
    case off

    package static func read(stateDir: String, enabled: Bool) -> WatcherState {
        guard enabled else { return .off }
        guard let bytes = FileSystem.read(HookStateFiles.path(.watching, stateDir: stateDir)) else { return .none }
        let fields = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        if fields.first == "-" { return .refused }
        guard fields.count == 2, let pid = Int32(fields[0]), GitProcess.name(of: pid) == fields[1] else { return .none }
        return .watching(pid: pid)
    }

    /// The line `status` prints.
    package var description: String {
        switch self {
        case .watching(let pid): return "watcher: on (pid \(pid)); commits with nothing new do not look at the transcripts"
        case .none: return "watcher: none now; the next commit that finds nothing new starts one"
        case .refused: return "watcher: not used here (a network or FUSE file system, or inotify limits); commits compare file times"
        case .off: return "watcher: off (convo.watcher=false); commits compare file times"
        }
    }
}
