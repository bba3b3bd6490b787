import Testing
@testable import CallFlowCompiler

extension Expressions {
    @Suite struct TypeChecker {
        /// One error: its message and the text it underlines.
        static func single(_ text: String, inQueue: Bool = false) throws -> (message: String, underlined: String) {
            let errors = Expressions.typeErrors(text, inQueue: inQueue)
            try #require(errors.count == 1, "\(text) gave \(errors)")
            return (errors[0].message, Expressions.slice(text, errors[0].range))
        }

        @Test(arguments: [
            #"caller.tier == "vip""#,
            #"caller.tier != "gold" and caller.vip"#,
            #"caller.tier in ["gold", "vip"]"#,
            #"caller.tier not in ["standard"]"#,
            #""vip" == caller.tier"#,
            "caller.vip == true or not caller.vip",
            "account.balance < -10.5 or account.balance >= 100",
            "hold.time > 2m and hold.time <= 1h",
            "call.failures >= 3 and call.priority == 0",
            #"account.id == "42" and caller.number != call.dialed"#,
            #"starts_with(caller.number, "+49") or ends_with(account.id, "7") or contains(call.dialed, "800")"#,
            #"open("office") and not open("late-shift")"#,
            #"account.id in ["1", "2"] and account.balance in [1, 2] and hold.time in [1m, 2m] and caller.vip in [true]"#,
            "true",
            "caller.tier in []",
            #"caller.tier == account.id"#,
        ])
        func accepted(text: String) {
            #expect(Expressions.typeErrors(text).isEmpty, "\(Expressions.typeErrors(text))")
        }

        @Test func typedTreeKnowsItsVariables() throws {
            let typed = try ExpressionTypeChecker.check(#"caller.tier == "vip" and open("office") and hold.time > 1m"#,
                                                        in: Expressions.environment()).get()
            #expect(typed.variables == ["caller.tier", "hold.time"])
            #expect(typed.schedules == ["office"])
            #expect(typed.variableTypes == ["caller.tier": .enumeration(["standard", "gold", "vip"]), "hold.time": .duration])
            #expect(typed.type(of: typed.expression) == .bool)
            guard case .logical(_, _, let right) = typed.expression.kind, case .compare(_, let left, let literal) = right.kind else {
                Issue.record("unexpected tree")
                return
            }
            #expect(typed.type(of: left) == .duration)
            #expect(typed.type(of: literal) == .duration)
        }

