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
    do {
        var convoHook: String?
        var runs = 40
        var results: String?
        var only: String?
        try BenchArguments.parse(Array(arguments.dropFirst())) { flag, value in
            switch flag {
            case "--convo-hook": convoHook = try value()
            case "--runs": runs = max(3, Int(try value()) ?? runs)
            case "--results": results = try value()
            case "--only":
                only = try value()
                guard HookBenchmark.scenarios.contains(only!) else {
                    throw BenchError("--only takes one of \(HookBenchmark.scenarios.joined(separator: ", "))")
                }
            default: throw BenchError(description: "unknown option \(flag)")
            }
        }
        guard let convoHook else { throw BenchError("--convo-hook PATH is required") }
        try HookBenchmark(convoHook: convoHook, runs: runs, resultsPath: results, only: only).run()
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
case "readers":
    do {
        try ReaderBenchmark(options: try ReaderBenchOptions(Array(arguments.dropFirst()))).run()
    } catch {
        FileHandle.standardError.write(Data("convo-bench readers: \(error)\n".utf8))
        exit(2)
    }
case "why":
    do {
        try WhyBenchmark(options: try WhyBenchOptions(Array(arguments.dropFirst()))).run()
    } catch {
        FileHandle.standardError.write(Data("convo-bench why: \(error)\n".utf8))
        exit(2)
    }
case "site":
    do {
        try SiteBenchmark(options: try SiteBenchOptions(Array(arguments.dropFirst()))).run()
    } catch {
        FileHandle.standardError.write(Data("convo-bench site: \(error)\n".utf8))
        exit(2)
    }
default:
    print(
        """
        usage: convo-bench hooks --convo-hook PATH [--runs N] [--results FILE]
                                 [--only noop|sessions|sources|newlines|attribution|growth|memory]
               convo-bench redaction [--mb N] [--runs N] [--seed N] [--detect-secrets PATH|none]
                                     [--results FILE] [--keep-corpus] [--outputs FILE] [--throughput-only]
               convo-bench search [--mb N] [--sessions N] [--runs N] [--seed N] [--work DIR]
                                  [--layout parts|legacy] [--results FILE] [--keep]
               convo-bench readers --convo-hook PATH [--baseline PATH] [--mb N] [--sessions N] [--big-mb N]
                                   [--runs N] [--layout parts|legacy] [--work DIR] [--results FILE] [--keep]
               convo-bench why --convo-hook PATH [--sessions N] [--mb N] [--lines N] [--runs N] [--seed N]
                               [--work DIR] [--results FILE] [--keep]
               convo-bench site --convo-hook PATH [--claude-code-log PATH|none] [--mb N] [--sessions N]
                                [--real-mb N] [--real-sessions N] [--runs N] [--work DIR] [--results FILE] [--keep]
        """)
    exit(arguments.isEmpty ? 0 : 2)
}
