import HookCore

/// Merges the conversation refs fetched from remotes (by `convo-hook fetch`, or by a plain
/// `git fetch` with the refspecs `install` adds) into the local ones: notes into `refs/notes/convo`
/// (the union of both sides' notes), the archive into `refs/convo/archive` (both chains kept under a
/// merge commit whose tree is the union of both trees).
public struct FetchedRefs {
    /// One fetched ref merged into its local ref.
    public struct Merge: Sendable, Equatable {
        public var remote: String
        public var localRef: String
        public var result: IntegrationResult

        /// `refs/notes/convo: merged with origin`.
        public var line: String {
            switch result {
            case .upToDate: return "\(localRef): up to date with \(remote)"
            case .created: return "\(localRef): created from \(remote)"
            case .fastForwarded: return "\(localRef): fast-forwarded to \(remote)"
            case .merged: return "\(localRef): merged with \(remote)"
            }
        }
    }

    let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
    }

    /// Merges every fetched ref (of `remote` only, when given) into its local ref.
    @discardableResult
    public func integrate(remote: String? = nil) throws -> [Merge] {
        var merges: [Merge] = []
        for (name, target) in try repository.references(matching: RemoteTracking.prefix + "*") {
            guard let (from, kind) = RemoteTracking.parse(name), remote == nil || from == remote else { continue }
            let integration = RefIntegration(
                repository: repository, localRef: kind.localRef, mergeTrees: mergeTrees(kind),
                message: message(kind, from: from))
            merges.append(Merge(remote: from, localRef: kind.localRef, result: try integration.integrate(target)))
        }
        return merges
    }

    private func mergeTrees(_ kind: TrackedRef) -> (Commit, Commit) throws -> OID {
        switch kind {
        case .notes: return { [repository] local, fetched in try NotesUnion(repository: repository).union(local: local.tree(), fetched: fetched.tree()) }
        case .archive: return { [repository] local, fetched in try TreeUnion(repository: repository).union(local.tree(), fetched.tree()) }
        }
    }

    private func message(_ kind: TrackedRef, from remote: String) -> String {
        switch kind {
        case .notes: return "Merge conversation notes from \(remote)\n"
        case .archive: return "Merge conversation archive from \(remote)\n"
        }
    }
}

extension Repository {
    /// Opens the repository for a command that reads the archive, after merging the conversation
    /// refs fetched since the last command (a plain `git fetch` or `git pull` brings them). A merge
    /// that fails is one notice line; the command then reads the local refs as they are.
    public static func openForReading() throws -> Repository {
        let repository = try openFromEnvironment()
        do {
            try FetchedRefs(repository: repository).integrate()
        } catch {
            Diagnostics.error("cannot merge the fetched conversation refs (\(FailureMessage.text(error))); reading the local ones")
        }
        return repository
    }
}
