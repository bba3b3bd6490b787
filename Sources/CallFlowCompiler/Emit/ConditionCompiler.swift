import CallFlowRuntime

/// The slot of every variable a flow's conditions may read: its context variables and the
/// built-ins, numbered in sorted order of name (so the same flow always gets the same numbers,
/// whatever order it declares them in). A call's `SlotValues` follow this numbering.
public struct VariableSlots: Equatable, Sendable {
    /// The names, slot 0 first.
    public let names: [String]
    /// The type of each slot's variable.
    public let types: [ValueType]
    private let index: [String: Int32]

    /// Slots for `variables` (name to type), in sorted order of name.
    public init(variables: [String: ValueType]) {
        let sorted = variables.keys.sorted()
        self.init(sortedNames: sorted, types: sorted.map { variables[$0]! })
    }

    /// Slots for the variables a condition reads (`VariableTypes` keeps them sorted by name).
    public init(variables: VariableTypes) {
        self.init(sortedNames: variables.keys, types: variables.values)
    }

    private init(sortedNames: [String], types: [ValueType]) {
        names = sortedNames
        self.types = types
        var index: [String: Int32] = [:]
        for (slot, name) in sortedNames.enumerated() { index[name] = Int32(slot) }
        self.index = index
    }

    /// Slots for `flow`'s context variables and the built-ins (a declaration never replaces a
    /// built-in, as in `ExpressionEnvironment`).
    public init(flow: Flow) {
        var variables: [String: ValueType] = [:]
        for variable in flow.context where variables[variable.name.value] == nil {
            variables[variable.name.value] = variable.type
        }
        for builtIn in ContextVariable.builtIns { variables[builtIn.name] = builtIn.type }
        self.init(variables: variables)
    }

    public var count: Int { names.count }

    public func slot(of name: String) -> Int32? { index[name] }

    /// The kind of value a slot holds at run time.
    public static func kind(of type: ValueType) -> ConditionValueKind {
        switch type {
        case .bool: return .bool
        case .number, .duration: return .number
        case .string, .enumeration: return .string
        }
    }
}

/// Why a condition could not be compiled: only for a tree the type checker would refuse, or
/// slots and schedules that do not match the flow the condition came from.
/// Each case's message is built here only; an expression is held as printed.
public enum ConditionCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    case notABool(ConditionValueKind)
    /// The program made does not load (`ConditionProgram`'s own checks).
    case invalidProgram(ConditionProgramError)
    case stackTooDeep
    case unknownType(expression: String)
    case noSlot(variable: String)
    case slotKindDiffers(variable: String, declared: ValueType, slot: ConditionValueKind)
    case differentKinds(expression: String)
    case orderingNeedsNumbers(operator: String, kind: ConditionValueKind)
    case unexpectedKind(expected: ConditionValueKind, expression: String, found: ConditionValueKind)
    case listMemberNotLiteral(expression: String, kind: ConditionValueKind)
    case openTakesOneSchedule
    case unknownSchedule(String)
    case unknownFunction(String)
    case takesTwoArguments(function: String)

    public var description: String { "cannot compile condition: " + message }

    /// What went wrong, without the "cannot compile" prefix.
    public var message: String {
        switch self {
        case .notABool(let kind): return "the condition is a \(kind), not a bool"
        case .invalidProgram(let error): return error.description
        case .stackTooDeep: return "the condition needs a stack deeper than \(ConditionProgram.stackLimit)"
        case .unknownType(let expression): return "the type of '\(expression)' is not known"
        case .noSlot(let variable): return "no slot for variable '\(variable)'"
        case .slotKindDiffers(let variable, let declared, let slot):
            return "'\(variable)' is a \(declared) in the condition, a \(slot) in its slot"
        case .differentKinds(let expression): return "'\(expression)' compares values of different kinds"
        case .orderingNeedsNumbers(let op, let kind): return "'\(op)' orders numbers and durations only, not a \(kind)"
        case .unexpectedKind(let expected, let expression, let found):
            return "expected a \(expected), found '\(expression)', a \(found)"
        case .listMemberNotLiteral(let expression, let kind): return "list member '\(expression)' is not a \(kind) literal"
        case .openTakesOneSchedule: return "'open' takes one schedule name"
        case .unknownSchedule(let name): return "no schedule is named '\(name)'"
        case .unknownFunction(let name): return "unknown function '\(name)'"
        case .takesTwoArguments(let function): return "'\(function)' takes 2 arguments"
        }
    }
}

