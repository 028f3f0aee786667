/// The files in `<git dir>/convo-hook/` (per worktree) that the hook shim and the binary share. The
/// shim (`hooks/convo-hook-shim`) reads only the ones marked "shim"; a test checks that every name the
/// shim uses is listed here.
package enum HookStateFiles {
    package enum File: String, CaseIterable, Sendable {
        /// Capture state of tree mode (`CaptureState`): read positions, parts written, spool.
        case state = "state.json"
        /// Capture state of ref mode.
        case refState = "state-ref.json"
        /// `flock`ed by every run that changes the state.
        case lock
        /// Captured lines no part holds yet (`Spool`), one file per stream; a folder.
        case spool
        /// Ref mode's parts, written by pre-commit and committed to `refs/convo/archive` by post-commit; a folder.
        case refArchive = "ref-archive"
        /// shim: sourced by the pre-commit shim. `watch_env_now` (expands, as it is sourced, the environment
        /// variables that decide where transcripts are — every source names its own — each as `|value`),
        /// `watch_env` (the same at the last full run), `truth` (`index`, or the loose ref file of
        /// `refs/convo/archive` in ref mode), and `watcher` (`1` unless `convo.watcher=false`) and `set -- <paths>`: the transcript files and folders
        /// to stat, or `--many` (then `watch.list`).
        case watch
        /// The same paths, NUL-separated, for `convo-hook-changed` (its stat loop when there are too many for
        /// sh, and the watcher).
        case watchList = "watch.list"
        /// shim: `<pid> <name>` of the watcher `convo-hook-changed STAMP LIST STATE` leaves behind after an
        /// "unchanged" answer (the shim starts it in the background after its own check of a short list): it
        /// holds inotify watches on `watch.list`'s paths under a random process name, removes this file at
        /// their first change, and ends when this file is removed (every full run, every invalidation of the
        /// fast path, `uninstall`). While that process sleeps in `epoll_wait`, the list is unchanged without a
        /// `stat`. `-`: these paths cannot be watched (remote file system, inotify limits) until a full run.
        case watching
        /// shim: dated one second before the last full run started; a watched path newer than it may hold new lines.
        case stamp
        /// shim: its time is the index's (or the archive ref's) at the last check that the archive files
        /// there are the ones the state expects; an index newer than it is checked again. Checked in the
        /// clock tick the index was written in, it is a nanosecond older (a rewrite in that tick would carry
        /// the same time), so the next commit checks once more. Only the repository's own index (or its lock)
        /// dates it: a temporary index (`git commit <paths>`, a tool's `GIT_INDEX_FILE`) leaves the epoch.
        case truthStamp = "truth-stamp"
        /// `<archive folder>\n<digest>\n`: the archive paths of the index at that check (`IndexDigest`),
        /// compared by `convo-hook-changed --index` without starting git.
        case indexDigest = "index-digest"
        /// shim: non-empty while a commit in progress carries archive lines (`ArchiveChange` JSON); the
        /// follow-up hooks act on it and post-commit empties it.
        case pending
        /// shim: `pending_for=<pid>`, the git process the pending record belongs to: a follow-up hook of
        /// another commit (or of one that never ran pre-commit) leaves it alone.
        case pendingFor = "pending.sh"
        /// prepare-commit-msg's second argument (the message's source), for commit-msg.
        case messageSource = "message-source"
        /// What each session's tool calls wrote, one file per session (`WrittenLinesCache`), for post-commit's
        /// attribution; a folder.
        case written
    }

    package static func path(_ file: File, stateDir: String) -> String { stateDir + "/" + file.rawValue }
}
