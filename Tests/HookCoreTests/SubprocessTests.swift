import Testing

@testable import HookCore

/// Child processes with more input and output than a pipe holds: nothing may deadlock or be lost.
@Suite struct SubprocessTests {
    let environment = ["PATH": "/usr/bin:/bin"]

    @Test func aMegabyteThroughCatComesBackWhole() throws {
        // cat writes while it reads: writing all input before reading any output would deadlock.
        let input = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let result = try Subprocess.run("/bin/cat", [], environment: environment, input: input)
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func aChildThatNeverReadsItsInputEndsCleanly() throws {
        let input = [UInt8](repeating: 65, count: 1 << 20)
        let result = try Subprocess.run("/bin/sh", ["-c", "exec 0<&-; echo done; echo oops >&2; exit 3"], environment: environment, input: input)
        #expect(result.status == 3)
        #expect(result.output == "done\n")
        #expect(result.lastErrorLine == "oops")
    }

    @Test func startedChildrenRunWhileTheCallerWorks() throws {
        let first = try Subprocess.start("/bin/sh", ["-c", "cat; echo first"], environment: environment, input: Array("in\n".utf8))
        let second = try Subprocess.start("/bin/sh", ["-c", "echo second"], environment: environment)
        #expect(second.wait().output == "second\n")
        #expect(first.wait().output == "in\nfirst\n")
    }
}