/// Turns a type-checked condition into a `ConditionProgram` (docs/conditions.md): operands are
/// pushed left to right, `and`/`or` jump over their right side when the left decides, `not in`
/// is `in` then `not`. Constants are pooled in order of first use, each once, so the same
/// condition with the same slots and schedules always gives an equal program.
public struct ConditionCompiler {
    private let typed: TypedExpression
    private let slots: VariableSlots
    private let schedules: [String: Int]
    private let scheduleCount: Int

    private var code: [ConditionInstruction] = []
    private var numbers: [Double] = []
    private var numberIndex: [UInt64: Int32] = [:]
    private var strings: [String] = []
    /// Keyed by UTF-8 bytes: `String`'s own equality would take "\u{E9}" and "e\u{301}" for one
    /// string, which the runtime (comparing bytes) does not.
    private var stringIndex: [[UInt8]: Int32] = [:]
    private var lists: [Int32] = []
    private var depth = 0
    private var deepest = 0

    private init(typed: TypedExpression, slots: VariableSlots, schedules: [String]) {
        self.typed = typed
        self.slots = slots
        var index: [String: Int] = [:]
        for (position, name) in schedules.enumerated() where index[name] == nil { index[name] = position }
        self.schedules = index
        self.scheduleCount = schedules.count
    }

    /// Compiles `condition`; `schedules` are the schedule names in the order the table holds
    /// them (`open("x")` becomes the index of `x`).
    public static func compile(_ condition: TypedExpression, slots: VariableSlots, schedules: [String])
        throws(ConditionCompileError) -> ConditionProgram {
        var compiler = ConditionCompiler(typed: condition, slots: slots, schedules: schedules)
        let kind = try compiler.emit(condition.expression)
        guard kind == .bool else { throw .notABool(kind) }
        do {
            return try ConditionProgram(instructions: compiler.code, numbers: compiler.numbers, strings: compiler.strings,
                                        lists: compiler.lists, slotCount: slots.count, scheduleCount: schedules.count,
                                        maxStackDepth: compiler.deepest)
        } catch {
            throw .invalidProgram(error)
        }
    }

    /// Compiles every condition of `flow` that type-checked: switch cases and escalation rules.
    /// The slots are `VariableSlots(flow:)` and the schedules the flow's, in order.
    public static func compileAll(_ flow: Flow) throws(ConditionCompileError) -> [(text: String, program: ConditionProgram)] {
        let slots = VariableSlots(flow: flow)
        let schedules = flow.schedules.map(\.name.value)
        var sources: [ExpressionSource] = flow.escalations.compactMap(\.condition)
        for node in flow.nodes {
            if case .switch(let cases) = node.kind { sources += cases.map(\.condition) }
        }
        var programs: [(text: String, program: ConditionProgram)] = []
        for source in sources {
            guard let typed = source.parsed else { continue }
            programs.append((source.text, try compile(typed, slots: slots, schedules: schedules)))
        }
        return programs
    }

    // MARK: Emitting

    private mutating func append(_ opcode: ConditionOpcode, _ a: Int32 = 0, _ b: Int32 = 0, pops: Int, pushes: Int)
        throws(ConditionCompileError) {
        code.append(ConditionInstruction(opcode, a, b))
        depth += pushes - pops
        deepest = max(deepest, depth)
        guard deepest <= ConditionProgram.stackLimit else {
            throw .stackTooDeep
        }
    }

    private mutating func number(_ value: Double) -> Int32 {
        if let index = numberIndex[value.bitPattern] { return index }
        let index = Int32(numbers.count)
        numbers.append(value)
        numberIndex[value.bitPattern] = index
        return index
    }

    private mutating func string(_ value: String) -> Int32 {
        let key = Array(value.utf8)
        if let index = stringIndex[key] { return index }
        let index = Int32(strings.count)
        strings.append(value)
        stringIndex[key] = index
        return index
    }

    /// The value kind of `node` at run time.
    private func kind(of node: Expression) throws(ConditionCompileError) -> ConditionValueKind {
        guard let type = typed.type(of: node) else {
            throw .unknownType(expression: ExpressionPrinter.print(node))
        }
        return VariableSlots.kind(of: type)
    }

