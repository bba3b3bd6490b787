import Testing
@testable import CallFlowCompiler

extension Expressions {
    /// Issue 18: printed numbers parse back to the same value (no exponent form, which the
    /// parser rejects), however large or small.
    @Suite struct NumberPrinting {
        static let values: [Double] = [
            0, 1, -1, 2.5, 0.1, 1e14, 999_999_999_999_999, 1e15, -1e15, 1e16, 123_456_789_012_345_680,
            2.222222222222222e+34, 1.7976931348623157e308, -1.7976931348623157e308, 1e-5, 1.5e-7,
            Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 9_007_199_254_740_992, 1234.5678e20,
        ]

        @Test(arguments: values)
        func roundTrip(value: Double) throws {
            let text = ExpressionPrinter.number(value)
            #expect(!text.contains("e") && !text.contains("E"), "\(text)")
            let parsed = try Expressions.parse("x == \(text)")
            guard case .compare(_, _, let right) = parsed.kind, case .literal(.number(let back)) = right.kind else {
                Issue.record("\(text) did not parse as a number")
                return
            }
            #expect(back == value, "\(value) printed as \(text)")
            #expect(ExpressionPrinter.print(parsed) == "x == \(text)")
        }

        @Test func theIssuesExampleAndMessages() throws {
            #expect(ExpressionPrinter.number(2.222222222222222e+34) == "22222222222222220000000000000000000")
            #expect(ExpressionPrinter.number(1e15) == "1000000000000000")
            #expect(ExpressionPrinter.number(1e-5) == "0.00001")
            #expect(ExpressionPrinter.number(-2.5e-3) == "-0.0025")
            // A default value is shown the same way.
            #expect(LiteralValue.number(1e20).description == "100000000000000000000")
        }
    }
}
