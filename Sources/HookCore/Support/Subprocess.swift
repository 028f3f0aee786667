import Glibc

/// What a finished child process printed and returned.
public struct SubprocessResult: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public var output: String { String(decoding: stdout, as: UTF8.self) }
    /// The last non-empty line of stderr (or stdout), for one-line error messages.
    public var lastErrorLine: String {
        for text in [stderr, stdout] {
            let lines = String(decoding: text, as: UTF8.self).split(whereSeparator: \.isNewline)
            if let last = lines.last(where: { !$0.trimmingCharacters(in: " \t").isEmpty }) { return String(last) }
        }
        return "exit status \(status)"
    }
}

/// A program that could not be started or run.
public struct SubprocessError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs programs (git, rclone) with `posix_spawn`, capturing their output; no shell is involved,
/// so arguments are passed as they are.
public enum Subprocess {
    /// The full path of `name` found in `PATH` of `environment`, nil when it is not there.
    public static func find(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = dir + "/" + name
            if access(candidate, X_OK) == 0, !FileSystem.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments` in the current folder (give programs absolute paths, or
    /// `git -C`), stdin empty (or `input`), and waits.
    public static func run(
        _ executable: String, _ arguments: [String],
        environment: [String: String], input: [UInt8]? = nil
    ) throws(SubprocessError) -> SubprocessResult {
        try start(executable, arguments, environment: environment, input: input).wait()
    }

    /// Starts `executable` like `run` and returns at once, so the caller can work while it runs: as
    /// much of `input` as the pipe takes is written now, the rest by `wait`.
    public static func start(
        _ executable: String, _ arguments: [String],
        environment: [String: String], input: [UInt8]? = nil
    ) throws(SubprocessError) -> RunningSubprocess {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, pipe(&inPipe) == 0 else {
            throw SubprocessError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        // Only the dup2'd copies reach the child; every end here closes on exec.
        for fd in outPipe + errPipe + inPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(inPipe[1])
            close(outPipe[0])
            close(errPipe[0])
            throw SubprocessError("cannot run \(executable): \(String(cString: strerror(rc)))")
        }
        // What fits in the pipe goes now, so the child can start; the rest while its output is read
        // (writing it all first could deadlock against a child whose output fills its own pipe).
        var running = RunningSubprocess(pid: pid, stdout: outPipe[0], stderr: errPipe[0], stdin: inPipe[1], input: input ?? [])
        running.writeInput()
        return running
    }
}

/// A child started by `Subprocess.start`; call `wait` exactly once to collect its output and status.
public struct RunningSubprocess {
    let pid: pid_t
    let stdout: Int32
    let stderr: Int32
    private var stdin: Int32
    private let input: [UInt8]
    private var written = 0

    init(pid: pid_t, stdout: Int32, stderr: Int32, stdin: Int32, input: [UInt8]) {
        self.pid = pid
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.input = input
        // A child that stops reading must give us EPIPE, not a signal.
        if !input.isEmpty { signal(SIGPIPE, SIG_IGN) }
        _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
    }

    /// Writes what the pipe takes without blocking; closes stdin once all is written or the child
    /// stopped reading (EPIPE).
    mutating func writeInput() {
        guard stdin >= 0 else { return }
        while written < input.count {
            let n = input.withUnsafeBytes { write(stdin, $0.baseAddress! + written, input.count - written) }
            if n > 0 {
                written += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && errno == EAGAIN {
                return
            } else {
                break
            }
        }
        close(stdin)
        stdin = -1
    }

    /// Feeds the rest of the input and reads the child's output to its end, whichever pipe is ready,
    /// then waits for it to exit.
    public func wait() -> SubprocessResult {
        var child = self
        return child.collect()
    }

    private mutating func collect() -> SubprocessResult {
        var out: [UInt8] = []
        var err: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var fds = [
            pollfd(fd: stdout, events: Int16(POLLIN), revents: 0), pollfd(fd: stderr, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0),
        ]
        while true {
            fds[2].fd = stdin
            guard fds.contains(where: { $0.fd >= 0 }) else { break }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[2].fd >= 0 && fds[2].revents != 0 { writeInput() }
            for k in 0..<2 where fds[k].fd >= 0 && fds[k].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[k].fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    fds[k].fd = -1
                    continue
                }
                if k == 0 { out += buffer[0..<n] } else { err += buffer[0..<n] }
            }
        }
        if stdin >= 0 { close(stdin) }
        close(stdout)
        close(stderr)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return SubprocessResult(status: exit, stdout: out, stderr: err)
    }
}
