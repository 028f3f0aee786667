import Foundation

/// The watcher `convo-hook-changed STAMP LIST STATE` leaves behind, as `STATE/watching` names it.
public struct WatcherProbe: Equatable, Sendable {
    public let pid: Int32
    public let name: String

    /// The watcher named in `state`, once it has armed (it does so in the background): nil after five seconds.
    public static func armed(in state: String) -> WatcherProbe? {
        var probe: WatcherProbe?
        _ = within5Seconds {
            probe = current(in: state)
            return probe != nil
        }
        return probe
    }

    /// Polls `done` every 50 ms for five seconds: whether it became true.
    public static func within5Seconds(_ done: () -> Bool) -> Bool {
        for _ in 0..<100 {
            if done() { return true }
            usleep(50_000)
        }
        return false
    }

    /// The watcher `state/watching` names now, if any.
    public static func current(in state: String) -> WatcherProbe? {
        guard let text = try? String(contentsOfFile: state + "/watching", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").map { $0.trimmingCharacters(in: .newlines) }
        guard fields.count == 2, let pid = Int32(fields[0]) else { return nil }
        return WatcherProbe(pid: pid, name: fields[1])
    }

    /// The process still runs under its name (a zombie has none).
    public var isRunning: Bool {
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
        return comm == name && state != "Z"
    }

    /// True once the process ended and `state/watching` no longer names it (within five seconds).
    public func ended(state: String) -> Bool {
        WatcherProbe.within5Seconds { !isRunning && WatcherProbe.current(in: state) != self }
    }
}
