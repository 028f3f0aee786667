import CGit2
import HookCore

/// What HEAD points at.
public enum Head: Sendable, Equatable {
    /// On a branch (`refs/heads/…`) that has commits.
    case branch(name: String, target: OID)
    /// On a branch with no commits yet.
    case unborn(name: String)
    /// HEAD holds a commit id directly.
    case detached(target: OID)

    /// The commit HEAD names; nil on an unborn branch.
    public var commit: OID? {
        switch self {
        case .branch(_, let target), .detached(let target): target
        case .unborn: nil
        }
    }
}

extension Repository {
    /// Where HEAD is.
    public func head() throws(GitError) -> Head {
        var raw: OpaquePointer?
        try check(git_reference_lookup(&raw, pointer, "HEAD"), "git_reference_lookup")
        defer { git_reference_free(raw) }
        if git_reference_type(raw) == GIT_REFERENCE_DIRECT {
            return .detached(target: OID(git_reference_target(raw).pointee))
        }
        let name = String(cString: git_reference_symbolic_target(raw))
        guard let target = try referenceTarget(name) else { return .unborn(name: name) }
        return .branch(name: name, target: target)
    }

    /// The commit id a reference resolves to, nil when it does not exist.
    public func referenceTarget(_ name: String) throws(GitError) -> OID? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_reference_name_to_id")
        return OID(oid)
    }

    /// Points `name` at `target` with a reflog entry. With `expecting`, only if the ref still holds that id
    /// (nil expected = the ref must not exist yet); a concurrent change throws `.modified` / `.exists`.
    public func updateReference(_ name: String, to target: OID, expecting: OID?, reflog: String) throws(GitError) {
        var raw: OpaquePointer?
        var newID = target.raw
        if var current = expecting?.raw {
            try check(git_reference_create_matching(&raw, pointer, name, &newID, 1, &current, reflog), "git_reference_create_matching")
        } else {
            try check(git_reference_create(&raw, pointer, name, &newID, 0, reflog), "git_reference_create")
        }
        git_reference_free(raw)
    }

    /// Attaches a note to `object` on `notesRef` (e.g. `refs/notes/convo`), replacing an existing one when `force`.
    @discardableResult
    public func createNote(_ message: String, on object: OID, notesRef: String, author: Signature, committer: Signature, force: Bool) throws(GitError) -> OID {
        var out = git_oid()
        var target = object.raw
        let authorSig = try author.makeRaw()
        defer { git_signature_free(authorSig) }
        let committerSig = try committer.makeRaw()
        defer { git_signature_free(committerSig) }
        try check(git_note_create(&out, pointer, notesRef, authorSig, committerSig, &target, message, force ? 1 : 0), "git_note_create")
        return OID(out)
    }

    /// The note on `object` in `notesRef`, nil when there is none.
    public func note(on object: OID, notesRef: String) throws(GitError) -> String? {
        var raw: OpaquePointer?
        var target = object.raw
        let rc = git_note_read(&raw, pointer, notesRef, &target)
        if rc == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(rc, "git_note_read")
        defer { git_note_free(raw) }
        return git_note_message(raw).map { String(cString: $0) }
    }
}
