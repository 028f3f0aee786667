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
default:
    print("""
    usage: convo-bench redaction [--mb N] [--runs N] [--seed N] [--detect-secrets PATH|none]
                                 [--results FILE] [--keep-corpus]
    """)
    exit(arguments.isEmpty ? 0 : 2)
}
