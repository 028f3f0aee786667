import Testing

@testable import HookKit

/// Query checking and translation to FTS5: every word is quoted, operators and parentheses kept.
@Suite struct SearchQueryTests {
    @Test(arguments: [
        ("parser", "\"parser\""),
        ("config parser", "\"config\" AND \"parser\""),
        ("\"config parser\"", "\"config parser\""),
        ("pars*", "\"pars\"*"),
        ("\"config pars\"*", "\"config pars\"*"),
        ("parser OR lexer", "\"parser\" OR \"lexer\""),
        ("parser NOT regex", "\"parser\" NOT \"regex\""),
        ("a (b OR c)", "\"a\" AND ( \"b\" OR \"c\" )"),
        ("(b OR c) a", "( \"b\" OR \"c\" ) AND \"a\""),
        ("foo-bar x:y", "\"foo-bar\" AND \"x:y\""),
        ("say \"\"", "\"say\""),
        ("and or not", "\"not\""),
        ("why did we pick teal", "\"pick\" AND \"teal\""),
        ("NEAR(a b)", "\"NEAR\" AND ( \"a\" AND \"b\" )"),
    ])
    func translates(_ input: String, _ expected: String) throws {
        #expect(try SearchQuery(input).expression == expected)
    }

    @Test(arguments: [
        ("", "empty query"),
        ("   ", "empty query"),
        ("\"unterminated", "unterminated phrase"),
        ("NOT parser", "NOT needs a word or phrase on its left"),
        ("parser AND", "AND needs a word or phrase on its right"),
        ("parser OR OR lexer", "OR needs a word or phrase on its left"),
        ("(parser", "unbalanced '('"),
        ("parser)", "unbalanced ')'"),
        ("parser ()", "empty parentheses"),
        ("*", "prefix query needs letters or digits"),
        ("!!! ---", "no searchable words"),
    ])
    func rejects(_ input: String, _ message: String) {
        #expect {
            _ = try SearchQuery(input)
        } throws: { error in
            (error as? SearchQueryError)?.description.contains(message) == true
        }
    }

    @Test func sinceAcceptsDatesTimesAndAges() throws {
        #expect(try SearchTime.since("2026-01-02") == 1_767_312_000)
        #expect(try SearchTime.since("2026-01-02T10:30") == 1_767_312_000 + 37_800)
        #expect(try SearchTime.since("2026-01-02T10:30:15Z") == 1_767_312_000 + 37_815)
        #expect(try SearchTime.since("7d", now: 1_000_000) == 1_000_000 - 7 * 86400)
        #expect(try SearchTime.since("12h", now: 1_000_000) == 1_000_000 - 12 * 3600)
        for bad in ["yesterday", "2026-13-01", "2026-1-2", "d", "-3d"] {
            #expect(throws: SearchQueryError.self) { try SearchTime.since(bad) }
        }
    }
}
