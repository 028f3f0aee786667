import HookCore

/// Sessions of a `sync --to DIR` mirror, which may hold several repositories: a session is named as
/// in a repository (id, `source/id`, folder name or a unique prefix), or with its repository folder
/// in front (`<repo>/<source>/<id>`) when two repositories hold one of that name.
public enum MirrorSessions {
    public static func find(_ query: String, in archive: ConversationArchive) throws -> ArchivedSession? {
        if let slash = query.firstIndex(of: "/") {
            let repository = String(query[..<slash])
            let inRepository = archive.sessions().filter { $0.repository == repository }
            if !inRepository.isEmpty { return try ArchiveReader.find(String(query[query.index(after: slash)...]), in: inRepository) }
        }
        return try archive.find(query)
    }
}

extension ConversationShow {
    /// `show --dir DIR SESSION`: a session of a `sync --to DIR` mirror, whole (a mirror has no commits).
    public static func render(_ target: String, format: Format, mirror archive: ConversationArchive) throws -> String {
        defer { archive.saveCache() }
        guard let session = try MirrorSessions.find(target, in: archive) else {
            throw ArchiveError("no archived session matches '\(target)' in \(archive.place)")
        }
        return render(session, in: archive, ranges: nil, format: format, prices: .builtin)
    }
}
