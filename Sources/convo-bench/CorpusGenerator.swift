import Foundation
import HookKit

/// A transcript-like JSONL corpus shaped like Claude Code sessions: user prompts, assistant
/// turns with thinking/text/tool_use, tool results (file reads, command output) duplicated in
/// `toolUseResult`, some base64 screenshots, and planted secrets at known lines.
struct Corpus {
    var bytes: [UInt8]
    /// 1-based line number → planted secret.
    var planted: [Int: PlantedSecret]
    var lineCount: Int
    var imageCount: Int
    var imageBytes: Int
}

struct CorpusGenerator {
    var r: BenchRandom
    let targetBytes: Int
    /// Every `plantEvery`-th line carries one planted secret.
    let plantEvery = 40

    init(seed: UInt64, targetBytes: Int) {
        r = BenchRandom(seed: seed)
        self.targetBytes = targetBytes
    }

    static let words = """
        the a to of and in is it that for on with this as be we can you are not use function test file build error \
        swift package module return value type struct class protocol async await task thread lock queue buffer \
        index commit branch merge rebase hook config path line byte string array dictionary parse decode encode \
        should would could maybe because then when while after before fix bug issue change update refactor \
        performance memory allocation cache read write stream chunk json record session transcript archive \
        redaction secret token password key scan rule pattern match regex escape quote newline unicode
        """.split(separator: " ").map(String.init)

    mutating func sentence() -> String {
        let n = r.int(6..<20)
        var s = (0..<n).map { _ in r.pick(Self.words) }.joined(separator: " ")
        s = s.prefix(1).uppercased() + s.dropFirst()
        return s + r.pick([".", ".", ".", "?", ":"])
    }

    mutating func prose(_ sentences: Int) -> String {
        (0..<sentences).map { _ in sentence() }.joined(separator: " ")
    }

    mutating func identifier() -> String {
        let a = r.pick(Self.words)
        let b = r.pick(Self.words)
        return a + b.prefix(1).uppercased() + b.dropFirst()
    }

    mutating func swiftFile(lines: Int) -> String {
        var out: [String] = []
        var n = 1
        func add(_ s: String) {
            out.append(String(repeating: " ", count: max(0, 6 - String(n).count)) + "\(n)→" + s)
            n += 1
        }
        add("import Foundation")
        add("")
        while n < lines {
            let name = identifier()
            add("/// \(sentence())")
            add("func \(name)(_ \(r.pick(Self.words)): [UInt8], count: Int) throws -> \(r.pick(["Int", "String", "[UInt8]", "Bool"])) {")
            for _ in 0..<r.int(2..<8) {
                add("    let \(identifier()) = \(identifier())(\(r.pick(Self.words)), \(r.int(0..<4096))) // \(r.pick(Self.words))")
            }
            add("    return \(identifier())")
            add("}")
            add("")
        }
        return out.joined(separator: "\n")
    }

    mutating func gitLog(_ n: Int) -> String {
        (0..<n).map { _ in
            "commit \(r.string(Alphabet.hex, 40))\nAuthor: Dev <dev@example.com>\nDate:   Fri Jul 18 10:\(r.int(10..<59)):00 2025 +0200\n\n    \(sentence())\n"
        }.joined(separator: "\n")
    }

    mutating func testLog(_ n: Int) -> String {
        (0..<n).map { _ in
            "Test Case '\(identifier())Tests.test\(identifier())' passed (\(r.int(1..<900)).\(r.int(100..<999)) seconds). id=\(r.uuid())"
        }.joined(separator: "\n")
    }

    mutating func lsOutput(_ n: Int) -> String {
        (0..<n).map { _ in
            "-rw-r--r--  1 dev dev \(String(r.int(100..<99999)).padding(toLength: 6, withPad: " ", startingAt: 0)) Jul 18 10:22 \(identifier()).swift"
        }.joined(separator: "\n")
    }

    // MARK: records

    /// The inside of a JSON string literal for `s`.
    static func esc(_ s: String) -> String {
        String(JSONText.quoted(s).dropFirst().dropLast())
    }

    var session = ""
    var parent = ""
    var clock = 0

