import Testing
@testable import CallFlowCompiler

@Suite struct ShadowedCaseTests {
    /// The shadowed-case findings of a switch over `cases`.
    static func shadowed(_ cases: [String]) -> [Diagnostic] {
        lint(RuleFlow.switchFlow(cases)).with("shadowed-case")
    }

    static func shadowedRules(_ rules: [(String, String, String?)]) -> [Diagnostic] {
        lint(RuleFlow.rulesFlow(rules)).with("shadowed-case")
    }

    // MARK: Numbers

    @Test func narrowNumberAfterBroadIsShadowed() throws {
        let found = Self.shadowed(["account.balance >= 50", "account.balance > 100"])
        #expect(found.count == 1, "\(found.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(RuleFlow.caseLine(1), 13))
        #expect(finding.message == "case 'account.balance > 100' of switch 'route' is never taken: an earlier case holds whenever it does; move it up or remove it")
        #expect(finding.notes.map(\.message) == ["covered by the earlier case 'account.balance >= 50'"])
        #expect(finding.notes.map { $0.range?.start } == [at(RuleFlow.caseLine(0), 13)])
    }

    @Test func broadNumberAfterNarrowIsNotShadowed() {
        #expect(Self.shadowed(["account.balance > 100", "account.balance >= 50"]).isEmpty)
    }

