/// Ref mode keeps the archive tree on its own commit chain, so code history stays free of transcripts.
package enum ArchiveRefName {
    package static let full = "refs/convo/archive"
    /// The trailer an archive commit made for a code commit names it with.
    package static let codeCommitTrailer = "Code-Commit"
}
