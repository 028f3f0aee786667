/// Walks `--flag value` style arguments: `body` gets each flag and a way to take its value.
enum BenchArguments {
    static func parse(_ args: [String], _ body: (_ flag: String, _ value: () throws -> String) throws -> Void) throws {
        var k = 0
        while k < args.count {
            let flag = args[k]
            try body(flag) {
                k += 1
                guard k < args.count else { throw BenchError(description: "\(flag) needs a value") }
                return args[k]
            }
            k += 1
        }
    }
}
