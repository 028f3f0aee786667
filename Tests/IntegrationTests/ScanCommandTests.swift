import Foundation
import Testing

/// Runs the built `convo-hook` binary (it sits next to the test bundle in the build folder).
@Suite("convo-hook scan")
struct ScanCommandTests {
    static func binary() throws -> URL {
        var candidates: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        candidates += Bundle.allBundles.map(\.bundleURL)
        for start in candidates {
            var dir = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("convo-hook")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "convo-hook binary not found near \(candidates)"])
    }

    static func run(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = try binary()
        p.arguments = args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        return dir
    }

    // Built at run time so the source holds no token-shaped literal.
    static let token = "ghp_" + String(repeating: "aB3dE5fG7h", count: 4).prefix(36)

    @Test("a secret gives path:line:rule-id: masked and exit 1")
    func finding() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sub/session.jsonl")
        let line2 = #"{"type":"user","message":{"content":"export GITHUB_TOKEN=\#(Self.token)\n"}}"#
        try ("{\"type\":\"user\"}\n" + line2 + "\n").write(to: file, atomically: true, encoding: .utf8)
        try "clean\n".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)

        let r = try Self.run(["scan", dir.path])
        #expect(r.code == 1)
        #expect(r.out == "\(file.path):2:github-pat: ghp_…\n")
        #expect(!r.out.contains(Self.token))

        let j = try Self.run(["scan", "--json", file.path])
        #expect(j.code == 1)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed.first?["rule"] as? String == "github-pat")
        #expect(parsed.first?["line"] as? Int == 2)
        #expect(parsed.first?["secret"] as? String == "ghp_…")
    }

    @Test("clean files exit 0 with no output")
    func clean() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "password: required\ncommit 3f786850e387550fdab836ed7e6dc881de23001b\n".write(
            to: dir.appendingPathComponent("sub/notes.md"), atomically: true, encoding: .utf8)
        let r = try Self.run(["scan", dir.path])
        #expect(r.code == 0)
        #expect(r.out.isEmpty)
        let j = try Self.run(["scan", "--json", dir.path])
        #expect(j.code == 0)
        #expect(j.out == "[]\n")
    }

    @Test("a missing path is a one-line error and exit 2")
    func missing() throws {
        let r = try Self.run(["scan", "/nonexistent/convo-hook-scan-test"])
        #expect(r.code == 2)
        #expect(r.err == "convo-hook: /nonexistent/convo-hook-scan-test: no such file or directory\n")
    }
}
