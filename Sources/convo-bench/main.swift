// convo-bench: benchmark scenarios. Usage: convo-bench <scenario> [options]
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "redaction":
    do {
        let options = try RedactionBenchOptions(Array(arguments.dropFirst()))
        try RedactionBenchmark(options: options).run()
    } catch {
        FileHandle.standardError.write(Data("convo-bench redaction: \(error)\n".utf8))
        exit(2)
    }
case "hooks":
    let rest = Array(arguments.dropFirst())
    func value(_ flag: String) -> String? { rest.firstIndex(of: flag).flatMap { rest.indices.contains($0 + 1) ? rest[$0 + 1] : nil } }
    do {
        guard let convoHook = value("--convo-hook") else { throw BenchError("--convo-hook PATH is required") }
        try HookBenchmark(convoHook: convoHook, runs: Int(value("--runs") ?? "") ?? 40, resultsPath: value("--results")).run()
    } catch {
        FileHandle.standardError.write(Data("convo-bench hooks: \(error)\n".utf8))
        exit(2)
    }
case "search":
    do {
        let options = try SearchBenchOptions(Array(arguments.dropFirst()))
        try SearchBenchmark(options: options).run()
    } catch {
        FileHandle.standardError.write(Data("convo-bench search: \(error)\n".utf8))
        exit(2)
    }
default:
    print("""
    usage: convo-bench hooks --convo-hook PATH [--runs N] [--results FILE]
           convo-bench redaction [--mb N] [--runs N] [--seed N] [--detect-secrets PATH|none]
                                 [--results FILE] [--keep-corpus]
           convo-bench search [--mb N] [--sessions N] [--runs N] [--seed N] [--work DIR]
                              [--results FILE] [--keep]
    """)
    exit(arguments.isEmpty ? 0 : 2)
}
