import Glibc
import HookCore
import SourceStores

// The shims exec this for the commit hooks when there may be work: it links neither libgit2 nor
// ArgumentParser (each costs more start-up time than a hook's whole budget).
// Usage: convo-hook-hook <hook name or the shim's path> [git's arguments…]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let first = arguments.first, let name = CommitHooks.hookName(invokedAs: first).flatMap(CommitHooks.Name.init(rawValue:)) else {
    Diagnostics.error("convo-hook-hook: cannot tell which hook to run from '\(arguments.first ?? "")'")
    exit(0)
}
// OpenCode keeps its sessions in SQLite, which HookCore does not link: this helper reads it through SourceStores.
SourceStores.install()
exit(CommitHooks.run(name, arguments: Array(arguments.dropFirst())))
