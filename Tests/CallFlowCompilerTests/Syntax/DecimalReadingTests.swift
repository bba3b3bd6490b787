import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch cpu18): the core schema reads decimal numbers from their bytes
/// (`CoreSchema.decimal`) before the general integer reading; whatever it reads, `Int(text)`
/// (the general reading of a decimal) must read the same.
@Suite struct DecimalReadingTests {
    static let texts = [
        "", "-", "+", "0", "7", "-0", "+0", "007", "-12", "+12", "100", "123456789012345678", "-123456789012345678",
        "1234567890123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1_000", "1e3",
        "1.5", " 1", "1 ", "0x1F", "0o17", "--1", "+-1", "1-", "\u{663}", "12a", "a12", "\u{FF11}",
    ]

    /// The ones it must read itself (the test fails if it read nothing).
    static let readFast: Set<String> = [
        "0", "7", "-0", "+0", "007", "-12", "+12", "100", "123456789012345678", "-123456789012345678",
    ]

    @Test func decimalsAgreeWithIntParsing() {
        var fast: Set<String> = []
        for text in Self.texts {
            guard let value = CoreSchema.decimal(text) else { continue }
            fast.insert(text)
            #expect(value == Int(text), "\(text.debugDescription)")
        }
        #expect(fast == Self.readFast)
    }

    /// Through the whole typing: numbers the general route reads (long, hexadecimal, octal) stay
    /// as they were.
    @Test func theCoreSchemaStillTypesEveryNumber() {
        #expect(CoreSchema.resolve("42") == .int(42))
        #expect(CoreSchema.resolve("-007") == .int(-7))
        #expect(CoreSchema.resolve("9223372036854775807") == .int(Int.max))
        #expect(CoreSchema.resolve("0x1F") == .int(31))
        #expect(CoreSchema.resolve("0o17") == .int(15))
        #expect(CoreSchema.resolve("1.5") == .float(1.5))
        #expect(CoreSchema.resolve("99999999999999999999") == .float(1e20))
        #expect(CoreSchema.resolve("12a") == .string("12a"))
    }
}
