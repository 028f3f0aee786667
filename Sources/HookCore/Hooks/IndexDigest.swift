import GitIndexFile

/// A fingerprint of the set of archive paths an index holds (see `GitIndexFile.digest`): what the full
/// hook records, and what `convo-hook-changed --index` compares the index with.
package enum IndexDigest {
    package static func of(_ paths: some Collection<String>) -> String {
        GitIndexFile.digest(paths.map { Array($0.utf8) })
    }
}
