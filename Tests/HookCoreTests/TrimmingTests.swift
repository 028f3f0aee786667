import Testing

@testable import HookCore

@Suite struct TrimmingTests {
    @Test func trimsEachCharacterOfTheSetWhateverItsOrder() {
        // "\r\n" is one Character: a set written " \t\r\n" must still trim a lone "\n".
        #expect("../..\n".trimmingCharacters(in: " \t\r\n") == "../..")
        #expect("\r\n\t title \r\n".trimmingCharacters(in: " \t\r\n") == "title")
        #expect("\n\n".trimmingCharacters(in: "\r\n") == "")
        #expect("keep\r\nthe middle\n".trimmingCharacters(in: "\r\n") == "keep\r\nthe middle")
    }
}
