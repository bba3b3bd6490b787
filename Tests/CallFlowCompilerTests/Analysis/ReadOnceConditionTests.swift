import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// Issue 17, fourth round: the read-once shortcut (`ReadOnceCondition`) answers exactly as the
/// general route, which cuts the domain and evaluates every combination with the runtime's
/// evaluator. Each test computes the general answer independently and compares.
@Suite struct ReadOnceConditionTests {
    /// Numbers, durations, strings, bools, enums: one enum with a single value (its comparisons
    /// are constant), one whose value "\u{E9}" the type checker takes for "e\u{301}" while the
    /// runtime, comparing bytes, does not.
    static let environment = ExpressionEnvironment(
        variables: ["n": .number, "m": .number, "d": .duration, "s": .string, "t": .string, "b": .bool, "c": .bool,
                    "e": .enumeration(["x", "y", "z"]), "f": .enumeration(["x", "y", "z"]), "o": .enumeration(["only"]),
                    "g": .enumeration(["x", "\u{E9}"])],
        schedules: ["office"], queues: [], queueVariablesBound: false)

    static func typed(_ text: String) -> TypedExpression? {
        try? ExpressionTypeChecker.check(text, in: environment).get()
    }

    /// Whether `condition` is constant, by the general route alone: every combination of the
    /// domain evaluated by the runtime's evaluator (nil: not decidable, or it goes both ways).
    static func referenceConstancy(_ condition: TypedExpression) -> Constancy? {
        CoverageAnalysis.evaluatedConstancy(of: condition, limit: .max)
    }

    /// One comparison or membership (or a literal, a function, two variables compared).
    static let atoms = [
        "n > 4", "n >= -1", "n < 2.5", "n <= 0", "n == 4", "n != 0", "4 < n", "n in [1, 2]", "n not in [0]", "n > m",
        "d > 5s", "d >= 0s", "d < 0s", "d <= 0s", "d < 1m", "d == 0s", "d != 1m", "d in [0s, 5s]", "d not in [5s]", "d > 0s",
        "s == \"a\"", "s != \"\"", "s in [\"a\", \"b\"]", "s not in [\"a\"]", "s == t", "\"a\" == s",
        "b", "b == true", "b != false", "b in [true]", "b in [true, false]", "b not in [false]", "b == c",
        "e == \"x\"", "e != \"z\"", "e in [\"x\", \"y\"]", "e in [\"x\", \"y\", \"z\"]", "e not in [\"z\", \"y\", \"x\"]", "e == f",
        "o == \"only\"", "o != \"only\"", "o in [\"only\"]",
        "g == \"\u{E9}\"", "g == \"e\u{301}\"", "g != \"x\"", "g in [\"e\u{301}\"]", "g in [\"e\u{301}\", \"x\"]",
        "true", "false", "open(\"office\")", "starts_with(s, \"a\")",
    ]

    /// A random condition of up to `depth` levels of `and`, `or` and `not` over the atoms.
    static func condition(_ random: inout SeededRandom, depth: Int) -> String {
        let choice = depth == 0 ? 0 : random.below(5)
        switch choice {
        case 1: return "not (\(condition(&random, depth: depth - 1)))"
        case 2, 3:
            let op = choice == 2 ? "and" : "or"
            return "(\(condition(&random, depth: depth - 1))) \(op) (\(condition(&random, depth: depth - 1)))"
        default: return atoms[random.below(atoms.count)]
        }
    }

    @Test func theShortcutAgreesWithEveryCombinationOnGeneratedConditions() {
        var random = SeededRandom(seed: 17_04)
        var shortcut = 0, general = 0, constant = 0, checked = 0
        for round in 0..<3000 {
            let text = Self.condition(&random, depth: 1 + round % 3)
            guard let condition = Self.typed(text) else { continue }
            checked += 1
            let reference = Self.referenceConstancy(condition)
            if ReadOnceCondition.isSurelyContingent(condition) {
                shortcut += 1
                // The shortcut's claim itself: the condition goes both ways.
                #expect(reference == nil, "\(text)")
                #expect(ConditionDomain.isDecidable(condition), "\(text)")
            } else {
                general += 1
            }
            if reference != nil { constant += 1 }
            #expect(CoverageAnalysis.constancy(of: condition) == reference, "\(text)")
            #expect(FirstHolding.analyse([condition]) == FastPathAgreementTests.referenceFirstHolding([condition]), "\(text)")
        }
        // Both routes and constant conditions are met, so the comparisons above mean something.
        #expect(checked > 2000)
        #expect(shortcut > 300)
        #expect(general > 300)
        #expect(constant > 100)
    }

    @Test(arguments: [
        ("n > 4 and e in [\"x\", \"y\"]", true),
        ("not (b or s == \"a\") and d <= 0s", true),
        ("n not in [1, 2] or g == \"\u{E9}\"", true),
        ("e != \"z\" or not (t != \"q\")", true),
        // A variable read twice: its atoms are not independent (this one is always false).
        ("n > 4 and n < 2", false),
        // Atoms that do not go both ways over their variable's values.
        ("d < 0s", false), ("d >= 0s or b", false), ("b in [true, false]", false), ("o == \"only\"", false),
        ("e in [\"x\", \"y\", \"z\"]", false),
        // Bytes, as the runtime compares: "e\u{301}" is not the enum's "\u{E9}".
        ("g == \"e\u{301}\"", false),
        // Shapes the shortcut leaves to the general route.
        ("4 < n", false), ("n > m", false), ("e == f", false), ("true", false), ("open(\"office\") and b", false),
    ])
    func theShortcutTakesOnlyWhatItIsSureOf(_ text: String, _ sure: Bool) throws {
        let condition = try #require(Self.typed(text))
        #expect(ReadOnceCondition.isSurelyContingent(condition) == sure)
        #expect(CoverageAnalysis.constancy(of: condition) == Self.referenceConstancy(condition))
        #expect(FirstHolding.analyse([condition]) == FastPathAgreementTests.referenceFirstHolding([condition]))
    }

