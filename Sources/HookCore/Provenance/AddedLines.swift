/// The lines a change adds, file by file, read from a `git diff -U0` patch (`diff`, `diff-tree -p`,
/// `log -p`): runs of consecutive added lines with their numbers in the new file.
public struct AddedFile: Sendable, Equatable {
    /// The file's path after the change.
    public var path: String
    /// The file's path before, when the patch renamed or copied it.
    public var oldPath: String?
    public var runs: [[AddedLine]]

    public init(path: String, oldPath: String? = nil, runs: [[AddedLine]]) {
        self.path = path
        self.oldPath = oldPath
        self.runs = runs
    }
}

public struct AddedLine: Sendable, Equatable {
    /// 1-based line number in the new file.
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// A hunk of a `-U0` patch: where it starts in each file and the lines it removes and adds.
public struct PatchHunk: Sendable, Equatable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    public var removed: [String]
    public var added: [String]
}

public enum UnifiedDiff {
    /// The added lines of every file of a patch; deleted and binary files have none and are left out.
    public static func addedFiles(_ patch: [UInt8]) -> [AddedFile] {
        files(patch).compactMap { file in
            guard let path = file.newPath else { return nil }
            var runs: [[AddedLine]] = []
            for hunk in file.hunks where !hunk.added.isEmpty {
                runs.append(hunk.added.enumerated().map { AddedLine(number: hunk.newStart + $0.offset, text: $0.element) })
            }
            return runs.isEmpty ? nil : AddedFile(path: path, oldPath: file.oldPath == path ? nil : file.oldPath, runs: runs)
        }
    }

    /// One file of a patch.
    public struct FilePatch: Sendable {
        /// Nil for a deleted file (`+++ /dev/null`) and for a created one on the old side.
        public var oldPath: String?
        public var newPath: String?
        public var hunks: [PatchHunk]
    }

    /// Every file of a patch with its hunks.
    public static func files(_ patch: [UInt8]) -> [FilePatch] {
        var out: [FilePatch] = []
        var current: FilePatch?
        var hunk: PatchHunk?
        var oldLeft = 0
        var newLeft = 0
        func closeHunk() {
            if let h = hunk { current?.hunks.append(h) }
            hunk = nil
        }
        func closeFile() {
            closeHunk()
            if let c = current { out.append(c) }
            current = nil
        }
        ArchiveReader.splitLines(patch) { raw in
            let line = String(decoding: raw, as: UTF8.self)
            if hunk != nil, oldLeft <= 0, newLeft <= 0, !line.hasPrefix("\\") { closeHunk() }
            if hunk != nil {
                if line.hasPrefix("+") {
                    hunk!.added.append(String(line.dropFirst()))
                    newLeft -= 1
                    return
                }
                if line.hasPrefix("-") {
                    hunk!.removed.append(String(line.dropFirst()))
                    oldLeft -= 1
                    return
                }
                if line.hasPrefix(" ") {
                    oldLeft -= 1
                    newLeft -= 1
                    return
                }
                if line.hasPrefix("\\") { return }
                closeHunk()
            }
            if line.hasPrefix("diff --git ") {
                closeFile()
                current = FilePatch(oldPath: nil, newPath: nil, hunks: [])
            } else if line.hasPrefix("--- "), current != nil {
                current!.oldPath = path(String(line.dropFirst(4)))
            } else if line.hasPrefix("+++ "), current != nil {
                current!.newPath = path(String(line.dropFirst(4)))
            } else if line.hasPrefix("@@ "), current != nil {
                hunk = header(line)
                oldLeft = hunk?.oldCount ?? 0
                newLeft = hunk?.newCount ?? 0
            }
        }
        closeFile()
        return out
    }

    /// `@@ -a[,b] +c[,d] @@ …`.
    static func header(_ line: String) -> PatchHunk? {
        let fields = line.split(separator: " ", maxSplits: 3)
        guard fields.count >= 3, fields[1].hasPrefix("-"), fields[2].hasPrefix("+") else { return nil }
        func range(_ s: Substring) -> (Int, Int)? {
            let parts = s.dropFirst().split(separator: ",")
            guard let start = parts.first.flatMap({ Int($0) }) else { return nil }
            return (start, parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
        }
        guard let old = range(fields[1]), let new = range(fields[2]) else { return nil }
        return PatchHunk(oldStart: old.0, oldCount: old.1, newStart: new.0, newCount: new.1, removed: [], added: [])
    }

    /// A `---`/`+++` path without its `a/`/`b/` prefix, unquoted; nil for `/dev/null`.
    static func path(_ field: String) -> String? {
        var text = field
        if text.hasSuffix("\t") { text.removeLast() }
        if text.hasPrefix("\"") { text = unquote(text) }
        if text == "/dev/null" { return nil }
        if text.hasPrefix("a/") || text.hasPrefix("b/") { return String(text.dropFirst(2)) }
        return text
    }

    /// git's C-style quoting (`"a\tb\303\251"`) undone.
    package static func unquote(_ quoted: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(quoted.utf8.dropFirst())
        if input.last == UInt8(ascii: "\"") { input.removeLast() }
        var i = 0
        while i < input.count {
            let b = input[i]
            guard b == UInt8(ascii: "\\"), i + 1 < input.count else {
                bytes.append(b)
                i += 1
                continue
            }
            let next = input[i + 1]
            let escapes: [UInt8: UInt8] = [
                UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "a"): 0x07,
                UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "v"): 0x0B,
            ]
            if let e = escapes[next] {
                bytes.append(e)
                i += 2
            } else if next >= 0x30 && next <= 0x37, i + 3 < input.count, (0x30...0x37).contains(input[i + 2]), (0x30...0x37).contains(input[i + 3]) {
                bytes.append((next - 0x30) * 64 + (input[i + 2] - 0x30) * 8 + (input[i + 3] - 0x30))
                i += 4
            } else {
                bytes.append(next)
                i += 2
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
