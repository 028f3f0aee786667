import HookCore

/// What merging a fetched tip into a local ref did.
public enum IntegrationResult: String, Sendable, Equatable {
    /// The local ref already holds everything of the fetched tip.
    case upToDate = "up to date"
    /// There was no local ref; it now points at the fetched tip.
    case created
    /// The local ref had nothing of its own; it moved forward to the fetched tip.
    case fastForwarded = "fast-forwarded"
    /// Both sides had commits of their own: a merge commit with both as parents keeps both chains.
    case merged
}

/// Merges a fetched tip into a local ref without losing either side: a fast-forward when one side
/// is contained in the other, else a merge commit whose tree `mergeTrees` builds from both tips.
/// The ref moves by compare-and-swap, so a hook writing a note at the same moment is never
/// overwritten: the merge is simply done again on the new tip.
struct RefIntegration {
    let repository: Repository
    let localRef: String
    let mergeTrees: (_ local: Commit, _ fetched: Commit) throws -> OID
    let message: String

    func integrate(_ fetched: OID) throws -> IntegrationResult {
        for _ in 0..<5 {
            guard let local = try repository.referenceTarget(localRef) else {
                if try move(to: fetched, from: nil, reflog: "created from \(fetched.description.prefix(12))") { return .created }
                continue
            }
            if try repository.isAncestor(fetched, of: local) { return .upToDate }
            if try repository.isAncestor(local, of: fetched) {
                if try move(to: fetched, from: local, reflog: "fast-forward") { return .fastForwarded }
                continue
            }
            let localCommit = try repository.commit(local)
            let fetchedCommit = try repository.commit(fetched)
            let tree = try repository.tree(mergeTrees(localCommit, fetchedCommit))
            let signature = repository.mergeSignature()
            let merge = try repository.createCommit(
                author: signature, committer: signature, message: message, tree: tree,
                parents: [localCommit, fetchedCommit])
            if try move(to: merge, from: local, reflog: "merge \(fetched.description.prefix(12))") { return .merged }
        }
        throw ArchiveError("\(localRef) kept moving while convo-hook merged into it; try again")
    }

    private func move(to id: OID, from current: OID?, reflog: String) throws -> Bool {
        do {
            try repository.updateReference(localRef, to: id, expecting: current, reflog: "convo-hook: " + reflog)
            return true
        } catch {
            if error.code == .modified || error.code == .exists { return false }
            throw error
        }
    }
}

extension Repository {
    /// Who merge commits on the conversation refs are by: the configured committer, or convo-hook
    /// itself where no identity is set (a read command may merge what a plain `git fetch` brought).
    func mergeSignature() -> Signature {
        (try? signature(.committer)) ?? Signature(name: "convo-hook", email: "convo-hook@localhost")
    }
}
