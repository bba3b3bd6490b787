import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// Issue 17's faster paths answer exactly as the general ones they stand in for: each test
/// computes the general answer independently and compares.
@Suite struct FastPathAgreementTests {
    /// `FirstHolding.analyse` by the general route: every assignment of the domain through a
    /// dictionary of names, fixed variables on top, `DecidedCondition.holds(under:)`.
    static func referenceFirstHolding(_ conditions: [TypedExpression?], fixed: [String: ConditionValue] = [:]) -> FirstHolding {
        let decided = conditions.map { condition -> DecidedCondition? in
            guard let condition, ConditionDomain.isDecidable(condition) else { return nil }
            return DecidedCondition(condition)
        }
        var cut = ConditionDomain.Cut()
        for condition in conditions.compactMap({ $0 }) where ConditionDomain.isDecidable(condition) { cut.add(condition) }
        for name in fixed.keys where cut.types[name] != nil {
            cut.types[name] = .enumeration(["fixed"])
            cut.literals[name] = nil
        }
        var canWin = [Bool](repeating: false, count: conditions.count)
        var canFallThrough = false
        let evaluator = CallFlowRuntime.ConditionEvaluator()
        ConditionDomain(cut).forEachAssignment { cutAssignment in
            var assignment = cutAssignment
            for (name, value) in fixed { assignment[name] = value }
            for index in conditions.indices {
                guard let condition = decided[index] else { canWin[index] = true; continue }
                if condition.holds(under: assignment, evaluator) { canWin[index] = true; return }
            }
            canFallThrough = true
        }
        return FirstHolding(canWin: canWin, canFallThrough: canFallThrough)
    }

    @Test(arguments: [
        ["n > 3 and e in [\"x\", \"y\"]"],
        ["n > 3", "n > 1", "n <= 1"],
        ["b", "not b"],
        ["s == \"a\"", "s == \"a\" or e == \"z\"", "d > 5m"],
        ["n > 3", "open(\"office\")", "n < 10"],
        ["open(\"office\")"],
        ["n > m", "e == f"],
        ["t == \"q\" and n >= 2 and n < 7", "b and e != \"x\"", "n == 5"],
        ["true", "n > 1"],
        ["false"],
    ])
    func firstHoldingAgreesWithTheDictionaryRoute(_ texts: [String]) throws {
        let conditions = try texts.map { Optional(try ConditionDomainTests.typed($0)) }
        let fast = FirstHolding.analyse(conditions)
        #expect(fast == Self.referenceFirstHolding(conditions))
        // A condition that did not check (nil) can win and stops nothing.
        let withBroken = conditions + [nil]
        #expect(FirstHolding.analyse(withBroken) == Self.referenceFirstHolding(withBroken))
    }

    @Test func firstHoldingAgreesWithFixedVariables() throws {
        let conditions = try ["n >= 2", "n == 1 and b", "e == \"y\""].map { Optional(try ConditionDomainTests.typed($0)) }
        for count in [1.0, 2.0, 3.0] {
            let fixed: [String: ConditionValue] = ["n": .number(count)]
            #expect(FirstHolding.analyse(conditions, fixed: fixed) == Self.referenceFirstHolding(conditions, fixed: fixed))
        }
        // A fixed variable no condition reads changes nothing.
        let unread: [String: ConditionValue] = ["call.failures": .number(2)]
        #expect(FirstHolding.analyse(conditions, fixed: unread) == Self.referenceFirstHolding(conditions, fixed: unread))
        // The answers differ between counts, so the fixed value is really used.
        #expect(FirstHolding.analyse(conditions, fixed: ["n": .number(1)]) != FirstHolding.analyse(conditions, fixed: ["n": .number(2)]))
    }

    @Test(arguments: [
        "For sales press 1. For support press 2, or press star to repeat.",
        "Press 1, 2 or 3; dial #9 / *0 now!",
        "press\tONE\r\nor\u{0B}two\u{0C}three",
        "Menu 12. For more options press 2",
        "",
        "  ",
        "42",
    ])
    func asciiPromptWordsAgreeWithTheScalarLoop(_ prompt: String) {
        let fast = PromptWords(prompt)
        // A non-ASCII word at the end sends the same prompt through the scalar loop.
        let general = PromptWords(prompt + " é")
        #expect(PromptWords.asciiTokens(prompt) != nil)
        #expect(PromptWords.asciiTokens(prompt + " é") == nil)
        #expect(general.tokens.last == "é")
        #expect(fast.tokens == Array(general.tokens.dropLast()))
        #expect(fast.offsets == Array(general.offsets.dropLast()))
        #expect(fast.instructedKeys == general.instructedKeys)
        #expect(fast.mentionedKeys == general.mentionedKeys)
    }

    @Test func oneDigitKeysAreToldByTheirByte() {
        #expect(PromptWords.key("7") == "7")
        #expect(PromptWords.key("0") == "0")
        #expect(PromptWords.key("12") == nil)
        #expect(PromptWords.key("a") == nil)
        #expect(PromptWords.key("٣") == nil) // an Arabic-Indic digit is not a telephone key
        #expect(PromptWords.key("star") == "*")
    }

    @Test(arguments: ["billing-system", "billing system", "tab\there", "line\nfeed", "v\u{0B}t", "f\u{0C}f", "cr\r",
                      "\u{1C}sep", "nbsp\u{00A0}x", "ideographic\u{3000}x", "é-system", "crlf\r\n"])
    func whitespaceAgreesWithCharacters(_ text: String) {
        #expect(FlowDecoder.hasWhitespace(text) == text.contains(where: \.isWhitespace))
    }

    @Test func bracesAreFoundInAnyText() {
        #expect(PromptTemplate.hasBrace("Hello {caller.name}"))
        #expect(PromptTemplate.hasBrace("a }"))
        #expect(PromptTemplate.hasBrace("ünïcode {x}"))
        #expect(!PromptTemplate.hasBrace("Hello, welcome."))
        #expect(!PromptTemplate.hasBrace(""))
    }

    /// The vector scan agrees with the general one at every length and position, small strings
    /// (stored inline) and long ones, a brace first, last, or past a 16-, 32- or 64-byte block.
    @Test(arguments: [1, 2, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 200])
    func braceScanAgreesWithUTF8Contains(_ length: Int) {
        let plain = String(repeating: "é", count: length / 2) + String(repeating: "a", count: length % 2)
        #expect(PromptTemplate.hasBrace(plain) == false)
        for brace in ["{", "}"] {
            for position in [0, length / 2, length] {
                var text = plain
                text.insert(contentsOf: brace, at: text.index(text.startIndex, offsetBy: min(position, text.count)))
                #expect(PromptTemplate.hasBrace(text) == text.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") })
                #expect(PromptTemplate.hasBrace(text), "\(brace) at \(position) of \(text)")
            }
        }
    }
}
