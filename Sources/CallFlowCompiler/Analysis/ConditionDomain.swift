import CallFlowRuntime

/// A value a condition's variable takes while the analysis evaluates the condition. Strings are
/// equal when their UTF-8 bytes are, as the runtime compares them (`"\u{E9}"` is not `"e\u{301}"`).
public enum ConditionValue: Hashable, Sendable {
    case bool(Bool)
    case number(Double)
    case string(String)
    /// Whole seconds, never negative.
    case duration(Int)

    init(_ literal: ExpressionLiteral) {
        switch literal {
        case .bool(let value): self = .bool(value)
        case .number(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .duration(let value): self = .duration(value.seconds)
        }
    }

    public static func == (x: ConditionValue, y: ConditionValue) -> Bool {
        switch (x, y) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.duration(let a), .duration(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let value): hasher.combine(0); hasher.combine(value)
        case .number(let value): hasher.combine(1); hasher.combine(value)
        case .string(let value):
            hasher.combine(2)
            hasher.combine(value.utf8.count)
            for byte in value.utf8 { hasher.combine(byte) }
        case .duration(let value): hasher.combine(3); hasher.combine(value)
        }
    }

    /// The value a slot holds at run time: durations as seconds, enum values as strings.
    var runtimeValue: RuntimeValue {
        switch self {
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .duration(let seconds): return .number(Double(seconds))
        }
    }
}

/// Orders strings as `String`'s `<` does, and two that it takes for one (canonically equivalent
/// spellings) by their UTF-8 bytes, so the order is the same in every run.
func byteTieBroken(_ x: String, _ y: String) -> Bool {
    if x < y { return true }
    if y < x { return false }
    return x.utf8.lexicographicallyPrecedes(y.utf8)
}

/// The values of the variables some conditions read, cut into the pieces the conditions' literals
/// cut them into, with one representative value per piece (docs/decisions.md, "Checking"). Inside one piece
/// every comparison with those literals has the same result, so evaluating the conditions at each
/// combination of representatives decides them exactly:
///
/// - bool: `false`, `true`; an enum: each of its values;
/// - a number compared with literals l1 < l2 < ... < lk: below l1, l1, between l1 and l2, l2, ...,
///   lk, above lk (numbers may be fractional: any Double);
/// - a duration: the same pieces, restricted to whole seconds from 0 (an empty piece is dropped);
/// - a string, compared only for equality: each literal, and one string that is none of them.
///
/// Only decidable conditions (`isDecidable`) can be cut so.
public struct ConditionDomain: Sendable {
    /// The variables read, in the order first met.
    public private(set) var variables: [String] = []
    /// The representatives of each variable, in the order of `variables`.
    public private(set) var representatives: [[ConditionValue]] = []

    /// The domain of everything `conditions` (all decidable) read.
    public init(_ conditions: [TypedExpression]) {
        var cut = Cut()
        for condition in conditions { cut.add(condition) }
        self.init(cut)
    }

    init(_ cut: Cut) {
        for name in cut.order {
            variables.append(name)
            representatives.append(Self.representatives(of: cut.types[name]!, literals: cut.literals[name] ?? []))
        }
    }

    /// How many combinations there are (saturating at `Int.max`).
    public var combinationCount: Int { Self.product(representatives.map(\.count)) }

    /// How many combinations the domain of `conditions` has, without building it.
    public static func combinationCount(of conditions: [TypedExpression]) -> Int {
        var cut = Cut()
        for condition in conditions { cut.add(condition) }
        return cut.combinationCount
    }

    /// Calls `body` with every combination of representatives, one value per variable.
    public func forEachAssignment(_ body: ([String: ConditionValue]) -> Void) {
        guard !representatives.contains(where: \.isEmpty) else { return }
        var digits = Array(repeating: 0, count: variables.count)
        var assignment: [String: ConditionValue] = [:]
        for (name, values) in zip(variables, representatives) { assignment[name] = values[0] }
        while true {
            body(assignment)
            // Odometer: advance the last variable first.
            var position = variables.count - 1
            while position >= 0 {
                digits[position] += 1
                if digits[position] < representatives[position].count {
                    assignment[variables[position]] = representatives[position][digits[position]]
                    break
                }
                digits[position] = 0
                assignment[variables[position]] = representatives[position][0]
                position -= 1
            }
            if position < 0 { return }
        }
    }

    /// Whether `condition` compares its variables with literals only, so that cutting decides it:
    /// no function call, and no number, duration or string variable compared with anything but
    /// a literal (two bools or two enums compare exactly: their values are few). Anything else
    /// is left out of the analysis, never guessed.
    public static func isDecidable(_ condition: TypedExpression) -> Bool {
        var decidable = true
        condition.expression.walk { node in
            guard decidable else { return }
            switch node.kind {
            case .call:
                decidable = false
            case .variable(let name):
                if condition.variableTypes[name] == nil { decidable = false }
            case .compare(_, let a, let b):
                if !comparesWithLiteral(a, b, condition) || !comparesWithLiteral(b, a, condition) { decidable = false }
            case .literal, .not, .logical, .membership:
                break
            }
        }
        return decidable
    }

