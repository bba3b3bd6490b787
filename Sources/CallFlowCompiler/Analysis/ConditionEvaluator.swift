/// Evaluates a decidable condition (`ConditionDomain.isDecidable`) with every variable it reads
/// given a value, as the runtime would: numbers compare as Doubles, durations by their seconds,
/// strings and enum values by equality; `!=` and `not in` are the negations of `==` and `in`.
/// Internal: the analysis's own evaluator over the typed tree, not the runtime's
/// `CallFlowRuntime.ConditionEvaluator`, which runs compiled programs.
enum ConditionEvaluator {
    /// Whether `condition` holds under `assignment`.
    static func holds(_ condition: Expression, under assignment: [String: ConditionValue]) -> Bool {
        switch condition.kind {
        case .not(let operand):
            return !holds(operand, under: assignment)
        case .logical(.and, let a, let b):
            return holds(a, under: assignment) && holds(b, under: assignment)
        case .logical(.or, let a, let b):
            return holds(a, under: assignment) || holds(b, under: assignment)
        case .compare(let op, let a, let b):
            return compare(op, value(a, under: assignment), value(b, under: assignment))
        case .membership(let operand, let negated, let list):
            let value = value(operand, under: assignment)
            return list.contains { self.value($0, under: assignment) == value } != negated
        case .literal, .variable:
            guard case .bool(let truth) = value(condition, under: assignment) else {
                preconditionFailure("a condition that type-checked is a bool")
            }
            return truth
        case .call(let name, _, _):
            preconditionFailure("'\(name)(...)' cannot be evaluated before the call: the condition is not decidable")
        }
    }

    /// The value of any node of a decidable condition.
    static func value(_ node: Expression, under assignment: [String: ConditionValue]) -> ConditionValue {
        switch node.kind {
        case .literal(let literal):
            return ConditionValue(literal)
        case .variable(let name):
            guard let value = assignment[name] else { preconditionFailure("no value for '\(name)'") }
            return value
        case .not, .logical, .compare, .membership, .call:
            return .bool(holds(node, under: assignment))
        }
    }

    private static func compare(_ op: ComparisonOperator, _ a: ConditionValue, _ b: ConditionValue) -> Bool {
        if op == .equal { return a == b }
        if op == .notEqual { return a != b }
        let x: Double, y: Double
        switch (a, b) {
        case (.number(let left), .number(let right)): (x, y) = (left, right)
        case (.duration(let left), .duration(let right)): (x, y) = (Double(left), Double(right))
        default: preconditionFailure("ordering compares numbers or durations only")
        }
        switch op {
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        case .equal, .notEqual: preconditionFailure("decided above")
        }
    }
}