    /// Emits code that leaves `node`'s value on the stack; returns its kind.
    @discardableResult
    private mutating func emit(_ node: Expression) throws(ConditionCompileError) -> ConditionValueKind {
        switch node.kind {
        case .literal(let literal):
            switch literal {
            case .bool(let value): try append(.pushBool, value ? 1 : 0, pops: 0, pushes: 1); return .bool
            case .number(let value): try append(.pushNumber, number(value), pops: 0, pushes: 1); return .number
            case .duration(let value): try append(.pushNumber, number(Double(value.seconds)), pops: 0, pushes: 1); return .number
            case .string(let value): try append(.pushString, string(value), pops: 0, pushes: 1); return .string
            }
        case .variable(let name):
            guard let slot = slots.slot(of: name) else { throw .noSlot(variable: name) }
            let kind = VariableSlots.kind(of: slots.types[Int(slot)])
            if let declared = typed.variableTypes[name], VariableSlots.kind(of: declared) != kind {
                throw .slotKindDiffers(variable: name, declared: declared, slot: kind)
            }
            try append(.pushSlot, slot, kind.rawValue, pops: 0, pushes: 1)
            return kind
        case .call(let name, _, let arguments):
            return try call(name, arguments)
        case .not(let operand):
            try expect(.bool, operand)
            try append(.not, pops: 1, pushes: 1)
            return .bool
        case .logical(let op, let left, let right):
            try expect(.bool, left)
            let jump = code.count
            try append(op == .and ? .jumpIfFalseOrPop : .jumpIfTrueOrPop, pops: 1, pushes: 0)
            try expect(.bool, right)
            code[jump].a = Int32(code.count)
            return .bool
        case .compare(let op, let left, let right):
            let kind = try kind(of: left)
            guard try self.kind(of: right) == kind else {
                throw .differentKinds(expression: ExpressionPrinter.print(node))
            }
            try expect(kind, left)
            try expect(kind, right)
            let comparison: ConditionComparison
            switch op {
            case .equal: comparison = .equal
            case .notEqual: comparison = .notEqual
            case .less: comparison = .less
            case .lessOrEqual: comparison = .lessOrEqual
            case .greater: comparison = .greater
            case .greaterOrEqual: comparison = .greaterOrEqual
            }
            let opcode: ConditionOpcode
            switch kind {
            case .number: opcode = .compareNumbers
            case .string: opcode = .compareStrings
            case .bool: opcode = .compareBools
            }
            guard kind == .number || comparison == .equal || comparison == .notEqual else {
                throw .orderingNeedsNumbers(operator: op.rawValue, kind: kind)
            }
            try append(opcode, comparison.rawValue, pops: 2, pushes: 1)
            return .bool
        case .membership(let value, let negated, let list):
            let kind = try emit(value)
            switch kind {
            case .bool:
                var mask: Int32 = 0
                for item in list {
                    guard case .literal(.bool(let member)) = item.kind else { throw notLiteral(item, kind) }
                    mask |= member ? 2 : 1
                }
                try append(.inBools, mask, pops: 1, pushes: 1)
            case .number:
                let start = Int32(lists.count)
                for item in list {
                    switch item.kind {
                    case .literal(.number(let member)): lists.append(number(member))
                    case .literal(.duration(let member)): lists.append(number(Double(member.seconds)))
                    default: throw notLiteral(item, kind)
                    }
                }
                try append(.inNumbers, start, Int32(list.count), pops: 1, pushes: 1)
            case .string:
                let start = Int32(lists.count)
                for item in list {
                    guard case .literal(.string(let member)) = item.kind else { throw notLiteral(item, kind) }
                    lists.append(string(member))
                }
                try append(.inStrings, start, Int32(list.count), pops: 1, pushes: 1)
            }
            if negated { try append(.not, pops: 1, pushes: 1) }
            return .bool
        }
    }

    private mutating func expect(_ kind: ConditionValueKind, _ node: Expression) throws(ConditionCompileError) {
        let found = try emit(node)
        guard found == kind else {
            throw .unexpectedKind(expected: kind, expression: ExpressionPrinter.print(node), found: found)
        }
    }

    private func notLiteral(_ item: Expression, _ kind: ConditionValueKind) -> ConditionCompileError {
        .listMemberNotLiteral(expression: ExpressionPrinter.print(item), kind: kind)
    }

    private mutating func call(_ name: String, _ arguments: [Expression]) throws(ConditionCompileError) -> ConditionValueKind {
        if name == "open" {
            guard arguments.count == 1, case .literal(.string(let schedule)) = arguments[0].kind else {
                throw .openTakesOneSchedule
            }
            guard let index = schedules[schedule] else { throw .unknownSchedule(schedule) }
            try append(.open, Int32(index), pops: 0, pushes: 1)
            return .bool
        }
        let opcode: ConditionOpcode
        switch name {
        case "starts_with": opcode = .startsWith
        case "ends_with": opcode = .endsWith
        case "contains": opcode = .contains
        default: throw .unknownFunction(name)
        }
        guard arguments.count == 2 else { throw .takesTwoArguments(function: name) }
        try expect(.string, arguments[0])
        try expect(.string, arguments[1])
        try append(opcode, pops: 2, pushes: 1)
        return .bool
    }
}