        @Test func unknownVariableWithDidYouMean() throws {
            let (message, underlined) = try Self.single(#"caller.tierr == "vip""#)
            #expect(message == "unknown variable 'caller.tierr'; did you mean 'caller.tier'?")
            #expect(underlined == "caller.tierr")
            #expect(try Self.single("weather.sunny").message == "unknown variable 'weather.sunny'; declare it under 'context'")
        }

        @Test func enumValueWithDidYouMean() throws {
            let (message, underlined) = try Self.single(#"caller.tier == "vipp""#)
            #expect(message == #"'caller.tier' is never "vipp": its values are standard, gold, vip; did you mean 'vip'?"#)
            #expect(underlined == #""vipp""#)
            #expect(try Self.single(#""platinum" != caller.tier"#).message
                    == #"'caller.tier' is never "platinum": its values are standard, gold, vip"#)
            let list = try Self.single(#"caller.tier in ["gold", "silver"]"#)
            #expect(list.underlined == #""silver""#)
        }

        @Test func enumsWithDifferentValues() throws {
            let (message, underlined) = try Self.single("caller.tier == account.level")
            #expect(message == "cannot compare 'caller.tier' with 'account.level': their values differ")
            #expect(underlined == "account.level")
        }

        @Test func enumWithANumber() throws {
            let (message, underlined) = try Self.single("caller.tier == 1")
            #expect(message == "expected an enum [standard, gold, vip] to compare with 'caller.tier' ('=='), found the number 1, a number")
            #expect(underlined == "1")
        }

        @Test func stringComparedWithNumber() throws {
            let (message, underlined) = try Self.single("account.id == 42")
            #expect(message == "expected a string to compare with 'account.id' ('=='), found the number 42, a number")
            #expect(underlined == "42")
            #expect(try Self.single(#"account.balance != "0""#).underlined == #""0""#)
            #expect(try Self.single(#"account.balance in [1, "2"]"#).message
                    == #"expected a number to compare with 'account.balance' ('in'), found the string "2", a string"#)
        }

        @Test func durationComparedWithNumber() throws {
            let (message, underlined) = try Self.single("queue.wait > 300", inQueue: true)
            #expect(message == "expected a duration to compare with 'queue.wait' ('>'), found the number 300, a number; write a duration such as 5m or 90s")
            #expect(underlined == "300")
        }

        @Test func orderingOnBools() throws {
            let (message, underlined) = try Self.single("caller.vip < true")
            #expect(message == "expected a number or a duration for '<', found 'caller.vip', a bool; compare bools with == or !=")
            #expect(underlined == "caller.vip")
            #expect(try Self.single("account.balance >= false").underlined == "false")
        }

        @Test func orderingOnStringsAndEnums() throws {
            #expect(try Self.single(#"account.id < "5""#).message == "expected a number or a duration for '<', found 'account.id', a string")
            #expect(try Self.single(#"caller.tier >= "gold""#).underlined == "caller.tier")
        }

        @Test func queueVariablesOnlyInQueueRules() throws {
            #expect(Expressions.typeErrors("queue.wait > 5m and queue.depth > 3", inQueue: true).isEmpty)
            #expect(Expressions.typeErrors(#"queue.name == "tech""#, inQueue: true).isEmpty)
            let (message, underlined) = try Self.single("queue.wait > 5m")
            #expect(message == "'queue.wait' is only set while a call waits in a queue: use it in an escalation rule with 'at: queue'")
            #expect(underlined == "queue.wait")
            // Not suggested where they are not bound.
            #expect(try Self.single("queue.wat > 5m").message == "unknown variable 'queue.wat'; declare it under 'context'")
            #expect(try Self.single("queue.wat > 5m", inQueue: true).message == "unknown variable 'queue.wat'; did you mean 'queue.wait'?")
        }

        @Test func queueNameMustNameAQueue() throws {
            let (message, underlined) = try Self.single(#"queue.name == "tec""#, inQueue: true)
            #expect(message == #"'queue.name' is never "tec": no queue is named 'tec'; did you mean 'tech'?"#)
            #expect(underlined == #""tec""#)
        }

        @Test func unknownFunction() throws {
            let (message, underlined) = try Self.single(#"opne("office")"#)
            #expect(message == "unknown function 'opne'; did you mean 'open'?")
            #expect(underlined == "opne")
            #expect(try Self.single("weekday(1)").message == "unknown function 'weekday'; the functions are open, starts_with, ends_with, contains")
        }

        @Test func wrongArgumentCount() throws {
            let (message, underlined) = try Self.single("starts_with(caller.number)")
            #expect(message == "'starts_with' takes 2 arguments, found 1: starts_with(text: string, prefix: string) -> bool")
            #expect(underlined == "starts_with(caller.number)")
            #expect(try Self.single("open()").message == "'open' takes 1 argument, found 0: open(\"schedule\") -> bool")
        }

        @Test func wrongArgumentType() throws {
            let (message, underlined) = try Self.single(#"contains(account.balance, "1")"#)
            #expect(message == "expected a string as the first argument of 'contains', found 'account.balance', a number")
            #expect(underlined == "account.balance")
            #expect(try Self.single("ends_with(account.id, 7)").underlined == "7")
        }

        @Test func openNeedsADefinedSchedule() throws {
            let (message, underlined) = try Self.single(#"open("nope")"#)
            #expect(message == "no schedule is named 'nope'; define it under 'schedules'")
            #expect(underlined == #""nope""#)
            #expect(try Self.single(#"open("ofice")"#).message == "no schedule is named 'ofice'; did you mean 'office'?")
            #expect(try Self.single("open(account.id)").message
                    == "'open' takes a schedule's name in double quotes, such as open(\"office\"), not 'account.id'")
        }

        @Test func conditionMustBeABool() throws {
            let (message, underlined) = try Self.single("call.failures")
            #expect(message == "expected a condition (a bool), found 'call.failures', a number; compare it, as in call.failures > 0")
            #expect(underlined == "call.failures")
            #expect(try Self.single(#""yes""#).message == #"expected a condition (a bool), found the string "yes", a string"#)
            #expect(try Self.single("caller.tier").message
                    == #"expected a condition (a bool), found 'caller.tier', an enum [standard, gold, vip]; compare it, as in caller.tier == "standard""#)
        }

        @Test func logicalOperatorsNeedBools() throws {
            let (message, underlined) = try Self.single("caller.vip and account.id")
            #expect(message == #"expected a bool on each side of 'and', found 'account.id', a string; compare it, as in account.id == "text""#)
            #expect(underlined == "account.id")
            #expect(try Self.single("not hold.time").message == "expected a bool after 'not', found 'hold.time', a duration; compare it, as in hold.time > 2m")
        }

        @Test func everyErrorIsReportedWithoutCascades() {
            let errors = Expressions.typeErrors(#"nope.a == 1 and caller.tier == "x" or opn(nope.b) and 5"#)
            #expect(errors.map(\.message) == [
                "unknown variable 'nope.a'; declare it under 'context'",
                #"'caller.tier' is never "x": its values are standard, gold, vip"#,
                "unknown function 'opn'; did you mean 'open'?",
                "unknown variable 'nope.b'; declare it under 'context'",
                "expected a bool on each side of 'and', found the number 5, a number",
            ])
        }
    }
}
