import Foundation
import Testing
import CallFlowRuntime
@testable import CallFlowCompiler

/// Compiled conditions agree with a plain interpreter of the expression tree, on the example
/// flows and on many generated conditions, for many random values of the variables.
@Suite struct ConditionCompilerTests {
    /// Foundation has an `Expression` too.
    typealias Expr = CallFlowCompiler.Expression

    // MARK: A reference interpreter over the tree

    enum Value: Equatable {
        case bool(Bool), number(Double), string(String)
    }

    /// What the design says, written as directly as possible: strings are their UTF-8 bytes,
    /// durations seconds, enum values their names.
    static func reference(_ node: Expr, _ variables: [String: Value], open: (String) -> Bool) -> Value {
        func bytes(_ value: Value) -> [UInt8] {
            if case .string(let text) = value { return Array(text.utf8) }
            Issue.record("not a string: \(value)")
            return []
        }
        func truth(_ node: Expr) -> Bool {
            if case .bool(let value) = reference(node, variables, open: open) { return value }
            Issue.record("not a bool: \(node)")
            return false
        }
        func equal(_ x: Value, _ y: Value) -> Bool {
            switch (x, y) {
            case (.string, .string): return bytes(x) == bytes(y)
            default: return x == y
            }
        }
        switch node.kind {
        case .literal(.bool(let value)): return .bool(value)
        case .literal(.number(let value)): return .number(value)
        case .literal(.duration(let value)): return .number(Double(value.seconds))
        case .literal(.string(let value)): return .string(value)
        case .variable(let name): return variables[name]!
        case .not(let operand): return .bool(!truth(operand))
        case .logical(.and, let a, let b): return .bool(truth(a) && truth(b))
        case .logical(.or, let a, let b): return .bool(truth(a) || truth(b))
        case .compare(let op, let a, let b):
            let x = reference(a, variables, open: open), y = reference(b, variables, open: open)
            switch op {
            case .equal: return .bool(equal(x, y))
            case .notEqual: return .bool(!equal(x, y))
            default:
                guard case .number(let l) = x, case .number(let r) = y else {
                    Issue.record("ordering non-numbers")
                    return .bool(false)
                }
                switch op {
                case .less: return .bool(l < r)
                case .lessOrEqual: return .bool(l <= r)
                case .greater: return .bool(l > r)
                default: return .bool(l >= r)
                }
            }
        case .membership(let value, let negated, let list):
            let x = reference(value, variables, open: open)
            let found = list.contains { equal(x, reference($0, variables, open: open)) }
            return .bool(found != negated)
        case .call("open", _, let arguments):
            guard case .literal(.string(let name)) = arguments[0].kind else { return .bool(false) }
            return .bool(open(name))
        case .call(let name, _, let arguments):
            let text = bytes(reference(arguments[0], variables, open: open))
            let part = bytes(reference(arguments[1], variables, open: open))
            switch name {
            case "starts_with": return .bool(text.starts(with: part))
            case "ends_with": return .bool(text.reversed().starts(with: part.reversed()))
            default:
                if part.isEmpty { return .bool(true) }
                var start = 0
                while start + part.count <= text.count {
                    if Array(text[start ..< start + part.count]) == part { return .bool(true) }
                    start += 1
                }
                return .bool(false)
            }
        }
    }

    // MARK: Random values

    /// SplitMix64: small, seeded, the same sequence everywhere.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let numbers: [Double] = [-1, 0, 1, 2.5, 3, 10]
    static let seconds = [0, 30, 60, 90, 300, 3600]
    static let strings = ["", "+49", "+4930123", "vip", "gold", "a", "ab", "ba", "\u{E9}", "e\u{301}",
                          "a string longer than the small form"]

    static func randomValue(_ type: ValueType, _ rng: inout SplitMix64) -> Value {
        switch type {
        case .bool: return .bool(Bool.random(using: &rng))
        case .number: return .number(numbers.randomElement(using: &rng)!)
        case .duration: return .number(Double(seconds.randomElement(using: &rng)!))
        case .string:
            // Sometimes joined, so that prefixes, suffixes and parts occur.
            let text = strings.randomElement(using: &rng)!
            return .string(Bool.random(using: &rng) ? text : text + strings.randomElement(using: &rng)!)
        case .enumeration(let values): return .string(values.randomElement(using: &rng)!)
        }
    }

