import CGit2
import HookCore

/// Who made a commit and when; `time == nil` means "now".
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since the epoch.
    public var time: Int64?
    /// Minutes east of UTC.
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64? = nil, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    func makeRaw() throws(GitError) -> UnsafeMutablePointer<git_signature> {
        var raw: UnsafeMutablePointer<git_signature>?
        if let time {
            try check(git_signature_new(&raw, name, email, time, offsetMinutes), "git_signature_new")
        } else {
            try check(git_signature_now(&raw, name, email), "git_signature_now")
        }
        return raw!
    }
}

extension Repository {
    /// The identity `git commit` would use for `role`: `GIT_<ROLE>_NAME`/`_EMAIL`, else `user.name`/`user.email`
    /// (`author.*`/`committer.*` first). Fails like git when no name or email is configured.
    public func signature(_ role: SignatureRole) throws(GitError) -> Signature {
        let env = ProcessEnvironment.current
        let config = try self.config()
        let prefix = role.rawValue
        var name = env["GIT_\(prefix.uppercased())_NAME"]
        if name == nil { name = try config.firstString("\(prefix).name", "user.name") }
        var email = env["GIT_\(prefix.uppercased())_EMAIL"]
        if email == nil { email = try config.firstString("\(prefix).email", "user.email") }
        guard let name, !name.isEmpty, let email else {
            throw GitError(message: "no identity configured: set user.name and user.email (git config)", function: "signature")
        }
        return Signature(name: name, email: email)
    }
}

extension Config {
    /// The value of the first of `names` that is set.
    func firstString(_ names: String...) throws(GitError) -> String? {
        for name in names {
            if let value = try string(name) { return value }
        }
        return nil
    }
}

/// Which of a commit's two identities to look up.
public enum SignatureRole: String, Sendable {
    case author, committer
}
