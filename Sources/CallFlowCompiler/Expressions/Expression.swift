/// A literal value written in an expression.
public enum ExpressionLiteral: Hashable, Sendable {
    case bool(Bool)
    case number(Double)
    case string(String)
    case duration(Duration)
}

/// `and` / `or`.
public enum LogicalOperator: String, Hashable, Sendable {
    case and, or
}

/// The comparison operators. `in` and `not in` are `Expression.Kind.membership`.
public typealias ComparisonOperator = ExpressionToken.Operator

extension ExpressionToken.Operator {
    /// `< <= > >=`: defined on numbers and durations only.
    public var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// A parsed expression (grammar/expression.ebnf, docs/expressions.md). Every node knows the offsets it covers in
/// the expression text (Unicode scalars, end exclusive), so a finding about it can point at it.
/// A parenthesized expression is its inner node with the range widened over the parentheses.
public struct Expression: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case literal(ExpressionLiteral)
        /// A dotted variable name (`caller.tier`).
        case variable(String)
        /// `name(arguments)`; `nameRange` covers the function's name.
        case call(name: String, nameRange: Range<Int>, arguments: [Expression])
        case not(Expression)
        case logical(LogicalOperator, Expression, Expression)
        case compare(ComparisonOperator, Expression, Expression)
        /// `value in [list]` or, negated, `value not in [list]`; the list holds literals only.
        case membership(Expression, negated: Bool, list: [Expression])
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// The same tree with every range set to 0..<0: for comparing shapes, as round-trip tests do.
    public var withoutRanges: Expression {
        let kind: Kind
        switch self.kind {
        case .literal, .variable: kind = self.kind
        case .call(let name, _, let arguments): kind = .call(name: name, nameRange: 0..<0, arguments: arguments.map(\.withoutRanges))
        case .not(let operand): kind = .not(operand.withoutRanges)
        case .logical(let op, let a, let b): kind = .logical(op, a.withoutRanges, b.withoutRanges)
        case .compare(let op, let a, let b): kind = .compare(op, a.withoutRanges, b.withoutRanges)
        case .membership(let value, let negated, let list):
            kind = .membership(value.withoutRanges, negated: negated, list: list.map(\.withoutRanges))
        }
        return Expression(kind, 0..<0)
    }

    /// The direct sub-expressions, left to right.
    public var children: [Expression] {
        switch kind {
        case .literal, .variable: return []
        case .call(_, _, let arguments): return arguments
        case .not(let operand): return [operand]
        case .logical(_, let a, let b), .compare(_, let a, let b): return [a, b]
        case .membership(let value, _, let list): return [value] + list
        }
    }

    /// Calls `visit` on this node and every node below it, parents before children.
    public func walk(_ visit: (Expression) -> Void) {
        visit(self)
        // The children in `children`'s order, without building that array at every node.
        switch kind {
        case .literal, .variable: return
        case .call(_, _, let arguments): for argument in arguments { argument.walk(visit) }
        case .not(let operand): operand.walk(visit)
        case .logical(_, let a, let b), .compare(_, let a, let b):
            a.walk(visit)
            b.walk(visit)
        case .membership(let value, _, let list):
            value.walk(visit)
            for item in list { item.walk(visit) }
        }
    }

    /// Variable names in the order first written, each once.
    public var variables: [String] {
        // A direct descent, not `walk` with a closure: every condition's names are asked for by
        // the type checker, `unused-definition` and the condition analyses (issue 17), and the
        // closure's copies of each node cost more than the rest. Names are leaves, so the order is
        // `walk`'s.
        var names = UniqueNames()
        collectVariables(into: &names)
        return names.names
    }

    private func collectVariables(into names: inout UniqueNames) {
        switch kind {
        case .literal: return
        case .variable(let name): names.insert(name)
        case .call(_, _, let arguments): for argument in arguments { argument.collectVariables(into: &names) }
        case .not(let operand): operand.collectVariables(into: &names)
        case .logical(_, let a, let b), .compare(_, let a, let b):
            a.collectVariables(into: &names)
            b.collectVariables(into: &names)
        case .membership(let value, _, let list):
            value.collectVariables(into: &names)
            for item in list { item.collectVariables(into: &names) }
        }
    }

    /// Schedules named by `open("name")`, each once.
    public var schedules: [String] {
        // A direct descent in `walk`'s order (parents before children), as `variables`.
        var names = UniqueNames()
        collectSchedules(into: &names)
        return names.names
    }

