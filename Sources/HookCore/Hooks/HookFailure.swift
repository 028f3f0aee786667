/// How a hook ends when its work fails.
package enum HookFailure {
    /// Runs a hook's work and fails open: any error is one line on stderr and exit status 0, unless
    /// the work set `strict` (from `convo.strict=true`), when the error fails the git command (status 1).
    package static func failingOpen(_ hook: String, _ work: (_ strict: inout Bool) throws -> Void) -> Int32 {
        var strict = false
        do {
            try work(&strict)
            return 0
        } catch {
            Diagnostics.error("\(hook) hook: \(error)\(strict ? "" : " (commit goes on; convo.strict=true makes this fatal)")")
            return strict ? 1 : 0
        }
    }
}
