/// A shortcut past cutting and evaluating for the commonest condition (issue 17, fourth round):
/// `account.balance > 4 and caller.tier in ["gold", "vip"]`, where each variable occurs once,
/// compared with literals only, joined by `and`, `or` and `not`.
///
/// Why the answer is sure: each such comparison (an atom) reads one variable no other atom reads,
/// so over the domain `ConditionDomain` cuts (a product of each variable's pieces, cut by that
/// variable's one atom) the atoms take their values independently. When every atom is true at
/// one of its variable's representatives and false at another, every `and`, `or` and `not` of
/// them is too (by induction: pick each side's values apart), so the whole condition holds for
/// some combination and fails for another. That is what evaluating every combination with the
/// runtime's evaluator would find: not constant, never shadowed alone, and a one-case switch can
/// take its case or its `else`.
///
/// Anything this file is not sure of (a variable read twice, a literal on the left, two
/// variables compared, a function, a literal standing alone, a duration literal below zero, a
/// comparison the type checker would refuse) answers false: the caller then takes the general
/// route. The answer never says "constant": only "surely not constant" or "not known".
enum ReadOnceCondition {
    /// Whether `condition` is read-once with every atom taking both values over its variable's
    /// representatives: then it holds in some combination and fails in another.
    static func isSurelyContingent(_ condition: TypedExpression) -> Bool {
        var seen: [String] = []
        return contingent(condition.expression, condition.variableTypes, &seen)
    }

    private static func contingent(_ node: Expression, _ types: VariableTypes, _ seen: inout [String]) -> Bool {
        switch node.kind {
        case .not(let operand):
            return contingent(operand, types, &seen)
        case .logical(_, let a, let b):
            return contingent(a, types, &seen) && contingent(b, types, &seen)
        case .variable(let name):
            // A bool variable standing alone: false, then true.
            guard let type = claim(name, types, &seen), case .bool = type else { return false }
            return true
        case .compare(let op, let side, let other):
            guard case .variable(let name) = side.kind, case .literal(let literal) = other.kind,
                  let type = claim(name, types, &seen) else { return false }
            return comparison(op, type, literal)
        case .membership(let value, _, let list):
            // `not in` is `in` then `not`: contingent exactly when `in` is.
            guard case .variable(let name) = value.kind, let type = claim(name, types, &seen) else { return false }
            return membership(type, list)
        case .literal, .call:
            return false
        }
    }

    /// The type of `name`, when it is declared and not read before (a few names: a list is cheaper
    /// than a set of strings).
    private static func claim(_ name: String, _ types: VariableTypes, _ seen: inout [String]) -> ValueType? {
        guard let type = types[name], !seen.contains(name) else { return nil }
        seen.append(name)
        return type
    }

    /// `variable op literal`, against the representatives `ConditionDomain` gives its variable.
    private static func comparison(_ op: ComparisonOperator, _ type: ValueType, _ literal: ExpressionLiteral) -> Bool {
        switch (type, literal) {
        case (.number, .number(let value)):
            // Pieces l.nextDown, l, l.nextUp: each of the six comparisons is true at one, false at another.
            return value.isFinite
        case (.duration, .duration(let value)):
            // Whole seconds from 0: pieces 0 (when l > 0), l, l + 1. `< 0s` never holds and
            // `>= 0s` always does; every other comparison with l >= 0 goes both ways (as long as
            // l + 1 is another Double: the evaluator compares seconds as Doubles).
            let seconds = value.seconds
            guard seconds >= 0, seconds < largestExactSeconds else { return false }
            if seconds == 0, op == .less || op == .greaterOrEqual { return false }
            return true
        case (.string, .string):
            // Pieces: the literal and a string that is not it.
            return op == .equal || op == .notEqual
        case (.bool, .bool):
            return op == .equal || op == .notEqual
        case (.enumeration(let values), .string(let text)):
            // Pieces: the enum's values, compared as UTF-8 bytes like the runtime does.
            guard op == .equal || op == .notEqual else { return false }
            return values.contains { sameBytes($0, text) } && values.contains { !sameBytes($0, text) }
        default:
            return false
        }
    }

    /// `variable in [list]`, against the representatives `ConditionDomain` gives its variable.
    /// Read in place, without gathering the literals first (this runs once per switch).
    private static func membership(_ type: ValueType, _ list: [Expression]) -> Bool {
        guard !list.isEmpty else { return false }
        switch type {
        case .number:
            // A member is a piece; so is the smallest member's nextDown, which is none.
            return list.allSatisfy { if case .literal(.number(let value)) = $0.kind { return value.isFinite } else { return false } }
        case .duration:
            // A member is a piece; so is the largest member + 1, which is none.
            return list.allSatisfy {
                if case .literal(.duration(let value)) = $0.kind { return (0..<largestExactSeconds).contains(value.seconds) } else { return false }
            }
        case .string:
            // A member is a piece; so is a string that is none of them.
            return list.allSatisfy { if case .literal(.string) = $0.kind { return true } else { return false } }
        case .bool:
            var sawTrue = false, sawFalse = false
            for item in list {
                guard case .literal(.bool(let value)) = item.kind else { return false }
                if value { sawTrue = true } else { sawFalse = true }
            }
            return sawTrue != sawFalse
        case .enumeration(let values):
            guard list.allSatisfy({ if case .literal(.string) = $0.kind { return true } else { return false } }) else { return false }
            var sawIn = false, sawOut = false
            for value in values {
                let isMember = list.contains { item in
                    if case .literal(.string(let text)) = item.kind { return sameBytes(value, text) }
                    return false
                }
                if isMember { sawIn = true } else { sawOut = true }
            }
            return sawIn && sawOut
        }
    }

    /// Below this, a whole number of seconds and the next one are two Doubles.
    private static let largestExactSeconds = 1 << 52

    private static func sameBytes(_ x: String, _ y: String) -> Bool {
        // Lengths first: a native string knows its UTF-8 count, and most values differ in it.
        x.utf8.count == y.utf8.count && x.utf8.elementsEqual(y.utf8)
    }
}
