/// What an expression may name: the flow's variables with their types, its schedules and queues,
/// and whether `queue.*` variables are bound (only in `at: queue` rules).
public struct ExpressionEnvironment: Sendable {
    /// Declared context variables and the built-ins.
    public var variables: [String: ValueType]
    public var schedules: [String]
    public var queues: [String]
    public var queueVariablesBound: Bool
    /// Names whose declarations had errors (reported there): read as of unknown type, silently.
    public var unchecked: Set<String> = []

    public init(variables: [String: ValueType], schedules: [String], queues: [String], queueVariablesBound: Bool) {
        self.variables = variables
        self.schedules = schedules
        self.queues = queues
        self.queueVariablesBound = queueVariablesBound
    }

    /// The environment of `flow`: its context plus the built-ins (a declaration never replaces one).
    public init(flow: Flow, queueVariablesBound: Bool) {
        var variables: [String: ValueType] = [:]
        for variable in flow.context where variables[variable.name.value] == nil {
            variables[variable.name.value] = variable.type
        }
        for builtIn in ContextVariable.builtIns { variables[builtIn.name] = builtIn.type }
        self.init(variables: variables, schedules: flow.schedules.map(\.name.value), queues: flow.queues.map(\.name.value),
                  queueVariablesBound: queueVariablesBound)
    }

    /// `queue.name`, `queue.wait`, `queue.depth`: bound only while a call waits in a queue.
    public static let queueVariables: Set<String> = ["queue.name", "queue.wait", "queue.depth"]

    /// Names that may be suggested for a misspelt variable here.
    var visibleNames: [String] {
        variables.keys.filter { queueVariablesBound || !Self.queueVariables.contains($0) }.sorted()
    }
}

/// An expression that parsed and type-checked, with the types of the variables it reads: what
/// later stages (rule analysis, compiled conditions) work from.
public struct TypedExpression: Hashable, Sendable {
    public var expression: Expression
    /// The type of each variable the expression reads.
    public var variableTypes: VariableTypes

    public init(expression: Expression, variableTypes: VariableTypes) {
        self.expression = expression
        self.variableTypes = variableTypes
    }

    /// The type of any node of `expression`.
    public func type(of node: Expression) -> ValueType? {
        switch node.kind {
        case .literal(let literal): return literal.type
        case .variable(let name): return variableTypes[name]
        case .call, .not, .logical, .compare, .membership: return .bool
        }
    }

    public var variables: [String] { expression.variables }
    public var schedules: [String] { expression.schedules }
}

extension ExpressionLiteral {
    public var type: ValueType {
        switch self {
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .duration: return .duration
        }
    }
}

/// A built-in function: its name, parameter types and result (docs/expressions.md).
public struct ExpressionFunction: Sendable {
    public var name: String
    public var parameters: [(name: String, type: ValueType)]
    public var result: ValueType

    public static let all: [ExpressionFunction] = [
        ExpressionFunction(name: "open", parameters: [("schedule", .string)], result: .bool),
        ExpressionFunction(name: "starts_with", parameters: [("text", .string), ("prefix", .string)], result: .bool),
        ExpressionFunction(name: "ends_with", parameters: [("text", .string), ("suffix", .string)], result: .bool),
        ExpressionFunction(name: "contains", parameters: [("text", .string), ("part", .string)], result: .bool),
    ]

    public static func named(_ name: String) -> ExpressionFunction? { all.first { $0.name == name } }

    /// `starts_with(text: string, prefix: string) -> bool`
    public var signature: String {
        if name == "open" { return "open(\"schedule\") -> bool" }
        return name + "(" + parameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ") -> \(result)"
    }
}

/// Checks the types of an expression (docs/expressions.md): every variable must exist (and `queue.*`
/// only where bound), `and`/`or`/`not` take bools, `==`/`!=`/`in` compare values of one type
/// (an enum with its own values), `< <= > >=` order numbers and durations, functions get the
/// arguments they take, and the whole condition is a bool. Every error is reported, not only the
/// first; a node whose type is unknown after an error raises no further errors.
public struct ExpressionTypeChecker {
    public let environment: ExpressionEnvironment
    private var errors: [ExpressionError] = []

    public init(environment: ExpressionEnvironment) {
        self.environment = environment
    }

    /// Checks `expression` as a condition.
    public static func check(_ expression: Expression, in environment: ExpressionEnvironment)
        -> Result<TypedExpression, ExpressionErrors> {
        check(expression, in: environment, variables: expression.variables)
    }

