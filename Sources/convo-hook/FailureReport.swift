import ArgumentParser
import Glibc
import HookKit

/// The one error style of every command, git's: `convo-hook: <what went wrong>` on stderr, then
/// status 1 for a failure, 2 for wrong usage (ArgumentParser's own errors included), 128 where git
/// itself would use it. Help and version requests print on stdout and succeed.
enum FailureReport {
    static let usageStatus: Int32 = 2

    /// Parses `arguments`, runs the command, and returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        var command: any ParsableCommand
        do {
            command = try ConvoHook.parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        do {
            try command.run()
            return 0
        } catch {
            return report(error)
        }
    }

    /// Prints what `error` means for the user and returns the exit status.
    static func report(_ error: any Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        let status = ConvoHook.exitCode(for: error)
        if status == .success {
            // --help, --version: ArgumentParser's text, as it would print it.
            print(ConvoHook.fullMessage(for: error))
            return 0
        }
        if error is SearchQueryError || error is UsageError {
            // convo-hook's own words about an argument: no usage line needed.
            Diagnostics.error(FailureMessage.text(error))
            return usageStatus
        }
        if isUsage(error) {
            Diagnostics.error(usageMessage(error))
            for line in usageLines(error) { printError(line) }
            return usageStatus
        }
        Diagnostics.error(FailureMessage.text(error))
        return FailureMessage.exitStatus(error)
    }

    /// Errors about the command line rather than about the repository or the archive (a search
    /// query or `--since` value that cannot be read, an unknown `--source`).
    static func isUsage(_ error: any Error) -> Bool {
        error is ValidationError || error is SearchQueryError || error is UsageError
            || ConvoHook.exitCode(for: error) == .validationFailure
    }

    /// ArgumentParser's message, first line only, starting in lower case as git's do.
    private static func usageMessage(_ error: any Error) -> String {
        let message = ConvoHook.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
        guard let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true else { return message }
        return first.lowercased() + message.dropFirst()
    }

    /// The usage line and the pointer to `--help` that ArgumentParser prints after its message.
    private static func usageLines(_ error: any Error) -> [String] {
        let lines = ConvoHook.fullMessage(for: error).split(whereSeparator: \.isNewline).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Usage: ") }) else { return [] }
        return ["usage: " + lines[start].dropFirst("Usage: ".count)] + lines[(start + 1)...].map { $0.trimmingCharacters(in: " ") }
    }

    private static func printError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
