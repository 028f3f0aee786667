import Foundation

/// What a finished process printed and returned.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs real programs (git, sh, the built convo-hook) with an explicit environment.
public enum Shell {
    /// Runs `arguments[0]` (looked up in the environment's PATH) and waits for it.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String, environment: [String: String], input: String? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Where the binaries under test are: the build products folder holding the test bundle.
public enum Products {
    public static let directory: String = {
        if let explicit = ProcessInfo.processInfo.environment["CONVO_HOOK_BIN_DIR"] { return explicit }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().path
    }()

    public static var convoHook: String { directory + "/convo-hook" }
}

extension Products {
    /// The package checkout (holds `hooks/`), found upwards from the products folder.
    public static let packageRoot: String = {
        var dir = URL(fileURLWithPath: directory)
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.path + "/Package.swift") { return dir.path }
            dir.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()
}