    static func runtimeValue(_ value: Value) -> RuntimeValue {
        switch value {
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        }
    }

    /// Evaluates `typed` both ways on `rounds` random assignments; returns how many were true.
    @discardableResult
    static func agree(_ typed: TypedExpression, slots: VariableSlots, schedules: [String], rounds: Int,
                      _ rng: inout SplitMix64, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let program = try ConditionCompiler.compile(typed, slots: slots, schedules: schedules)
        #expect(try ConditionCompiler.compile(typed, slots: slots, schedules: schedules) == program)
        let evaluator = CallFlowRuntime.ConditionEvaluator(capacity: 1)
        var trues = 0
        for _ in 0..<rounds {
            var variables: [String: Value] = [:]
            var values: [RuntimeValue] = []
            for (name, type) in zip(slots.names, slots.types) {
                let value = randomValue(type, &rng)
                variables[name] = value
                values.append(runtimeValue(value))
            }
            let open = schedules.map { _ in Bool.random(using: &rng) }
            let expected = reference(typed.expression, variables, open: { open[schedules.firstIndex(of: $0)!] })
            let found = try evaluator.evaluate(program, slots: SlotValues(values), open: { open[$0] })
            #expect(expected == .bool(found), "\(ExpressionPrinter.print(typed.expression)) with \(variables)",
                    sourceLocation: sourceLocation)
            if found { trues += 1 }
        }
        return trues
    }

    // MARK: The example flows

    static func exampleFlows() throws -> [Flow] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("flows")
        let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".tests.yaml") && !$0.hasPrefix("retail/shared") }
            .sorted()
        #expect(files.count >= 3)
        return try files.map { file in
            let result = try FrontEnd().load(path: folder.appendingPathComponent(file).path)
            #expect(!result.diagnostics.contains { $0.severity == .error }, "\(file): \(result.diagnostics.dump)")
            return try #require(result.flow)
        }
    }

    @Test func everyConditionOfTheExampleFlowsAgrees() throws {
        var rng = SplitMix64(seed: 4)
        var compiled = 0
        for flow in try Self.exampleFlows() {
            let slots = VariableSlots(flow: flow)
            let schedules = flow.schedules.map(\.name.value)
            var conditions = flow.escalations.compactMap(\.condition)
            for node in flow.nodes {
                if case .switch(let cases) = node.kind { conditions += cases.map(\.condition) }
            }
            for condition in conditions {
                let typed = try #require(condition.parsed, "\(condition.text)")
                try Self.agree(typed, slots: slots, schedules: schedules, rounds: 300, &rng)
                compiled += 1
            }
            #expect(try ConditionCompiler.compileAll(flow).count == conditions.count)
        }
        #expect(compiled >= 12)
    }

    // MARK: Generated conditions

    static let variables: [String: ValueType] = {
        var variables: [String: ValueType] = [
            "caller.tier": .enumeration(["standard", "gold", "vip"]),
            "caller.vip": .bool,
            "account.balance": .number,
            "account.id": .string,
            "hold.time": .duration,
        ]
        for builtIn in ContextVariable.builtIns { variables[builtIn.name] = builtIn.type }
        return variables
    }()
    static let schedules = ["office", "late-shift", "weekend"]

    /// Builds random conditions that type-check: every operator, function and operand kind.
    struct Generator {
        var rng: SplitMix64

        mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }
        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

        func node(_ kind: Expr.Kind) -> Expr { Expr(kind, 0..<0) }

        /// Not `queue.name`: compared with a literal, that must name a queue.
        func names(of type: ValueType) -> [String] {
            ConditionCompilerTests.variables.filter { $0.value == type && $0.key != "queue.name" }.map(\.key).sorted()
        }

        mutating func operand(_ type: ValueType) -> Expr {
            let variables = names(of: type)
            if !variables.isEmpty && chance(60) { return node(.variable(pick(variables))) }
            return node(.literal(literal(type)))
        }

        mutating func literal(_ type: ValueType) -> ExpressionLiteral {
            switch type {
            case .bool: return .bool(chance(50))
            case .number: return .number(pick(ConditionCompilerTests.numbers))
            case .duration: return .duration(CallFlowCompiler.Duration(seconds: pick(ConditionCompilerTests.seconds)))
            case .string: return .string(pick(ConditionCompilerTests.strings))
            case .enumeration(let values): return .string(pick(values))
            }
        }

        mutating func condition(depth: Int) -> Expr {
            let choice = depth <= 0 ? Int.random(in: 0..<9, using: &rng) : Int.random(in: 0..<12, using: &rng)
            let tier = ValueType.enumeration(["standard", "gold", "vip"])
            switch choice {
            case 0: return operand(.bool)
            case 1:
                let type: ValueType = chance(50) ? .number : .duration
                let op = pick(ComparisonOperator.allCases)
                return node(.compare(op, operand(type), operand(type)))
            case 2:
                let type: ValueType = pick([.string, tier, .bool])
                let a = type == tier ? node(.variable("caller.tier")) : operand(type)
                return node(.compare(pick([.equal, .notEqual]), a, operand(type)))
            case 3:
                let type: ValueType = pick([.number, .duration, .string, tier, .bool])
                let value = type == tier ? node(.variable("caller.tier")) : operand(type)
                let list = (0..<Int.random(in: 0...4, using: &rng)).map { _ in node(.literal(literal(type))) }
                return node(.membership(value, negated: chance(40), list: list))
            case 4:
                return node(.call(name: "open", nameRange: 0..<0,
                                  arguments: [node(.literal(.string(pick(ConditionCompilerTests.schedules))))]))
            case 5, 6:
                let name = pick(["starts_with", "ends_with", "contains"])
                return node(.call(name: name, nameRange: 0..<0, arguments: [operand(.string), operand(.string)]))
            case 7:
                return node(.compare(pick([.equal, .notEqual]), node(.variable("caller.tier")), node(.variable("account.id"))))
            case 8:
                return node(.compare(pick([.less, .greaterOrEqual]), node(.variable("queue.wait")), node(.variable("hold.time"))))
            case 9: return node(.not(condition(depth: depth - 1)))
            default:
                return node(.logical(chance(50) ? .and : .or, condition(depth: depth - 1), condition(depth: depth - 1)))
            }
        }
    }

    @Test func generatedConditionsAgree() throws {
        let environment = ExpressionEnvironment(variables: Self.variables, schedules: Self.schedules, queues: ["tech"],
                                                queueVariablesBound: true)
        let slots = VariableSlots(variables: Self.variables)
        var generator = Generator(rng: SplitMix64(seed: 2026))
        var rng = SplitMix64(seed: 99)
        var checked = 0, trues = 0, rounds = 0
        for _ in 0..<1500 {
            let expression = generator.condition(depth: 4)
            let typed: TypedExpression
            switch ExpressionTypeChecker.check(expression, in: environment) {
            case .success(let result): typed = result
            case .failure(let errors):
                Issue.record("generated an expression that does not check: \(ExpressionPrinter.print(expression)): \(errors)")
                continue
            }
            trues += try Self.agree(typed, slots: slots, schedules: Self.schedules, rounds: 40, &rng)
            rounds += 40
            checked += 1
        }
        #expect(checked == 1500)
        // Both outcomes occur often enough for the comparison to mean something.
        #expect(trues > rounds / 5 && trues < rounds * 4 / 5)
    }

    @Test func parsedTextsAgreeToo() throws {
        let environment = ExpressionEnvironment(variables: Self.variables, schedules: Self.schedules, queues: ["tech"],
                                                queueVariablesBound: true)
        let slots = VariableSlots(variables: Self.variables)
        var rng = SplitMix64(seed: 7)
        let texts = [
            #"caller.tier == "vip" and open("office") or queue.wait > 5m"#,
            #"not caller.vip and caller.tier not in ["gold", "vip"] or account.balance < -1"#,
            #"starts_with(caller.number, "+49") and not ends_with(caller.number, "3") or contains(account.id, "b")"#,
            #"(call.failures >= 3 or call.priority != 0) and (queue.name == "tech" or queue.depth in [1, 2.5, 3])"#,
            #"hold.time in [30s, 1m30s] or hold.time not in [] and caller.vip in [true]"#,
            #"caller.vip == (account.balance > 0) and "vip" != caller.tier"#,
            "true", "false or not true",
        ]
        for text in texts {
            let typed = try ExpressionTypeChecker.check(text, in: environment).get()
            try Self.agree(typed, slots: slots, schedules: Self.schedules, rounds: 500, &rng)
        }
    }

    // MARK: The program itself

    @Test func compilesTheRealisticConditionToTheDocumentedProgram() throws {
        let environment = ExpressionEnvironment(variables: Self.variables, schedules: Self.schedules, queues: ["tech"],
                                                queueVariablesBound: true)
        let slots = VariableSlots(variables: Self.variables)
        let typed = try ExpressionTypeChecker.check(#"caller.tier == "vip" and open("late-shift") or queue.wait > 5m"#,
                                                    in: environment).get()
        let program = try ConditionCompiler.compile(typed, slots: slots, schedules: Self.schedules)
        let tier = try #require(slots.slot(of: "caller.tier")), wait = try #require(slots.slot(of: "queue.wait"))
        typealias I = ConditionInstruction
        #expect(program.instructions == [
            I(.pushSlot, tier, ConditionValueKind.string.rawValue), I(.pushString, 0),
            I(.compareStrings, ConditionComparison.equal.rawValue),
            I(.jumpIfFalseOrPop, 5), I(.open, 1),
            I(.jumpIfTrueOrPop, 9),
            I(.pushSlot, wait, ConditionValueKind.number.rawValue), I(.pushNumber, 0),
            I(.compareNumbers, ConditionComparison.greater.rawValue),
        ])
        #expect(program.strings == ["vip"])
        #expect(program.numbers == [300])
        #expect(program.slotCount == Self.variables.count)
        #expect(program.scheduleCount == 3)
        #expect(program.maxStackDepth == 2)
    }

    @Test func constantsArePooledOnceAndListsAreRanges() throws {
        let environment = ExpressionEnvironment(variables: Self.variables, schedules: [], queues: [], queueVariablesBound: true)
        let typed = try ExpressionTypeChecker.check(
            #"caller.tier in ["gold", "vip"] and account.id != "vip" and queue.depth in [3, 1] and queue.depth != 3"#,
            in: environment).get()
        let program = try ConditionCompiler.compile(typed, slots: VariableSlots(variables: Self.variables), schedules: [])
        #expect(program.strings == ["gold", "vip"])
        #expect(program.numbers == [3, 1])
        #expect(program.lists == [0, 1, 0, 1])
    }

    @Test func slotsAreSortedNamesWhateverTheDeclarationOrder() throws {
        let a = Fixture.decode(Fixture.flow("context:\n  zeta: bool\n  alpha: number\nnodes:\n  start: {hangup: true}\n"))
        let b = Fixture.decode(Fixture.flow("context:\n  alpha: number\n  zeta: bool\nnodes:\n  start: {hangup: true}\n"))
        let slotsA = VariableSlots(flow: try #require(a.flow)), slotsB = VariableSlots(flow: try #require(b.flow))
        #expect(slotsA == slotsB)
        #expect(slotsA.names == (["alpha", "zeta"] + ContextVariable.builtIns.map(\.name)).sorted())
        #expect(slotsA.types[Int(try #require(slotsA.slot(of: "zeta")))] == .bool)
    }

    @Test func sameInputSameBytes() throws {
        let environment = ExpressionEnvironment(variables: Self.variables, schedules: Self.schedules, queues: ["tech"],
                                                queueVariablesBound: true)
        let text = #"caller.tier in ["gold", "vip"] and (open("weekend") or starts_with(account.id, "x")) or hold.time > 2m"#
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var outputs: Set<Data> = []
        for _ in 0..<5 {
            let typed = try ExpressionTypeChecker.check(text, in: environment).get()
            let program = try ConditionCompiler.compile(typed, slots: VariableSlots(variables: Self.variables), schedules: Self.schedules)
            outputs.insert(try encoder.encode(program))
        }
        #expect(outputs.count == 1)
    }

    @Test func refusesWhatDoesNotFit() throws {
        let environment = ExpressionEnvironment(variables: Self.variables, schedules: Self.schedules, queues: [],
                                                queueVariablesBound: true)
        let typed = try ExpressionTypeChecker.check(#"open("weekend") and caller.vip"#, in: environment).get()
        #expect(throws: ConditionCompileError.self) {
            try ConditionCompiler.compile(typed, slots: VariableSlots(variables: Self.variables), schedules: ["office"])
        }
        #expect(throws: ConditionCompileError.self) {
            try ConditionCompiler.compile(typed, slots: VariableSlots(variables: ["caller.number": .string]), schedules: Self.schedules)
        }
        #expect(throws: ConditionCompileError.self) {
            try ConditionCompiler.compile(typed, slots: VariableSlots(variables: ["caller.vip": .number]), schedules: Self.schedules)
        }
    }
}
