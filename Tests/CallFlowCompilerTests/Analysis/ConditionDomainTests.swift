import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

@Suite struct ConditionDomainTests {
    static let environment = ExpressionEnvironment(
        variables: ["n": .number, "d": .duration, "s": .string, "b": .bool, "e": .enumeration(["x", "y", "z"]),
                    "m": .number, "t": .string, "f": .enumeration(["x", "y", "z"])],
        schedules: ["office"], queues: [], queueVariablesBound: false)

    static func typed(_ text: String) throws -> TypedExpression {
        try ExpressionTypeChecker.check(text, in: environment).get()
    }

    static func domain(_ texts: [String]) throws -> ConditionDomain {
        ConditionDomain(try texts.map(typed))
    }

    @Test func numbersGetAPieceBelowAtBetweenAndAboveEachLiteral() throws {
        let domain = try Self.domain(["n > 100", "n >= 50"])
        #expect(domain.variables == ["n"])
        let values = domain.representatives[0].map { value -> Double in
            guard case .number(let n) = value else { return .nan }
            return n
        }
        #expect(values.count == 5)
        #expect(values[0] < 50 && values[1] == 50 && values[2] > 50 && values[2] < 100 && values[3] == 100 && values[4] > 100)
        #expect(try Self.domain(["n == 3"]).combinationCount == 3)
        #expect(try Self.domain(["b"]).combinationCount == 2)
    }

    @Test func durationsAreWholeSecondsFromZero() throws {
        #expect(ConditionDomain.wholePieces([0, 5, 6, 60]) == [0, 1, 5, 6, 7, 60, 61])
        #expect(ConditionDomain.wholePieces([]) == [0])
        #expect(try Self.domain(["d > 5m"]).representatives == [[.duration(0), .duration(300), .duration(301)]])
    }

    @Test func realPiecesSkipEmptyGaps() {
        let pieces = ConditionDomain.realPieces([1, 1.nextUp])
        #expect(pieces == [1.nextDown, 1, 1.nextUp, 1.nextUp.nextUp])
        #expect(ConditionDomain.realPieces([]) == [0])
    }

    @Test func stringsGetEachLiteralAndOneOtherString() throws {
        let domain = try Self.domain([#"s == "a""#, #"s in ["b", "a"]"#])
        #expect(domain.representatives[0].count == 3)
        #expect(domain.representatives[0].prefix(2) == [.string("a"), .string("b")])
        #expect(ConditionDomain.otherString(than: ["\u{1}"]) == "\u{1}\u{1}")
    }

    @Test func enumsGetEveryValueAndBoolsBoth() throws {
        let domain = try Self.domain([#"e == "x" and b"#])
        #expect(domain.variables == ["e", "b"])
        #expect(domain.representatives == [[.string("x"), .string("y"), .string("z")], [.bool(false), .bool(true)]])
        var count = 0
        domain.forEachAssignment { _ in count += 1 }
        #expect(count == 6)
    }

    @Test func decidability() throws {
        for text in ["n > 1 and b", #"e in ["x"]"#, "b == true", "e == f", "b != (n > 3)", "true", #"s not in ["q"]"#] {
            #expect(ConditionDomain.isDecidable(try Self.typed(text)), "\(text)")
        }
        for text in [#"open("office")"#, "n > m", "s == t", "e == s", #"b and starts_with(s, "x")"#, "n == n"] {
            #expect(!ConditionDomain.isDecidable(try Self.typed(text)), "\(text)")
        }
    }

    /// The analyses decide conditions with the runtime's evaluator, on the compiled program.
    @Test func evaluatorFollowsTheRuntimesRules() throws {
        func holds(_ text: String, _ assignment: [String: ConditionValue]) throws -> Bool {
            let decided = try #require(DecidedCondition(try Self.typed(text)))
            return decided.holds(under: assignment, CallFlowRuntime.ConditionEvaluator())
        }
        #expect(try holds("n == 0", ["n": .number(-0.0)]))
        #expect(try holds("n < 2.5", ["n": .number(2)]))
        #expect(try !holds("n != 2", ["n": .number(2)]))
        #expect(try holds("d >= 1m30s", ["d": .duration(90)]))
        #expect(try holds(#"e not in ["x", "y"]"#, ["e": .string("z")]))
        #expect(try holds("not b or n > 1 and b", ["b": .bool(false), "n": .number(0)]))
        #expect(try !holds("(not b or n > 1) and b", ["b": .bool(false), "n": .number(0)]))
        // Strings are their UTF-8 bytes: two spellings of é are two strings.
        #expect(try !holds("s == \"\u{E9}\"", ["s": .string("e\u{301}")]))
        #expect(try holds("s == \"\u{E9}\"", ["s": .string("\u{E9}")]))
    }

    @Test func coverageAnalysisDirectly() throws {
        let conditions = try [#"e == "x""#, #"e == "y""#, #"e in ["x", "y"]"#].map(Self.typed)
        #expect(CoverageAnalysis.shadowing(conditions).map { $0 } == [nil, nil, [0, 1]])
        #expect(CoverageAnalysis.shadowing([nil, conditions[0], nil, conditions[0]]).map { $0 } == [nil, nil, nil, [1]])
        #expect(CoverageAnalysis.constancy(of: try Self.typed("n > 1 or n <= 1")) == .alwaysTrue)
        #expect(CoverageAnalysis.constancy(of: try Self.typed("n > 1 and n < 1")) == .alwaysFalse)
        #expect(CoverageAnalysis.constancy(of: try Self.typed("n > 1")) == nil)
        // A limit of 2 combinations: `b` alone fits, `b` with `e` does not.
        let small = try ["b", #"e == "x""#, "b"].map(Self.typed)
        #expect(CoverageAnalysis.shadowing(small, limit: 2).map { $0 } == [nil, nil, nil])
        #expect(CoverageAnalysis.shadowing(small).map { $0 } == [nil, nil, [0]])
    }
}
