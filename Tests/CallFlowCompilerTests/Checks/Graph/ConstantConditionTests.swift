import Testing
@testable import CallFlowCompiler

@Suite struct ConstantConditionTests {
    static func constant(_ cases: [String]) -> [Diagnostic] {
        lint(RuleFlow.switchFlow(cases)).with("constant-condition")
    }

    static func constantRules(_ rules: [(String, String, String?)]) -> [Diagnostic] {
        lint(RuleFlow.rulesFlow(rules)).with("constant-condition")
    }

    @Test func alwaysTrueCaseMakesLaterCasesAndElseDead() throws {
        let found = Self.constant([#"caller.tier != "gold" or caller.tier != "vip""#, "caller.emergency", "account.balance > 3"])
        #expect(found.count == 1, "\(found.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(RuleFlow.caseLine(0), 13))
        #expect(finding.range.end == at(RuleFlow.caseLine(0), 60))
        #expect(finding.message.hasPrefix("the condition of case 'caller.tier != \"gold\" or caller.tier != \"vip\"' of switch 'route' is always true"))
        #expect(finding.notes.map(\.message) == ["so the 2 later cases, from case 'caller.emergency', are never taken",
                                                 "so 'else' is never taken"])
        #expect(finding.notes.map { $0.range?.start } == [at(RuleFlow.caseLine(1), 13), at(RuleFlow.caseLine(3), 5)])
    }

    @Test func alwaysFalseCase() throws {
        let found = Self.constant(["caller.emergency", "account.balance > 100 and account.balance < 50"])
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.range.start == at(RuleFlow.caseLine(1), 13))
        #expect(finding.message == "the condition of case 'account.balance > 100 and account.balance < 50' of switch 'route' is always false: no call takes this case; correct the condition or remove the case")
        #expect(finding.notes.isEmpty)
    }

    @Test func conditionsThatDependOnTheCallAreNotConstant() {
        #expect(Self.constant(["caller.emergency", #"caller.tier in ["gold", "vip"]"#, "account.balance >= 0",
                               "account.age > 0s", #"caller.language != """#]).isEmpty)
    }

    @Test func literalsAndTautologiesOfEachType() {
        #expect(Self.constant(["true"]).count == 1)
        #expect(Self.constant(["false"]).count == 1)
        #expect(Self.constant(["1 < 2"]).count == 1)
        #expect(Self.constant(["account.age >= 0s"]).count == 1)              // no duration is negative
        #expect(Self.constant(["account.age < 0s"]).count == 1)
        #expect(Self.constant([#"caller.tier in ["standard", "gold", "vip"]"#]).count == 1)
        #expect(Self.constant([#"caller.language == "a" and caller.language == "b""#]).count == 1)
        #expect(Self.constant(["account.balance <= 3 or account.balance > 3"]).count == 1)
        #expect(Self.constant(["account.balance < 3 or account.balance > 3"]).isEmpty)
        #expect(Self.constant(["caller.emergency == (not caller.emergency)"]).count == 1)
    }

    @Test func functionCallsAndVariablePairsAreNotJudged() {
        #expect(Self.constant([#"open("office") or true"#]).isEmpty)
        #expect(Self.constant([#"contains(caller.language, "") and false"#]).isEmpty)
        #expect(Self.constant(["account.balance == account.balance"]).isEmpty)
    }

    @Test func literalTrueOnAStartRuleIsReported() throws {
        let found = Self.constantRules([("everyone", "start", "true"), ("vip", "start", #"caller.tier == "vip""#)])
        #expect(found.count == 1, "\(found.dump)")
        let finding = try #require(found.first)
        #expect(finding.range.start == at(RuleFlow.ruleLine(0) + 2, 11))
        #expect(finding.message == "the 'when' of rule 'everyone' (at: start) is always true: the rule fires for every call, before the start node; correct the condition, or remove the rule and make its 'goto' the flow's 'start'")
        #expect(finding.notes.map(\.message) == ["so the later rule 'vip' never fires"])
        #expect(finding.notes.map { $0.range?.start } == [at(RuleFlow.ruleLine(1), 11)])
    }

    @Test func requestRules() {
        // Without `when` a request rule is not a condition.
        #expect(Self.constantRules([("any", "request", nil)]).isEmpty)
        let written = Self.constantRules([("any", "request", "true")])
        #expect(written.first?.message.hasSuffix("or leave 'when' out (a request rule without it always fires)") == true)
    }

    @Test func alwaysFalseAndAlwaysTrueRules() {
        let found = Self.constantRules([("never", "failure", "call.failures > 3 and call.failures < 2"),
                                        ("first", "failure", "call.failures >= 1 or call.failures < 1"),
                                        ("later", "failure", "call.failures > 5"),
                                        ("queued", "queue", "queue.wait >= 0s")])
        #expect(found.map(\.range.start.line) == [RuleFlow.ruleLine(0) + 2, RuleFlow.ruleLine(1) + 2, RuleFlow.ruleLine(3) + 2],
                "\(found.dump)")
        #expect(found[0].message.contains("is always false: the rule never fires"))
        #expect(found[1].message.contains("at the first no-input or no-match"))
        #expect(found[1].notes.map(\.message) == ["so the later rule 'later' never fires"])
        #expect(found[2].message.contains("as soon as a queued call's wait is reported"))
    }
}
