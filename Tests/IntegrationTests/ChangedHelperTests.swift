import Foundation
import TestSupport
import Testing

/// `convo-hook-changed STAMP LIST`, the stat loop behind the shim's long watch lists.
@Suite struct ChangedHelperTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "convo-changed-\(UUID().uuidString)"
        for folder in ["a", "b/c", "d"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
    }

    private func write(_ path: String, age seconds: TimeInterval) throws {
        let full = root + "/" + path
        if !FileManager.default.fileExists(atPath: full) { _ = FileManager.default.createFile(atPath: full, contents: Data("x".utf8)) }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: full)
    }

    private func changed(_ paths: [String]) throws -> Int32 {
        let list = root + "/list"
        try Data(paths.map { root + "/" + $0 }.joined(separator: "\0").utf8 + [0]).write(to: URL(fileURLWithPath: list))
        return try Shell.run([Products.directory + "/convo-hook-changed", root + "/stamp", list], in: root, environment: [:]).status
    }

    @Test func findsTheOneNewerFileAcrossFoldersAndMissingOnes() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try write("stamp", age: 60)
        for path in ["a/1", "a/2", "b/c/3", "d/4"] { try write(path, age: 120) }
        let paths = ["a", "a/1", "a/2", "b/c", "b/c/3", "gone/5", "gone/6", "d", "d/4"]
        for folder in ["a", "b/c", "d"] { try write(folder, age: 120) }
        #expect(try changed(paths) == 1, "nothing is newer than the stamp")
        try write("d/4", age: 1)
        #expect(try changed(paths) == 0, "the last file, in the last folder, after two missing ones")
        try write("d/4", age: 120)
        try write("a/2", age: 1)
        #expect(try changed(paths) == 0)
        try write("a/2", age: 120)
        try write("b/c", age: 1)
        #expect(try changed(paths) == 0, "a folder itself")
        try write("b/c", age: 120)
        #expect(try changed(paths) == 1)
        try FileManager.default.removeItem(atPath: root + "/stamp")
        #expect(try changed(paths) == 0, "no stamp: changed")
    }
}
