import Testing

@testable import HookKit

/// One note from two: convo-hook's lines united by what they mean, other lines kept (cat_sort_uniq).
@Suite struct NoteTextTests {
    let a = #"{"sessions":[{"folder":"f/a","lines":[{"first":1,"last":4,"stream":"main"}],"session":"claude/a"}]}"#
    let b =
        #"{"sessions":[{"folder":"f/b","lines":[{"first":1,"last":2,"stream":"subagents/x"},{"first":1,"last":2,"stream":"main"}],"session":"codex/b"},{"folder":"f/a","lines":[{"first":5,"last":9,"stream":"main"},{"first":1,"last":4,"stream":"main"}],"session":"claude/a"}]}"#

    @Test func sessionsAreUnitedSortedAndTheSameWhicheverSideIsLocal() {
        let merged = NoteText.union(a + "\n", b + "\n")
        #expect(merged == NoteText.union(b + "\n", a + "\n"))
        #expect(
            merged
                == #"{"sessions":[{"folder":"f/a","lines":[{"first":1,"last":4,"stream":"main"},{"first":5,"last":9,"stream":"main"}],"session":"claude/a"},{"folder":"f/b","lines":[{"first":1,"last":2,"stream":"main"},{"first":1,"last":2,"stream":"subagents/x"}],"session":"codex/b"}]}"#
                + "\n")
    }

    @Test func linesThatAreNotConvoHooksAreKeptOnceAndSorted() {
        let merged = NoteText.union("reviewed by Bob\n" + a + "\n", "ticket: T-12\nreviewed by Bob\n")
        #expect(merged.split(separator: "\n").map(String.init) == [NoteText.union(a, a).trimmingCharacters(in: .newlines), "reviewed by Bob", "ticket: T-12"])
    }

    @Test func notesConcatenatedByARewriteBecomeOneLine() {
        // git appends the old note to the new one on --amend/rebase (notes.rewriteMode=concatenate).
        let merged = NoteText.union(a + "\n\n" + b + "\n", a + "\n")
        #expect(merged.split(separator: "\n").count == 1)
        #expect(merged == NoteText.union(a, b))
    }
}
