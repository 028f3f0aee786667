import CGit2
import HookCore

/// A failed libgit2 call: the return code, libgit2's own message and the function that failed.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// The libgit2 error codes callers branch on; everything else is `.other`.
    public enum Code: Sendable, Equatable {
        case notFound, exists, ambiguous, unbornBranch, locked, modified, conflict, invalidSpec
        case other(Int32)

        init(_ rc: Int32) {
            switch rc {
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
            case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EMODIFIED.rawValue: self = .modified
            case GIT_ECONFLICT.rawValue: self = .conflict
            case GIT_EINVALIDSPEC.rawValue: self = .invalidSpec
            default: self = .other(rc)
            }
        }
    }

    /// What went wrong, in libgit2's classification.
    public let code: Code
    /// libgit2's message from `git_error_last()`, or a fallback when it set none.
    public let message: String
    /// The libgit2 function (or wrapper step) that failed.
    public let function: String

    /// Creates an error that did not come from libgit2 itself (e.g. a precondition of the wrapper).
    public init(code: Code = .other(-1), message: String, function: String) {
        self.code = code
        self.message = message
        self.function = function
    }

    /// What a user reads: libgit2's message without the function name, or git's own words for a
    /// folder outside any repository.
    public var description: String {
        if isNotARepository { return "not a git repository (or any of the parent directories)" }
        if function == "git_repository_open_ext", message.contains("extensions.objectformat") {
            return "this repository uses SHA-256 object names, which libgit2 1.5 (what convo-hook is built with) cannot open; only SHA-1 repositories are supported"
        }
        return message
    }

    /// True when no repository was found where one was looked for.
    public var isNotARepository: Bool { code == .notFound && function == "git_repository_open_ext" }
}

/// Turns a libgit2 return code into a thrown `GitError`; reads `git_error_last()` only on failure.
@discardableResult
func check(_ rc: Int32, _ function: StaticString) throws(GitError) -> Int32 {
    guard rc < 0 else { return rc }
    var message = "unknown libgit2 error (\(rc))"
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text).trimmingTrailingNewlines()
    }
    git_error_clear()
    throw GitError(code: GitError.Code(rc), message: message, function: "\(function)")
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
