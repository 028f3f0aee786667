import Foundation

struct BenchError: Error, CustomStringConvertible {
    var description: String
}

/// Command-line options of `convo-bench redaction`.
struct RedactionBenchOptions {
    var megabytes = 50
    var runs = 5
    var seed: UInt64 = 42
    /// Path to `detect-secrets`, or nil to skip it.
    var detectSecrets: String? = "Benchmarks/work/venv/bin/detect-secrets"
    var resultsFile: String?
    var keepCorpus = false
    /// gitleaks' per-rule samples.
    var samplesPath = "Benchmarks/gitleaks-samples.jsonl"

    init(_ args: [String]) throws {
        try BenchArguments.parse(args) { flag, value in
            switch flag {
            case "--mb": megabytes = Int(try value()) ?? megabytes
            case "--runs": runs = max(1, Int(try value()) ?? runs)
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--detect-secrets":
                let v = try value()
                detectSecrets = v == "none" ? nil : v
            case "--results": resultsFile = try value()
            case "--keep-corpus": keepCorpus = true
            case "--samples": samplesPath = try value()
            default: throw BenchError(description: "unknown option \(flag)")
            }
        }
    }
}
