import Foundation
import Testing

@testable import HookCore

/// Replays the fuzz seeds and every input a fuzz run ever crashed on (`Fuzz/regressions/`), plus edge cases.
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static var inputs: [[UInt8]] {
        var result: [[UInt8]] = [
            [], Array("\n\n\n".utf8), Array("no newline at all".utf8), [0xFF, 0xFE, 0x0A, 0xC3],
            Array(repeating: UInt8(ascii: "a"), count: 3 << 20) + [0x0A],
        ]
        for folder in ["seeds", "regressions"] {
            let dir = fuzzFolder.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) { result.append([UInt8](data)) }
            }
        }
        return result
    }

    @Test func seedsAreThere() {
        #expect(Self.inputs.count > 5, "Fuzz/seeds was not found from \(Self.fuzzFolder.path)")
    }

    @Test(arguments: inputs.indices)
    func invariantsHold(_ index: Int) throws {
        let input = Self.inputs[index]
        let scratch = NSTemporaryDirectory() + "convo-fuzz-regression-\(index)-\(getpid())"
        defer { unlink(scratch) }
        #expect(RobustnessChecks.lineReader(input, scratchFile: scratch) == nil)
        #expect(RobustnessChecks.redactor(input, using: try Redactor()) == nil)
        #expect(RobustnessChecks.eventReaders(input) == nil)
    }
}