    @Test func numberIntervalsAreCutAtTheLiteralsAndBetween() {
        // 50 itself is only covered by the second case, not by `> 50`.
        #expect(Self.shadowed(["account.balance > 50", "account.balance >= 50"]).isEmpty)
        #expect(Self.shadowed(["account.balance > 50", "account.balance == 50", "account.balance >= 50"]).map(\.range.start.line)
                == [RuleFlow.caseLine(2)])
        // Numbers may be fractional: between 1 and 2 there is 1.5.
        #expect(Self.shadowed(["account.balance <= 1", "account.balance >= 2", "account.balance < 3"]).isEmpty)
        #expect(Self.shadowed(["account.balance < 1.5", "account.balance >= 1.5", "account.balance != -3"]).count == 1)
    }

    @Test func negationsOfComparisonsAreExact() {
        #expect(Self.shadowed(["account.balance != 10", "account.balance < 3"]).count == 1)
        #expect(Self.shadowed(["account.balance != 10", "account.balance == 10"]).isEmpty)
        #expect(Self.shadowed(["not (account.balance < 0)", "account.balance > 7"]).count == 1)
        #expect(Self.shadowed(["account.balance not in [1, 2]", "account.balance > 2"]).count == 1)
        #expect(Self.shadowed(["account.balance not in [1, 2]", "account.balance >= 2"]).isEmpty)
    }

    // MARK: Enums, bools, strings

    @Test func enumValuesCoveredOneByOne() throws {
        let found = Self.shadowed([#"caller.tier == "gold""#, #"caller.tier == "vip""#, #"caller.tier in ["gold", "vip"]"#])
        #expect(found.count == 1, "\(found.dump)")
        let finding = try #require(found.first)
        #expect(finding.range.start == at(RuleFlow.caseLine(2), 13))
        #expect(finding.message.hasPrefix("case 'caller.tier in [\"gold\", \"vip\"]' of switch 'route' is never taken: earlier cases hold"))
        #expect(finding.notes.map(\.message) == ["covered by the earlier case 'caller.tier == \"gold\"'",
                                                 "covered by the earlier case 'caller.tier == \"vip\"'"])
        #expect(finding.notes.map { $0.range?.start } == [at(RuleFlow.caseLine(0), 13), at(RuleFlow.caseLine(1), 13)])
    }

    @Test func enumValueLeftUncoveredIsNotShadowed() {
        #expect(Self.shadowed([#"caller.tier == "gold""#, #"caller.tier != "standard""#]).isEmpty)
        #expect(Self.shadowed([#"caller.tier == "gold""#, #"caller.tier == "vip""#, #"caller.tier != "standard""#]).count == 1)
    }

    @Test func boolAndItsNegationCoverEverything() throws {
        let found = Self.shadowed(["caller.emergency", "not caller.emergency", "account.balance > 5"])
        #expect(found.map(\.range.start.line) == [RuleFlow.caseLine(2)], "\(found.dump)")
        #expect(found.first?.notes.count == 2)
        #expect(Self.shadowed(["caller.emergency == true", "caller.emergency != false"]).count == 1)
        #expect(Self.shadowed(["caller.emergency", "caller.emergency in [false]"]).isEmpty)
    }

    @Test func stringsCompareByEquality() {
        #expect(Self.shadowed([#"caller.language == "de""#, #"caller.language in ["de"]"#]).count == 1)
        #expect(Self.shadowed([#"caller.language != "de""#, #"caller.language == "fr""#]).count == 1)
        // Some other string than "de" and "fr" reaches the third case.
        #expect(Self.shadowed([#"caller.language == "de""#, #"caller.language == "fr""#, #"caller.language != "de""#]).isEmpty)
        #expect(Self.shadowed([#"caller.language == "de""#, #"caller.language != "de""#, #"caller.language == "en""#]).count == 1)
    }

    @Test func andOrCombinations() {
        #expect(Self.shadowed([#"caller.emergency or caller.tier == "vip""#, #"caller.tier == "vip" and account.balance > 10"#]).count == 1)
        #expect(Self.shadowed([#"caller.emergency and caller.tier == "vip""#, #"caller.tier == "vip""#]).isEmpty)
        // Split on a second variable: both halves together cover the third case.
        #expect(Self.shadowed(["account.balance > 10 and caller.emergency", "account.balance > 10 and not caller.emergency",
                               "account.balance >= 11"]).count == 1)
        #expect(Self.shadowed(["account.balance > 10 and caller.emergency", "account.balance > 10 and not caller.emergency",
                               "account.balance >= 10"]).isEmpty)
    }

    @Test func theNotesNameTheCasesThatCoverNotEveryEarlierOne() throws {
        let found = Self.shadowed([#"caller.tier == "gold""#, "account.balance > 0", "account.balance >= 0 or account.balance < 0",
                                   "account.balance > 100"])
        let last = try #require(found.first { $0.range.start.line == RuleFlow.caseLine(3) }, "\(found.dump)")
        #expect(last.notes.map(\.message) == ["covered by the earlier case 'account.balance > 0'"])
    }

    @Test func twoBoolOrEnumVariablesCompareExactly() {
        // Two bools or two enums have few values each: comparing them is decided.
        let yaml = RuleFlow.switchFlow(["caller.emergency == caller.vip", "caller.emergency != caller.vip", "caller.vip"])
            .replacingOccurrences(of: "  caller.emergency: bool\n", with: "  caller.emergency: bool\n  caller.vip: bool\n")
        #expect(lint(yaml).with("shadowed-case").map(\.range.start.line) == [RuleFlow.caseLine(2) + 1])
    }

    @Test func functionCallsAreLeftOut() {
        #expect(Self.shadowed([#"open("office")"#, #"open("office")"#]).isEmpty)
        #expect(Self.shadowed([#"open("office") or true"#, "caller.emergency"]).isEmpty)
        #expect(Self.shadowed(["caller.emergency", #"caller.emergency and open("office")"#]).isEmpty)
        #expect(Self.shadowed([#"starts_with(caller.language, "d")"#, #"caller.language == "de""#]).isEmpty)
        // A left-out case between two decided ones does not stop the later from being decided.
        #expect(Self.shadowed(["caller.emergency", #"open("office")"#, "caller.emergency"]).count == 1)
    }

    @Test func twoNumberOrStringVariablesAreLeftOut() {
        let yaml = RuleFlow.switchFlow(["account.balance > call.priority", "account.balance > call.priority"])
        #expect(lint(yaml).with("shadowed-case").isEmpty)
        #expect(Self.shadowed(["caller.language == caller.number", "caller.language == caller.number"]).isEmpty)
        #expect(Self.shadowed([#"caller.tier == caller.language"#, #"caller.tier == caller.language"#]).isEmpty)
    }

    @Test func durationsAreWholeSecondsFromZero() {
        // Between 4s and 5s there is no whole second: `< 5s` and `> 4s` cover everything.
        #expect(Self.shadowed(["account.age <= 4s", "account.age >= 5s", "account.age == 1h"]).count == 1)
        #expect(Self.shadowed(["account.age <= 4s", "account.age >= 6s", "account.age == 1h"]).count == 1)
        #expect(Self.shadowed(["account.age <= 4s", "account.age >= 6s", "account.age > 4s"]).isEmpty)
        // No duration is below 0s.
        #expect(Self.shadowed(["account.age >= 0s", "account.age < 1m"]).count == 1)
    }

    @Test func neverTrueCaseIsNotShadowedButConstant() {
        let findings = lint(RuleFlow.switchFlow(["caller.emergency", "account.balance > 5 and account.balance < 3"]))
        #expect(findings.with("shadowed-case").isEmpty)
        #expect(findings.with("constant-condition").count == 1)
    }

    // MARK: Rules

    @Test func queueRulesOnDurations() throws {
        let found = Self.shadowedRules([("long", "queue", "queue.wait > 5m"), ("longer", "queue", "queue.wait > 10m")])
        #expect(found.count == 1, "\(found.dump)")
        let finding = try #require(found.first)
        #expect(finding.range.start == at(RuleFlow.ruleLine(1), 11))
        #expect(finding.message == "rule 'longer' never fires: an earlier 'at: queue' rule fires whenever its condition holds; move it up or remove it")
        #expect(finding.notes.map(\.message) == ["covered by the earlier rule 'long'"])
        #expect(finding.notes.map { $0.range?.start } == [at(RuleFlow.ruleLine(0), 11)])
        #expect(Self.shadowedRules([("longer", "queue", "queue.wait > 10m"), ("long", "queue", "queue.wait > 5m")]).isEmpty)
    }

    @Test func queueNamesAreStrings() {
        #expect(Self.shadowedRules([("a", "queue", #"queue.name == "support""#), ("b", "queue", #"queue.name != "billing""#)]).isEmpty)
        #expect(Self.shadowedRules([("a", "queue", #"queue.name != "billing""#),
                                    ("b", "queue", #"queue.name == "support" and queue.depth > 3"#)]).count == 1)
    }

    @Test func rulesWithDifferentAtAreNotCompared() {
        #expect(Self.shadowedRules([("a", "start", "caller.emergency"), ("b", "failure", "caller.emergency"),
                                    ("c", "queue", "caller.emergency")]).isEmpty)
        #expect(Self.shadowedRules([("a", "start", "caller.emergency"), ("b", "failure", "caller.emergency"),
                                    ("c", "start", "caller.emergency")]).map(\.range.start.line) == [RuleFlow.ruleLine(2)])
    }

    @Test func requestRuleWithoutWhenCoversLaterRequestRules() throws {
        let found = Self.shadowedRules([("any", "request", nil), ("vip", "request", #"caller.tier == "vip""#)])
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.range.start == at(RuleFlow.ruleLine(1) - 1, 11))
        #expect(finding.notes.map(\.message) == ["covered by the earlier rule 'any', which has no 'when' and so always fires"])
        // A rule without `when` is never left out, but it can be shadowed too.
        #expect(Self.shadowedRules([("a", "request", nil), ("b", "request", nil)]).first?.message
                == "rule 'b' never fires: an earlier 'at: request' rule fires every time it would (it has no 'when'); move it up or remove it")
        #expect(Self.shadowedRules([("vip", "request", #"caller.tier == "vip""#), ("any", "request", nil)]).isEmpty)
    }

    // MARK: The bound

    @Test func combinationsBeyondTheLimitAreNotDecided() {
        // 14 bools: the first 12 cases make 4096 combinations, the 13th would make 8192.
        let names = (1...14).map { "flag\($0)" }
        var cases = names.map { "flags.\($0)" }
        cases.append("flags.flag1")            // shadowed, but beyond the bound
        var yaml = RuleFlow.switchFlow(cases)
        yaml = yaml.replacingOccurrences(of: "context:\n", with: "context:\n" + names.map { "  flags.\($0): bool\n" }.joined())
        let findings = lint(yaml)
        #expect(findings.with("shadowed-case").isEmpty, "\(findings.with("shadowed-case").dump)")
        // Within the bound the same shape is found.
        let small = Array(names.prefix(11))
        var within = small.map { "flags.\($0)" }
        within.append("flags.flag1")
        let smallYaml = RuleFlow.switchFlow(within)
            .replacingOccurrences(of: "context:\n", with: "context:\n" + small.map { "  flags.\($0): bool\n" }.joined())
        #expect(lint(smallYaml).with("shadowed-case").count == 1)
    }

    /// The paths' analysis of the whole switch gives up past the bound (every case "can win");
    /// the shadowing of the cases within it is still found (issue 17: the check skips only a
    /// switch whose every case was shown to win).
    @Test func aShadowedCaseWithinTheBoundIsFoundWhenTheSwitchPassesIt() throws {
        let names = (1...14).map { "flag\($0)" }
        let cases = ["flags.flag1", "flags.flag1"] + names.dropFirst().map { "flags.\($0)" }
        let yaml = RuleFlow.switchFlow(cases)
            .replacingOccurrences(of: "context:\n", with: "context:\n" + names.map { "  flags.\($0): bool\n" }.joined())
        let found = lint(yaml).with("shadowed-case")
        // The second case, moved down by the 14 context lines added above it.
        #expect(found.map(\.range.start.line) == [RuleFlow.caseLine(1) + names.count], "\(found.dump)")
    }

    @Test func manyVariablesDoNotHang() {
        // 200 number variables, each compared with 3 literals: far beyond the bound.
        let names = (1...200).map { "n.v\($0)" }
        let cases = names.map { "\($0) > 1 and \($0) < 5 or \($0) == 10" } + names.map { "\($0) > 2" }
        let yaml = RuleFlow.switchFlow(cases)
            .replacingOccurrences(of: "context:\n", with: "context:\n" + names.map { "  \($0): number\n" }.joined())
        let findings = lint(yaml)
        #expect(findings.with("shadowed-case").isEmpty)
        #expect(findings.with("constant-condition").isEmpty)
    }

    @Test func longSwitchOnOneVariableIsDecided() {
        let cases = (0..<300).map { "account.balance == \($0)" } + ["account.balance >= 0 and account.balance < 300 and account.balance != 1.5"]
        let found = Self.shadowed(cases)
        #expect(found.isEmpty)
        let covering = (0..<300).map { "account.balance == \($0)" } + ["account.balance == 299"]
        #expect(Self.shadowed(covering).count == 1)
    }
}
