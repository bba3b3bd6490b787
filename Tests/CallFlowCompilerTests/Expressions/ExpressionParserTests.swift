import Testing
@testable import CallFlowCompiler

extension Expressions {
    @Suite struct Parser {
        static let samples = [
            #"caller.tier == "vip""#,
            "not a and b or c",
            "a or b and c",
            "(a or b) and c",
            "a and (b or c)",
            "a or (b or c)",
            "(a and b) and c",
            "not (a and b)",
            "not not a",
            "not a == b",
            "(not a) == b",
            "(a == b) == c",
            "queue.wait > 1m30s and queue.depth >= 10",
            #"caller.tier in ["gold", "vip"] or caller.tier not in []"#,
            #"starts_with(caller.number, "+49") and not contains(account.id, "\"x\\")"#,
            #"open("office") and call.failures != -2.5"#,
            "x in [true, false, 1, 5m, \"s\"]",
            "open((a))",
            "true",
            "f()",
            "(x) in [1]",
        ]

        /// Parse, print canonically, parse again: the same tree, and printing is stable.
        @Test(arguments: samples)
        func roundTrip(text: String) throws {
            let first = try Expressions.parse(text)
            let printed = ExpressionPrinter.print(first)
            let second = try Expressions.parse(printed)
            #expect(second.withoutRanges == first.withoutRanges, "\(text) printed as \(printed)")
            #expect(ExpressionPrinter.print(second) == printed)
        }

        @Test func canonicalSpacing() throws {
            #expect(ExpressionPrinter.print(try Expressions.parse("((a==b))and(not(c))or x  in[1 ,2]")) == "a == b and not c or x in [1, 2]")
            #expect(ExpressionPrinter.print(try Expressions.parse("a or (b or c)")) == "a or (b or c)")
            #expect(ExpressionPrinter.print(try Expressions.parse("(a or b) or c")) == "a or b or c")
        }

        @Test func precedenceOfNotAndOr() throws {
            let tree = try Expressions.parse("not a and b or c")
            let a = Expression(.variable("a"), 0..<0), b = Expression(.variable("b"), 0..<0), c = Expression(.variable("c"), 0..<0)
            let expected = Expression(.logical(.or, Expression(.logical(.and, Expression(.not(a), 0..<0), b), 0..<0), c), 0..<0)
            #expect(tree.withoutRanges == expected)
            #expect(tree.range == 0..<16)
        }

        @Test func notBindsLooserThanComparison() throws {
            let tree = try Expressions.parse("not a == b")
            guard case .not(let inner) = tree.kind, case .compare(.equal, _, _) = inner.kind else {
                Issue.record("expected not (a == b), got \(tree)")
                return
            }
        }

        @Test func andAndOrAreLeftAssociative() throws {
            let tree = try Expressions.parse("a or b or c")
            guard case .logical(.or, let left, let right) = tree.kind, case .logical(.or, _, _) = left.kind,
                  case .variable("c") = right.kind else {
                Issue.record("expected (a or b) or c")
                return
            }
        }

        @Test func rangesCoverEachNode() throws {
            let text = #"not (caller.tier in ["a", "b"]) and open("x")"#
            let tree = try Expressions.parse(text)
            #expect(tree.range == 0..<text.unicodeScalars.count)
            guard case .logical(.and, let left, let right) = tree.kind, case .not(let group) = left.kind,
                  case .call("open", let nameRange, let arguments) = right.kind,
                  case .membership(let value, false, let list) = group.kind else {
                Issue.record("unexpected tree")
                return
            }
            #expect(Expressions.slice(text, left.range) == #"not (caller.tier in ["a", "b"])"#)
            #expect(Expressions.slice(text, group.range) == #"(caller.tier in ["a", "b"])"#)
            #expect(Expressions.slice(text, value.range) == "caller.tier")
            #expect(list.map { Expressions.slice(text, $0.range) } == [#""a""#, #""b""#])
            #expect(Expressions.slice(text, right.range) == #"open("x")"#)
            #expect(Expressions.slice(text, nameRange) == "open")
            #expect(Expressions.slice(text, arguments[0].range) == #""x""#)
        }

        @Test(arguments: [
            ("", "the condition is empty; write one such as caller.tier == \"vip\"", ""),
            ("a and", "expected a value, a variable, a function call or '(', found the end of the condition", ""),
            ("a b", "expected 'and', 'or' or the end of the condition, found 'b'", "b"),
            ("a < b < c", "comparisons cannot be chained; join them with 'and', as in a < b and b < c, not '<' after a comparison", "<"),
            ("(a == b", "expected ')' to close the '(', found the end of the condition", ""),
            ("a == b)", "this ')' closes no '('", ")"),
            ("x in 1", "expected a list such as [\"a\", \"b\"] after 'in', found the number 1", "1"),
            ("x in [y]", "a list holds literals only (strings, numbers, durations, true, false), found 'y'", "y"),
            ("x in [1 2]", "expected ',' or ']' in the list, found the number 2", "2"),
            ("x in [1,]", "a list holds literals only (strings, numbers, durations, true, false), found ']'", "]"),
            ("x not == 1", "expected 'in' after 'not' here (as in x not in [\"a\", \"b\"]), found '=='", "=="),
            ("f(a b)", "expected ',' or ')' in the arguments of 'f', found 'b'", "b"),
            ("f(a == b, c)", "expected ',' or ')' in the arguments of 'f', found '=='", "=="),
            ("and a", "expected a value, a variable, a function call or '(', found 'and'", "and"),
            ("a == == b", "expected a value, a variable, a function call or '(', found '=='", "=="),
        ])
        func syntaxErrors(text: String, message: String, underlined: String) throws {
            let error = try #require(Expressions.syntaxError(text), "\(text) should not parse")
            #expect(error.message == message)
            #expect(Expressions.slice(text, error.range) == underlined)
        }

        @Test func nestingIsBounded() {
            let deep = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
            #expect(Expressions.syntaxError(deep)?.message == "the condition nests deeper than 64 levels")
            let nots = String(repeating: "not ", count: 100) + "a"
            #expect(Expressions.syntaxError(nots)?.message == "the condition nests deeper than 64 levels")
            #expect(Expressions.syntaxError(String(repeating: "(", count: 60) + "a" + String(repeating: ")", count: 60)) == nil)
        }
    }
}
