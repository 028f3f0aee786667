/// Typed reads of git configuration values: what convo-hook's settings need, whether the values
/// come from libgit2 or from one `git config` run.
package protocol GitConfigReading {
    /// The last value of `name`, nil when unset.
    func string(_ name: String) throws -> String?
    /// A boolean in any of git's spellings; nil when unset.
    func bool(_ name: String) throws -> Bool?
    /// An integer with git's `k`/`m`/`g` suffixes; nil when unset.
    func int(_ name: String) throws -> Int64?
    /// Every value of a multi-valued key, in file order.
    func values(_ name: String) throws -> [String]
}
