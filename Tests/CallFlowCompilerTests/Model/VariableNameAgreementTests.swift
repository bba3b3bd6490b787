import Testing
@testable import CallFlowCompiler

/// `Lexical.isVariableName` reads bytes in one pass (issue 17, branch stream17); it must answer as
/// the general route it replaced: split at dots (characters), every part an identifier.
@Suite struct VariableNameAgreementTests {
    static func reference(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { Lexical.isIdentifier(String($0)) }
    }

    @Test(arguments: [
        "", ".", "..", "a", "a.", ".a", "a..b", "caller.tier", "account.balance", "a.b.c", "a-b_c9.d0",
        "A.b", "a.B", "9a", "a.9", "a b", "a.b ", "café.x", "a.\u{301}b", "a\u{301}.b", "a.\u{0}",
        "é", "a.-", "a-.b", "x.y-z_1.w", "a\r\n.b", "caller.tier.", "_a",
    ])
    func sameAnswerAsSplittingAtDots(text: String) {
        #expect(Lexical.isVariableName(text) == Self.reference(text), "\(text.debugDescription)")
    }

    @Test func sameAnswerOnEveryShortTextOfItsAlphabet() {
        let alphabet = ["a", "z", "0", "_", "-", ".", "A", " ", "é", "\u{301}"]
        var texts = [""]
        for _ in 0..<4 { texts = texts + texts.flatMap { t in alphabet.map { t + $0 } }.filter { $0.unicodeScalars.count <= 4 } }
        for text in Set(texts) {
            #expect(Lexical.isVariableName(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
