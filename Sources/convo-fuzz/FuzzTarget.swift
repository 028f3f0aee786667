// libFuzzer entry point for the JSONL line reader, the redactor, and the readers' JSON parser and event mappings; built only by Fuzz/run.sh
// (with -sanitize=fuzzer), which also defines CONVO_FUZZ. A plain build gets a main that explains this.
import Glibc
import HookCore

#if CONVO_FUZZ
    private let redactor = try! Redactor(config: RedactionConfig())
    private let scratch = "/tmp/convo-fuzz-\(getpid()).jsonl"

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
        let data = bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
        if let violation = RobustnessChecks.lineReader(data, scratchFile: scratch) ?? RobustnessChecks.redactor(data, using: redactor)
            ?? RobustnessChecks.eventReaders(data)
        {
            fatalError(violation)
        }
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    // SwiftPM links an executable's entry point as `<target>_main`; hand control to libFuzzer's driver.
    @_cdecl("convo_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, fuzzOneInput)
    }
#else
    @main
    enum FuzzUsage {
        static func main() {
            print("convo-fuzz is a libFuzzer target: run Fuzz/run.sh [seconds]")
        }
    }
#endif
