import Glibc
import HookCore

// The pre-commit shim execs this when there may be something to archive: it links neither
// libgit2 nor ArgumentParser (each costs more start-up time than the whole hook's budget).
exit(PreCommitHook.run())