    private func collectSchedules(into names: inout UniqueNames) {
        switch kind {
        case .literal, .variable: return
        case .call(let function, _, let arguments):
            if function == "open", arguments.count == 1, case .literal(.string(let name)) = arguments[0].kind { names.insert(name) }
            for argument in arguments { argument.collectSchedules(into: &names) }
        case .not(let operand): operand.collectSchedules(into: &names)
        case .logical(_, let a, let b), .compare(_, let a, let b):
            a.collectSchedules(into: &names)
            b.collectSchedules(into: &names)
        case .membership(let value, _, let list):
            value.collectSchedules(into: &names)
            for item in list { item.collectSchedules(into: &names) }
        }
    }
}

/// Prints expressions back in their canonical form: single spaces around operators, no spaces
/// inside parentheses and lists, parentheses only where precedence needs them. Parsing the
/// printed text gives the same tree.
public enum ExpressionPrinter {
    public static func print(_ expression: Expression) -> String {
        text(expression, context: 0)
    }

    /// Precedence levels: or 1, and 2, not 3, comparison and operands 4.
    private static func level(_ expression: Expression) -> Int {
        switch expression.kind {
        case .logical(.or, _, _): return 1
        case .logical(.and, _, _): return 2
        case .not: return 3
        case .compare, .membership: return 4
        case .literal, .variable, .call: return 5
        }
    }

    /// `context` is the lowest level that may stand here without parentheses.
    private static func text(_ expression: Expression, context: Int) -> String {
        let body: String
        switch expression.kind {
        case .literal(let literal): body = self.literal(literal)
        case .variable(let name): body = name
        case .call(let name, _, let arguments):
            body = name + "(" + arguments.map { text($0, context: 5) }.joined(separator: ", ") + ")"
        case .not(let operand): body = "not " + text(operand, context: 3)
        case .logical(let op, let a, let b):
            // Left-associative: the right operand of the same operator needs parentheses.
            let own = op == .or ? 1 : 2
            body = text(a, context: own) + " " + op.rawValue + " " + text(b, context: own + 1)
        case .compare(let op, let a, let b):
            body = text(a, context: 5) + " " + op.rawValue + " " + text(b, context: 5)
        case .membership(let value, let negated, let list):
            body = text(value, context: 5) + (negated ? " not in [" : " in [")
                + list.map { text($0, context: 5) }.joined(separator: ", ") + "]"
        }
        return level(expression) < context ? "(" + body + ")" : body
    }

    public static func literal(_ literal: ExpressionLiteral) -> String {
        switch literal {
        case .bool(let value): return String(value)
        case .number(let value): return number(value)
        case .string(let value): return quote(value)
        case .duration(let value): return value.description
        }
    }

    /// A number as the parser reads it back to the same value: digits, a point and a sign,
    /// never an exponent (`2.222222222222222e+34` is written out as
    /// `22222222222222220000000000000000000`, `1e-05` as `0.00001`).
    public static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        let text = plainDecimal(String(value))
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Swift's shortest round-trip text of a number with its exponent, if any, written out.
    static func plainDecimal(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else {
            return text
        }
        var mantissa = text[..<e]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent // digits before the decimal point
        // Leading zeros of the mantissa ("0.5e3" is not Swift's form, but be safe).
        while digits.count > 1, digits.hasPrefix("0") { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.hasSuffix("0"), point < digits.count { digits.removeLast() }
        let body: String
        if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            body = digits + String(repeating: "0", count: point - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: point)
            body = digits[..<index] + "." + digits[index...]
        }
        return (negative ? "-" : "") + body
    }

    /// A string literal with `"` and `\` escaped.
    public static func quote(_ value: String) -> String {
        var text = "\""
        for c in value.unicodeScalars {
            if c == "\"" || c == "\\" { text.unicodeScalars.append("\\") }
            text.unicodeScalars.append(c)
        }
        return text + "\""
    }
}

/// Names in first-seen order, each once: compared one by one while there are few (a condition
/// names one or two variables), through a set beyond that (a hostile one may name thousands).
struct UniqueNames {
    private(set) var names: [String] = []
    private var seen: Set<String>?

    mutating func insert(_ name: String) {
        if seen == nil {
            if names.contains(name) { return }
            names.append(name)
            if names.count > 16 { seen = Set(names) }
        } else if seen!.insert(name).inserted {
            names.append(name)
        }
    }
}
