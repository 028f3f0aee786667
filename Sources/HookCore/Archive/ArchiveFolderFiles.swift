/// The two files at the top of the archive folder, written once with the first part and the same bytes
/// on every branch and machine (so they never conflict either).
package enum ArchiveFolderFiles {
    /// `.ignore`: ripgrep, and the assistants that search with it, skip the archive; git still tracks it.
    package static let ignore = Array("*\n".utf8)
    /// `.gitattributes`: archive files are not diffed (`git log -p`, `git diff`, pull-request views show
    /// one line per file), are kept byte for byte (no end-of-line conversion), and GitHub folds them as
    /// generated files.
    package static let attributes = Array("* -diff -text linguist-generated=true\n".utf8)

    /// Repository-relative path → bytes, for an archive folder `root`.
    package static func all(root: String) -> [(String, [UInt8])] {
        [(root + "/.ignore", ignore), (root + "/.gitattributes", attributes)]
    }
}
