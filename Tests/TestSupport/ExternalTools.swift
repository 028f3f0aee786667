import Foundation
import Testing

/// Other tools' real binaries (the pre-commit framework and lefthook from PyPI, git-lfs from Debian),
/// found where `pip` and `apt-get` put them. `.ci/run` installs them; a missing one fails the test in CI
/// and skips it elsewhere.
public enum ExternalTools {
    /// The folder holding `name`, or nil (and a test issue in CI) when it is not installed.
    public static func folder(of name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        var candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        // pip's scripts beside the real interpreter (pyenv's shims need the real HOME, which tests replace).
        if let python = try? Shell.run(
            ["python3", "-c", "import os, sys; print(os.path.dirname(os.path.realpath(sys.executable)))"],
            in: "/", environment: ProcessInfo.processInfo.environment
        ).stdout {
            candidates.insert(python.trimmingCharacters(in: .whitespacesAndNewlines), at: 0)
        }
        for dir in candidates where !dir.contains("/shims") && FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
            return dir
        }
        let missing = "\(name) is not installed (.ci/run installs it)"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(missing): this test cannot run in CI", sourceLocation: sourceLocation)
        } else {
            print("skipping: \(missing)")
        }
        return nil
    }
}