    /// The same, for a caller that has the expression's `variables` already (the resolver asks
    /// for them first): the tree is not walked for them a second time.
    static func check(_ expression: Expression, in environment: ExpressionEnvironment, variables names: [String])
        -> Result<TypedExpression, ExpressionErrors> {
        var checker = ExpressionTypeChecker(environment: environment)
        if let type = checker.type(of: expression), type != .bool {
            checker.error(.notACondition(found: describe(expression, type), type, hint: conditionHint(expression, type)), at: expression.range)
        }
        if !checker.errors.isEmpty { return .failure(ExpressionErrors(checker.errors)) }
        var types: [(String, ValueType)] = []
        types.reserveCapacity(names.count)
        for name in names { if let type = environment.variables[name] { types.append((name, type)) } }
        return .success(TypedExpression(expression: expression, variableTypes: VariableTypes(types)))
    }

    /// Parses and checks `text`: the errors of whichever step failed.
    public static func check(_ text: String, in environment: ExpressionEnvironment) -> Result<TypedExpression, ExpressionErrors> {
        switch ExpressionParser.parse(text) {
        case .failure(let error): return .failure(ExpressionErrors([error]))
        case .success(let expression): return check(expression, in: environment)
        }
    }

    private mutating func error(_ problem: ExpressionProblem, at range: Range<Int>) {
        errors.append(ExpressionError(problem, at: range))
    }

    /// The node's type, or nil when an error below it makes it unknown.
    private mutating func type(of node: Expression) -> ValueType? {
        switch node.kind {
        case .literal(let literal):
            return literal.type
        case .variable(let name):
            return variable(name, at: node.range)
        case .call(let name, let nameRange, let arguments):
            return call(name, nameRange: nameRange, arguments: arguments, node: node)
        case .not(let operand):
            requireBool(operand, where: "after 'not'")
            return .bool
        case .logical(let op, let a, let b):
            requireBool(a, where: "on each side of '\(op.rawValue)'")
            requireBool(b, where: "on each side of '\(op.rawValue)'")
            return .bool
        case .compare(let op, let a, let b):
            let left = type(of: a), right = type(of: b)
            guard let left, let right else { return .bool }
            if op.isOrdering {
                for (side, type) in [(a, left), (b, right)] where type != .number && type != .duration {
                    var hint = type == .bool ? "; compare bools with == or !=" : ""
                    if case .literal(.string(let text)) = side.kind, Double(text) != nil || Duration(parsing: text) != nil {
                        hint = "; write \(text) without quotes"
                    }
                    error(.notOrderable(operator: op, found: Self.describe(side, type), type, hint: hint), at: side.range)
                    return .bool
                }
            }
            compatible(a, left, b, right, operator: "'\(op.rawValue)'")
            return .bool
        case .membership(let value, let negated, let list):
            guard let valueType = type(of: value) else { return .bool }
            for item in list {
                guard let itemType = type(of: item) else { continue }
                compatible(value, valueType, item, itemType, operator: negated ? "'not in'" : "'in'")
            }
            return .bool
        }
    }

    private mutating func variable(_ name: String, at range: Range<Int>) -> ValueType? {
        // Only a name starting with `q` can be a `queue.*` variable: the others are not hashed.
        if name.utf8.first == UInt8(ascii: "q"), ExpressionEnvironment.queueVariables.contains(name), !environment.queueVariablesBound {
            error(.queueVariableOutsideQueue(name), at: range)
            return nil
        }
        if let type = environment.variables[name] { return type }
        if environment.unchecked.contains(name) { return nil }
        // An enum value written without quotes reads as a variable.
        let owners = environment.variables.filter { entry in
            if case .enumeration(let values) = entry.value { return values.contains(name) }
            return false
        }.keys.sorted()
        if let owner = owners.first {
            error(.unquotedEnumValue(name, of: owner), at: range)
            return nil
        }
        let candidates = environment.visibleNames
        let hint = Suggestion.hint(for: name, in: candidates)
        error(.unknownVariable(name, hint: hint), at: range)
        return nil
    }

    private mutating func call(_ name: String, nameRange: Range<Int>, arguments: [Expression], node: Expression) -> ValueType? {
        guard let function = ExpressionFunction.named(name) else {
            let names = ExpressionFunction.all.map(\.name)
            let hint = Suggestion.hint(for: name, in: names)
            error(.unknownFunction(name, hint: hint, functions: names), at: nameRange)
            for argument in arguments { _ = type(of: argument) }
            return nil
        }
        guard arguments.count == function.parameters.count else {
            error(.argumentCount(function: name, takes: function.parameters.count, found: arguments.count, signature: function.signature),
                  at: node.range)
            for argument in arguments { _ = type(of: argument) }
            return function.result
        }
        if name == "open" {
            schedule(arguments[0])
            return function.result
        }
        for (index, (argument, parameter)) in zip(arguments, function.parameters).enumerated() {
            guard let type = type(of: argument), type != parameter.type else { continue }
            let ordinal = index == 0 ? "first" : "second"
            error(.argumentType(function: name, ordinal: ordinal, expected: parameter.type, found: Self.describe(argument, type), type),
                  at: argument.range)
        }
        return function.result
    }