    /// False when `side` is a variable with infinitely many values and `other` is not a literal.
    private static func comparesWithLiteral(_ side: Expression, _ other: Expression, _ condition: TypedExpression) -> Bool {
        guard case .variable(let name) = side.kind, let type = condition.variableTypes[name], !type.isFinite else { return true }
        if case .literal = other.kind { return true }
        return false
    }

    // MARK: Cutting

    /// The literals each variable is compared with, gathered one condition at a time.
    struct Cut {
        var order: [String] = []
        var types: [String: ValueType] = [:]
        var literals: [String: Set<ConditionValue>] = [:]

        mutating func add(_ condition: TypedExpression) {
            // One walk: variables in the order first met (parents before children, as
            // `Expression.variables` gives them) and the literals they are compared with.
            condition.expression.walk { node in
                switch node.kind {
                case .variable(let name):
                    if types[name] == nil, let type = condition.variableTypes[name] {
                        order.append(name)
                        types[name] = type
                    }
                case .compare(_, let a, let b):
                    note(a, [b])
                    note(b, [a])
                case .membership(let value, _, let list):
                    note(value, list)
                default:
                    break
                }
            }
        }

        /// How many combinations the domain cut so far has (saturating at `Int.max`).
        var combinationCount: Int {
            ConditionDomain.product(order.map { ConditionDomain.pieceCount(of: types[$0]!, literals: literals[$0] ?? []) })
        }

        private mutating func note(_ side: Expression, _ others: [Expression]) {
            guard case .variable(let name) = side.kind else { return }
            for other in others {
                if case .literal(let literal) = other.kind { literals[name, default: []].insert(ConditionValue(literal)) }
            }
        }
    }

    static func representatives(of type: ValueType, literals: Set<ConditionValue>) -> [ConditionValue] {
        switch type {
        case .bool:
            return [.bool(false), .bool(true)]
        case .enumeration(let values):
            return values.map { .string($0) }
        case .string:
            let strings = literals.compactMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }.sorted(by: byteTieBroken)
            return (strings + [otherString(than: strings)]).map { .string($0) }
        case .number:
            return realPieces(numbers(literals)).map { .number($0) }
        case .duration:
            return wholePieces(numbers(literals)).map { .duration(Int($0)) }
        }
    }

    static func pieceCount(of type: ValueType, literals: Set<ConditionValue>) -> Int {
        switch type {
        case .bool: return 2
        case .enumeration(let values): return values.count
        case .string: return literals.count + 1
        case .number, .duration: return representatives(of: type, literals: literals).count
        }
    }

    /// The literals as sorted, distinct numbers (durations in seconds).
    private static func numbers(_ literals: Set<ConditionValue>) -> [Double] {
        Set(literals.compactMap { value -> Double? in
            switch value {
            case .number(let number): return number
            case .duration(let seconds): return Double(seconds)
            case .bool, .string: return nil
            }
        }).sorted()
    }

    /// One number from each piece the sorted `points` cut the real line into.
    static func realPieces(_ points: [Double]) -> [Double] {
        guard let first = points.first, let last = points.last else { return [0] }
        var values = [first.nextDown]
        for (index, point) in points.enumerated() {
            values.append(point)
            if index + 1 < points.count, point.nextUp < points[index + 1] { values.append(point.nextUp) }
        }
        values.append(last.nextUp)
        return values
    }

    /// One whole number >= 0 from each piece the sorted `points` (whole, >= 0) cut them into; a
    /// piece with no whole number in it (between 4 and 5) is left out.
    static func wholePieces(_ points: [Double]) -> [Double] {
        guard let first = points.first, let last = points.last else { return [0] }
        var values: [Double] = first > 0 ? [0] : []
        for (index, point) in points.enumerated() {
            values.append(point)
            if index + 1 < points.count, point + 1 < points[index + 1] { values.append(point + 1) }
        }
        values.append(last + 1)
        return values
    }

    /// A string that is none of `strings`.
    static func otherString(than strings: [String]) -> String {
        let taken = Set(strings.map { Array($0.utf8) })
        var other = "\u{1}"
        while taken.contains(Array(other.utf8)) { other += "\u{1}" }
        return other
    }

    static func product(_ counts: [Int]) -> Int {
        var total = 1
        for count in counts {
            let (next, overflow) = total.multipliedReportingOverflow(by: count)
            total = overflow ? Int.max : next
        }
        return total
    }
}

extension ValueType {
    /// Bools and enums: few enough values to try each.
    var isFinite: Bool {
        switch self {
        case .bool, .enumeration: return true
        case .number, .string, .duration: return false
        }
    }
}
