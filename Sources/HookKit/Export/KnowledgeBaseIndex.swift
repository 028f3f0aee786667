import HookCore

/// `index.md` beside the sessions folder: every exported page, newest first.
struct KnowledgeBaseIndex {
    struct Entry {
        var fileName: String
        var key: String
        var title: String
        var date: String { String(fileName.prefix(10)) }
        var source: String { String(key.prefix { $0 != "/" }) }
    }

    /// The pages convo-hook exported into `directory` (found by their first-line marker), with their titles.
    static func entries(in directory: String) -> [Entry] {
        FileTree.files(under: directory).compactMap { file -> Entry? in
            guard !file.relativePath.contains("/"), file.relativePath.hasSuffix(".md"),
                let head = HeadReader.read(directory + "/" + file.relativePath, cap: 4096)
            else { return nil }
            let lines = String(decoding: head, as: UTF8.self).split(separator: "\n", maxSplits: 2).map(String.init)
            guard let first = lines.first, let key = SessionMarkdown.key(inFirstLine: first) else { return nil }
            let title = lines.count > 1 && lines[1].hasPrefix("# ") ? String(lines[1].dropFirst(2)) : file.relativePath
            return Entry(fileName: file.relativePath, key: key, title: title)
        }
    }

    /// The index page; `folderName` is the sessions folder's name, for the links.
    static func render(_ entries: [Entry], folderName: String) -> String {
        var out = [
            "<!-- convo-hook index: written by `convo-hook export`, rewritten when sessions change -->",
            "# Knowledge base", "", "Conversation sessions exported from the archive, newest first.", "",
        ]
        var day = ""
        for entry in entries.sorted(by: { ($0.date, $0.fileName) > ($1.date, $1.fileName) }) {
            if entry.date != day {
                if !day.isEmpty { out.append("") }
                day = entry.date
                out += ["## \(day)", ""]
            }
            let text = entry.title.replacing("[", with: "\\[").replacing("]", with: "\\]")
            out.append("- [\(text)](\(folderName)/\(entry.fileName)) (\(entry.source))")
        }
        if entries.isEmpty { out.append("No sessions exported yet.") }
        return out.joined(separator: "\n") + "\n"
    }
}
