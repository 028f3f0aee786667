extension Repository {
    /// convo-hook's per-worktree state (capture state, fast-path stamp, pending commit, search index).
    var convoStateDirectory: String { gitDir + "/convo-hook" }
}