    /// `open`'s argument: a string literal naming a defined schedule.
    private mutating func schedule(_ argument: Expression) {
        guard case .literal(.string(let name)) = argument.kind else {
            let found = type(of: argument).map { "\(Self.describe(argument, $0))" } ?? "this"
            error(.scheduleNotQuoted(found: found), at: argument.range)
            return
        }
        guard !environment.schedules.contains(name) else { return }
        let hint = Suggestion.hint(for: name, in: environment.schedules)
        error(.unknownSchedule(name, hint: hint), at: argument.range)
    }

    /// `place` and `op` below are made only for a message: a condition that checks makes none.
    private mutating func requireBool(_ node: Expression, where place: @autoclosure () -> String) {
        guard let type = type(of: node), type != .bool else { return }
        error(.notABool(place: place(), found: Self.describe(node, type), type, hint: Self.conditionHint(node, type)), at: node.range)
    }

    /// `==`, `!=` and `in`: the two sides must have one type; an enum compares with its own values,
    /// and `queue.name` with the names of defined queues.
    private mutating func compatible(_ a: Expression, _ left: ValueType, _ b: Expression, _ right: ValueType,
                                     operator op: @autoclosure () -> String) {
        switch (left, right) {
        case (.enumeration(let values), .string), (.string, .enumeration(let values)):
            let (enumSide, other) = left.isEnumeration ? (a, b) : (b, a)
            guard case .literal(.string(let value)) = other.kind else { return } // a string variable may hold any value
            if !values.contains(value) {
                error(.notAnEnumValue(enumeration: Self.describe(enumSide, nil), value: value, values: values), at: other.range)
            }
        case (.enumeration(let x), .enumeration(let y)) where x != y:
            error(.differentEnumerations(Self.describe(a, left), Self.describe(b, right)), at: b.range)
        case (.string, .string):
            for (variable, other) in [(a, b), (b, a)] {
                guard case .variable("queue.name") = variable.kind, case .literal(.string(let value)) = other.kind,
                      !environment.queues.contains(value) else { continue }
                let hint = Suggestion.hint(for: value, in: environment.queues)
                error(.unknownQueue(value, hint: hint), at: other.range)
            }
        default:
            guard left != right, !(left.isEnumeration && right.isEnumeration) else { return }
            var hint = ""
            if left == .duration && right == .number { hint = "; write a duration such as 5m or 90s" }
            if left == .number && right == .duration { hint = "; write a number" }
            error(.incompatible(expected: left, with: Self.describe(a, left), operator: op(), found: Self.describe(b, right), right, hint: hint),
                  at: b.range)
        }
    }

    /// How a message names a node: `'caller.tier'`, `the string "vip"`, `'open(...)'`.
    static func describe(_ node: Expression, _ type: ValueType?) -> String {
        switch node.kind {
        case .variable(let name): return "'\(name)'"
        case .literal(.string(let value)): return "the string \(ExpressionPrinter.quote(value))"
        case .literal(.number(let value)): return "the number \(ExpressionPrinter.number(value))"
        case .literal(.duration(let value)): return "the duration \(value)"
        case .literal(.bool(let value)): return "'\(value)'"
        case .call(let name, _, _): return "the call of '\(name)'"
        case .compare, .membership: return "the comparison"
        case .logical(let op, _, _): return "the '\(op.rawValue)'"
        case .not: return "the 'not'"
        }
    }

    /// `a bool`, `an enum [standard, gold, vip]`.
    static func article(_ type: ValueType) -> String {
        type.isEnumeration ? "an \(type)" : "a \(type)"
    }

    /// How to turn a value that is not a bool into a condition.
    static func conditionHint(_ node: Expression, _ type: ValueType) -> String {
        guard case .variable(let name) = node.kind else { return "" }
        switch type {
        case .bool: return ""
        case .number: return "; compare it, as in \(name) > 0"
        case .duration: return "; compare it, as in \(name) > 2m"
        case .string: return "; compare it, as in \(name) == \"text\""
        case .enumeration(let values): return "; compare it, as in \(name) == \(ExpressionPrinter.quote(values.first ?? ""))"
        }
    }
}

extension ValueType {
    var isEnumeration: Bool {
        if case .enumeration = self { return true }
        return false
    }
}