    /// The answers the shortcut stands in for, where they are constant: the general route still
    /// gives them (a switch whose only case never holds loses its case, one that always holds its `else`).
    @Test func constantConditionsStillGetTheirAnswers() throws {
        let never = try #require(Self.typed("n > 4 and n < 2"))
        #expect(FirstHolding.analyse([never]) == FirstHolding(canWin: [false], canFallThrough: true))
        let always = try #require(Self.typed("d >= 0s or b"))
        #expect(FirstHolding.analyse([always]) == FirstHolding(canWin: [true], canFallThrough: false))
        #expect(CoverageAnalysis.constancy(of: always) == .alwaysTrue)
        let bytes = try #require(Self.typed("g == \"e\u{301}\""))
        #expect(CoverageAnalysis.constancy(of: bytes) == .alwaysFalse)
    }
}

/// Issue 17, fourth round: `CombinationWalk` (slots filled from the representatives) and the
/// one-walk `Cut.add` give the answers the dictionary route gave, on generated lists of conditions.
@Suite struct CombinationWalkTests {
    /// `CoverageAnalysis.shadowing` by the dictionary route: every assignment as a dictionary of
    /// names and `DecidedCondition.holds(under:)`; which conditions are analysed and the covering
    /// choice are `CoverageAnalysis`'s own (what is compared is the walk).
    static func referenceShadowing(_ conditions: [TypedExpression?], limit: Int = CoverageAnalysis.combinationLimit) -> [[Int]?] {
        var result = [[Int]?](repeating: nil, count: conditions.count)
        guard conditions.count(where: { $0 != nil }) > 1 else { return result }
        let (analysed, decided, cut) = CoverageAnalysis.analysedPrefix(conditions, limit: limit)
        guard analysed.count > 1 else { return result }
        let evaluator = CallFlowRuntime.ConditionEvaluator()
        var holds: [[Bool]] = []
        ConditionDomain(cut).forEachAssignment { assignment in holds.append(decided.map { $0.holds(under: assignment, evaluator) }) }
        for (position, covering) in CoverageAnalysis.shadowed(holds) { result[analysed[position]] = covering.map { analysed[$0] } }
        return result
    }

    @Test func shadowingAndFirstHoldingAgreeWithTheDictionaryRoute() {
        var random = SeededRandom(seed: 17_0402)
        var lists = 0, shadowed = 0, cannotWin = 0, mustHold = 0
        for round in 0..<1500 {
            let count = 2 + round % 3
            let conditions = (0..<count).map { _ in ReadOnceConditionTests.typed(ReadOnceConditionTests.condition(&random, depth: random.below(2))) }
            guard conditions.count(where: { $0 != nil }) >= 2 else { continue }
            lists += 1
            let shadowing = CoverageAnalysis.shadowing(conditions)
            #expect(shadowing == Self.referenceShadowing(conditions), "\(conditions.map { $0.map { ExpressionPrinter.print($0.expression) } })")
            shadowed += shadowing.count(where: { $0 != nil })
            // The reference knows no limit: lists past it are compared for shadowing only.
            let decidable = conditions.compactMap { $0 }.filter(ConditionDomain.isDecidable)
            guard ConditionDomain.combinationCount(of: decidable) <= CoverageAnalysis.combinationLimit else { continue }
            let holding = FirstHolding.analyse(conditions)
            #expect(holding == FastPathAgreementTests.referenceFirstHolding(conditions))
            #expect(!holding.pastLimit)
            // `shadowed-case` skips a switch whose every case can win: a case that can win is never shadowed.
            for (index, canWin) in holding.canWin.enumerated() where canWin { #expect(shadowing[index] == nil) }
            cannotWin += holding.canWin.count(where: { !$0 })
            if !holding.canFallThrough { mustHold += 1 }
            // Fixed values, as the failure rules' analysis fixes `call.failures`.
            for value in [0.0, 4.0] {
                let fixed: [String: ConditionValue] = ["n": .number(value)]
                #expect(FirstHolding.analyse(conditions, fixed: fixed) == FastPathAgreementTests.referenceFirstHolding(conditions, fixed: fixed))
            }
        }
        // Shadowed entries, cases that cannot win and lists that always hold one are all met.
        #expect(lists > 1000)
        #expect(shadowed > 50)
        #expect(cannotWin > 50)
        #expect(mustHold > 20)
    }

    /// One walk gathers the variables in the order `Expression.variables` gives them.
    @Test func theCutMeetsVariablesInTheOrderWritten() {
        var random = SeededRandom(seed: 17_0403)
        for _ in 0..<300 {
            let conditions = (0..<3).compactMap { _ in ReadOnceConditionTests.typed(ReadOnceConditionTests.condition(&random, depth: 2)) }
                .filter(ConditionDomain.isDecidable)
            var expected: [String] = []
            for condition in conditions { for name in condition.variables where !expected.contains(name) { expected.append(name) } }
            #expect(ConditionDomain(conditions).variables == expected)
        }
    }
}
