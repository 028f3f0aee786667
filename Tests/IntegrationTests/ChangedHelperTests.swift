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

    /// The hooks' state folder for the watcher, and a stamp a minute old.
    private func stateFolder() throws -> String {
        let state = root + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try write("stamp", age: 60)
        return state
    }

    private func changed(_ paths: [String], state: String? = nil) throws -> Int32 {
        try changed(list: Data(paths.map { root + "/" + $0 }.joined(separator: "\0").utf8 + [0]), state: state)
    }

    /// The helper's answer for a list given as bytes (NUL-separated paths).
    private func changed(list bytes: Data, state: String?) throws -> Int32 {
        let list = root + "/list"
        try bytes.write(to: URL(fileURLWithPath: list))
        let arguments = [Products.directory + "/convo-hook-changed", root + "/stamp", list] + (state.map { [$0] } ?? [])
        return try Shell.run(arguments, in: root, environment: [:]).status
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

    @Test(arguments: ["a/1", "a/new", "b/c/3", "gone", "d", "moved b", "through the link", "moved the linked folder"])
    func anUnchangedAnswerLeavesAWatcherThatEndsAtTheFirstChange(_ change: String) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = try stateFolder()
        // "b/c/3" is watched through itself (its folder is not listed); "gone/5" through the root; "a/other"
        // (another session's file, say) is not listed.
        try FileManager.default.createDirectory(atPath: root + "/elsewhere", withIntermediateDirectories: true)
        for path in ["a/1", "a/2", "a/other", "b/c/3", "d/4", "elsewhere/target"] { try write(path, age: 120) }
        // "a/link" is listed in a listed folder, but its writes happen in "elsewhere".
        try FileManager.default.createSymbolicLink(atPath: root + "/a/link", withDestinationPath: "../elsewhere/target")
        // "linked" is a folder kept elsewhere (a ~/.claude in a dotfiles folder).
        try FileManager.default.createDirectory(atPath: root + "/dots/real", withIntermediateDirectories: true)
        try write("dots/real/f", age: 120)
        try write("dots/real", age: 120)
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: "dots/real")
        for folder in ["a", "b/c", "d"] { try write(folder, age: 120) }
        let paths = ["a", "a/1", "a/2", "a/link", "b/c/3", "gone/5", "d", "d/4", "linked", "linked/f"]
        #expect(try changed(paths, state: state) == 1)
        let watcher = try #require(WatcherProbe.armed(in: state), "an unchanged answer leaves a watcher")
        // The root is watched for "gone" only; "b" for nothing ("b/c/3" is watched itself); "a" for its
        // entries and the listed files' writes.
        try write("unrelated", age: 0)
        try write("b/new", age: 0)
        try Data("written\n".utf8).write(to: URL(fileURLWithPath: root + "/a/other"))
        usleep(200_000)
        #expect(watcher.isRunning && WatcherProbe.current(in: state) == watcher, "nothing listed changed: it stays")
        if change == "gone" {
            try FileManager.default.createDirectory(atPath: root + "/gone", withIntermediateDirectories: true)
        } else if change == "moved b" {
            // A folder above a watched file moved away (another copy may come in its place).
            try FileManager.default.moveItem(atPath: root + "/b", toPath: root + "/b.old")
        } else if change == "moved the linked folder" {
            try FileManager.default.moveItem(atPath: root + "/dots", toPath: root + "/dots.old")
        } else if change == "through the link" {
            try Data("appended\n".utf8).write(to: URL(fileURLWithPath: root + "/elsewhere/target"))
        } else {
            try write(change, age: 300)
        }
        #expect(watcher.ended(state: state), "\(change) changed: the watcher removes its file and ends")
    }

    @Test func noWatcherWhereTheListChangedOrItsFileIsRemoved() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = try stateFolder()
        try write("a/1", age: 1)
        #expect(try changed(["a/1"], state: state) == 0)
        usleep(300_000)
        #expect(!FileManager.default.fileExists(atPath: state + "/watching"), "a changed list leaves no watcher")
        try write("a/1", age: 120)
        #expect(try changed(["a/1"], state: state) == 1)
        let watcher = try #require(WatcherProbe.armed(in: state))
        // A full run removes the file before it writes a new list: the watcher ends with it.
        try FileManager.default.removeItem(atPath: state + "/watching")
        #expect(watcher.ended(state: state))
        #expect(try changed(["a/1"], state: state) == 1)
        let replaced = try #require(WatcherProbe.armed(in: state))
        #expect(replaced != watcher)
        // Two commits a moment apart may each start one: the later replaces the file, the earlier ends.
        #expect(try changed(["a/1"], state: state) == 1)
        #expect(replaced.ended(state: state))
        let second = try #require(WatcherProbe.armed(in: state))
        #expect(second.isRunning)
        try FileManager.default.removeItem(atPath: state)
        #expect(second.ended(state: state), "the state folder's removal (a deleted repository) ends it")
    }

    /// A path that is not UTF-8 (the watcher compares names as bytes, but builds them from text): no watcher,
    /// and `-` so the shim stops starting one until the next full run.
    @Test func aPathThatIsNotUTF8IsNotWatched() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let state = try stateFolder()
        try write("a/1", age: 120)
        #expect(try changed(list: Data(Array((root + "/a/1").utf8) + [0] + Array((root + "/a/").utf8) + [0xFF, 0x2E, 0]), state: state) == 1)
        var marker: String?
        _ = WatcherProbe.within5Seconds {
            marker = try? String(contentsOfFile: state + "/watching", encoding: .utf8)
            return marker != nil
        }
        #expect(marker == "-\n")
    }
}
