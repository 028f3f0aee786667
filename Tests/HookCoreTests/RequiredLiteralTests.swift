import Testing

@testable import HookCore

/// The literals a window must hold before a rule's regex searches it.
@Suite("Required literals")
struct RequiredLiteralTests {
    @Test("found exactly where a naive search finds them, case ignored, at the window's edges too")
    func agreesWithNaiveSearch() {
        var x: UInt64 = 11
        let alphabet = Array("kindKIND:ata ".utf8)
        for literal in ["kind:", "data:", "private key", "http", "com/"] {
            let required = RequiredLiteral(literal)
            let lower = Array(literal.utf8)
            for length in [0, 3, 5, 12, 40, 300] {
                var text: [UInt8] = []
                for _ in 0..<length {
                    x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text.append(alphabet[Int(x >> 33) % alphabet.count])
                }
                let windows = [0..<length, min(2, length)..<max(min(2, length), length - 3)]
                for window in windows {
                    let naive =
                        window.count >= lower.count
                        && (window.lowerBound...(window.upperBound - lower.count)).contains { s in
                            text[s..<(s + lower.count)].map(ByteView.lower) == lower
                        }
                    let found = text.withUnsafeBufferPointer { b in b.baseAddress.map { required.occurs(in: $0, window) } ?? false }
                    #expect(found == naive, "\(literal) in \(String(decoding: text, as: UTF8.self)) \(window)")
                }
            }
        }
    }

    @Test("every true positive of a rule holds the literals the table requires of it")
    func samplesHoldTheirLiterals() {
        for spec in SecretRuleTable.specs where !spec.required.isEmpty {
            for sample in spec.truePositives {
                let bytes = Array(sample.utf8)
                for literal in spec.required {
                    let found = bytes.withUnsafeBufferPointer { RequiredLiteral(literal).occurs(in: $0.baseAddress!, 0..<bytes.count) }
                    #expect(found, "\(spec.id): \(literal) not in \(sample)")
                }
            }
        }
        #expect(SecretRuleTable.specs.first { $0.id == "kubernetes-secret-yaml" }?.required == ["data:", "kind:"])
    }
}
