import HookCore

/// The union of two notes trees (`refs/notes/convo`): every annotated commit's note from both sides,
/// and for a commit annotated on both sides with different text, one note holding both
/// (`NoteText.union`). Notes are matched by the commit they annotate, whatever fan-out
/// (`ab/cdef…` folders) each side's tree uses; new notes go where the local tree's fan-out puts them.
struct NotesUnion {
    let repository: Repository

    func union(local: Tree, fetched: Tree) throws -> OID {
        if local.id == fetched.id { return local.id }
        let own = try notes(in: local)
        var updates: [TreeUpdate] = []
        var folders: [String: [String: OID]] = [:]  // fan-out folders of the local tree, by path
        for (object, theirs) in try notes(in: fetched).sorted(by: { $0.key < $1.key }) {
            guard let mine = own[object] else {
                updates.append(.upsert(path: try placement(of: object, in: local, folders: &folders), blob: theirs.blob))
                continue
            }
            guard mine.blob != theirs.blob else { continue }
            let text = NoteText.union(
                String(decoding: try repository.blobContent(mine.blob), as: UTF8.self),
                String(decoding: try repository.blobContent(theirs.blob), as: UTF8.self))
            let blob = try Array(text.utf8).withUnsafeBytes { try repository.createBlob($0) }
            if blob != mine.blob { updates.append(.upsert(path: mine.path, blob: blob)) }
        }
        guard !updates.isEmpty else { return local.id }
        return try repository.treeUpdated(base: local, updates: updates)
    }

    /// Annotated object id (hex) → the note's path in the tree and its blob.
    func notes(in tree: Tree) throws -> [String: (path: String, blob: OID)] {
        var found: [String: (path: String, blob: OID)] = [:]
        try collect(tree, prefix: "", path: "", into: &found)
        return found
    }

    private func collect(_ tree: Tree, prefix: String, path: String, into found: inout [String: (path: String, blob: OID)]) throws {
        for entry in tree.modeEntries {
            let object = prefix + entry.name
            guard entry.name.utf8.allSatisfy(NotesUnion.isHex) else { continue }  // not a note (git allows other files)
            if entry.isTree {
                if entry.name.utf8.count == 2, object.utf8.count < OID.hexLength {
                    try collect(repository.tree(entry.id), prefix: object, path: path + entry.name + "/", into: &found)
                }
            } else if object.utf8.count == OID.hexLength {
                found[object.lowercased()] = (path + entry.name, entry.id)
            }
        }
    }

    /// Where a new note for `object` goes: inside the fan-out folders the tree already has for it.
    private func placement(of object: String, in tree: Tree, folders: inout [String: [String: OID]]) throws -> String {
        var path = ""
        var rest = Substring(object)
        var current = tree.id
        while rest.count > 2 {
            if folders[path] == nil {
                folders[path] = Dictionary(
                    try repository.tree(current).modeEntries.filter(\.isTree).map { ($0.name, $0.id) },
                    uniquingKeysWith: { first, _ in first })
            }
            guard let next = folders[path]?[String(rest.prefix(2))] else { break }
            path += rest.prefix(2) + "/"
            rest = rest.dropFirst(2)
            current = next
        }
        return path + rest
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70)
    }
}

/// The text of one note merged from two: convo-hook's JSON lines become one line holding the union
/// of their sessions (each session once, its line ranges united and sorted), and every other line of
/// either side is kept, sorted and without repeats — git's `cat_sort_uniq` notes strategy, applied to
/// what the lines mean. The result does not depend on which side is which.
enum NoteText {
    static func union(_ a: String, _ b: String) -> String {
        var merged = ArchiveChange()
        var other = Set<String>()
        for line in (a + "\n" + b).split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            let change = ConversationNotes.change(fromNote: String(line))
            if change.sessions.isEmpty { other.insert(String(line)) } else { merged.merge(change) }
        }
        var lines = other.sorted()
        if !merged.sessions.isEmpty {
            merged.sessions = merged.sessions.sorted { $0.session < $1.session }.map { session in
                var session = session
                session.lines = Array(Set(session.lines.map(RangeKey.init))).sorted().map(\.range)
                return session
            }
            lines.insert(String(ConversationNotes.text(for: merged).dropLast()), at: 0)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A line range ordered by stream (`main` first), then position.
    private struct RangeKey: Hashable, Comparable {
        let range: LineRange
        init(_ range: LineRange) { self.range = range }
        static func == (a: RangeKey, b: RangeKey) -> Bool { a.range == b.range }
        func hash(into hasher: inout Hasher) {
            hasher.combine(range.stream)
            hasher.combine(range.first)
            hasher.combine(range.last)
        }
        static func < (a: RangeKey, b: RangeKey) -> Bool {
            let streamA = a.range.stream == "main" ? "" : a.range.stream
            let streamB = b.range.stream == "main" ? "" : b.range.stream
            return (streamA, a.range.first, a.range.last) < (streamB, b.range.first, b.range.last)
        }
    }
}
