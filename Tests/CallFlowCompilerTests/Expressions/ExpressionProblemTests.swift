import Testing
@testable import CallFlowCompiler

extension Expressions {
    /// Issue 10, item 7: an expression error is a case; the tests that compare messages prove the
    /// cases say what the strings said.
    @Suite struct ExpressionProblemTests {
        @Test func syntaxErrorsAreCases() throws {
            #expect(try #require(syntaxError("caller.tier = \"vip\"")).problem == .assignmentOperator)
            #expect(try #require(syntaxError("caller.number == +15125550100")).problem == .unquotedPhoneNumber("+15125550100"))
            #expect(try #require(syntaxError("caller.vip & caller.vip")).problem == .unexpectedCharacter("&"))
            #expect(try #require(syntaxError("")).problem == .empty)
            #expect(try #require(syntaxError("(caller.vip")).problem
                    == .unclosedParenthesis(found: ExpressionToken(.end, 11..<11)))
            #expect(try #require(syntaxError("a < b < c")).problem == .chainedComparison(.less))
        }

        @Test func typeErrorsAreCases() {
            #expect(typeErrors("caller.teir == \"vip\"").map(\.problem)
                    == [.unknownVariable("caller.teir", hint: "; did you mean 'caller.tier'?")])
            #expect(typeErrors("queue.wait > 5m").map(\.problem) == [.queueVariableOutsideQueue("queue.wait")])
            #expect(typeErrors("open(\"ofice\")").map(\.problem) == [.unknownSchedule("ofice", hint: "; did you mean 'office'?")])
            #expect(typeErrors("account.balance").map(\.problem)
                    == [.notACondition(found: "'account.balance'", .number, hint: "; compare it, as in account.balance > 0")])
        }

        @Test func theMessagesAreTheCasesWords() {
            #expect(ExpressionProblem.unexpectedCharacter("|").message == "unexpected character '|'; write 'or'")
            #expect(ExpressionProblem.unknownVariable("x", hint: "").message == "unknown variable 'x'; declare it under 'context'")
            #expect(ExpressionProblem.unknownFunction("f", hint: "", functions: ["open", "contains"]).message
                    == "unknown function 'f'; the functions are open, contains")
            #expect(ExpressionProblem.argumentCount(function: "open", takes: 1, found: 2, signature: "open(schedule)").message
                    == "'open' takes 1 argument, found 2: open(schedule)")
        }
    }
}