    mutating func header(_ type: String) -> String {
        let uuid = r.uuid()
        defer {
            parent = uuid
            clock += r.int(1..<30)
        }
        let ts = String(format: "2025-07-18T%02d:%02d:%02d.%03dZ", (clock / 3600) % 24, (clock / 60) % 60, clock % 60, r.int(0..<1000))
        return
            #""parentUuid":"\#(parent)","isSidechain":false,"userType":"external","cwd":"/home/dev/acme-api","sessionId":"\#(session)","version":"1.0.51","gitBranch":"main","type":"\#(type)","uuid":"\#(uuid)","timestamp":"\#(ts)""#
    }

    mutating func userPrompt(_ text: String) -> String {
        "{" + header("user") + #","message":{"role":"user","content":"\#(Self.esc(text))"}}"#
    }

    mutating func assistant(text: String, command: String) -> String {
        let sig = r.string(Alphabet.base64, r.int(200..<600))
        let tool = "toolu_01" + r.string(Alphabet.alnum, 22)
        let message =
            #"{"id":"msg_01\#(r.string(Alphabet.alnum, 22))","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"thinking","thinking":"\#(Self.esc(prose(r.int(2..<6))))","signature":"\#(sig)"},{"type":"text","text":"\#(Self.esc(text))"},{"type":"tool_use","id":"\#(tool)","name":"Bash","input":{"command":"\#(Self.esc(command))","description":"\#(Self.esc(sentence()))"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":\#(r.int(1..<50)),"cache_creation_input_tokens":\#(r.int(0..<5000)),"cache_read_input_tokens":\#(r.int(0..<90000)),"output_tokens":\#(r.int(10..<900)),"service_tier":"standard"}}"#
        return "{" + header("assistant") + #","message":\#(message),"requestId":"req_011C\#(r.string(Alphabet.alnum, 20))"}"#
    }

    mutating func toolResult(_ output: String) -> String {
        let tool = "toolu_01" + r.string(Alphabet.alnum, 22)
        let e = Self.esc(output)
        return "{" + header("user")
            + #","message":{"role":"user","content":[{"tool_use_id":"\#(tool)","type":"tool_result","content":"\#(e)","is_error":false}]},"toolUseResult":{"stdout":"\#(e)","stderr":"","interrupted":false,"isImage":false}}"#
    }

    mutating func image() -> (String, Int) {
        let size = r.int(20_000..<120_000)
        let b64 = Data(r.bytes(size)).base64EncodedString()
        let line =
            "{" + header("user")
            + #","message":{"role":"user","content":[{"type":"text","text":"\#(Self.esc(sentence()))"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"\#(b64)"}}]}}"#
        return (line, b64.utf8.count)
    }

    mutating func toolOutput() -> String {
        switch r.int(0..<5) {
        case 0: return swiftFile(lines: r.int(40..<250))
        case 1: return gitLog(r.int(3..<20))
        case 2: return testLog(r.int(10..<80))
        case 3: return lsOutput(r.int(5..<40))
        default: return prose(r.int(5..<30))
        }
    }

    /// Generates the corpus.
    mutating func generate() -> Corpus {
        var out: [UInt8] = []
        out.reserveCapacity(targetBytes + (1 << 20))
        var planted: [Int: PlantedSecret] = [:]
        var line = 0
        var images = 0
        var imageBytes = 0
        var plantIndex = 0
        session = r.uuid()
        while out.count < targetBytes {
            line += 1
            var record: String
            if line % plantEvery == 0 {
                let rule = PlantedSecrets.rules[plantIndex % PlantedSecrets.rules.count]
                let secret = PlantedSecrets.make(rule, &r, variant: plantIndex / PlantedSecrets.rules.count)
                plantIndex += 1
                planted[line] = secret
                record = toolResult("$ cat config\n" + prose(1) + "\n" + secret.context + "\n" + prose(1))
            } else {
                switch r.int(0..<100) {
                case 0..<12: record = userPrompt(prose(r.int(1..<6)))
                case 12..<45:
                    record = assistant(
                        text: prose(r.int(1..<5)), command: r.pick(["swift build", "git log --oneline -5", "swift test --filter Redact", "ls -la Sources", "cat Package.swift"]))
                case 45..<47:
                    let (l, n) = image()
                    images += 1
                    imageBytes += n
                    record = l
                default: record = toolResult(toolOutput())
                }
                if line % 500 == 1 { session = r.uuid() }
            }
            out.append(contentsOf: record.utf8)
            out.append(0x0A)
        }
        return Corpus(bytes: out, planted: planted, lineCount: line, imageCount: images, imageBytes: imageBytes)
    }
}
