/// One token of an expression, with the offsets it covers in the expression's text.
///
/// Offsets count Unicode scalars from the start of the expression (the decoded YAML scalar), the
/// unit columns are counted in, so `ExpressionPositions` can turn them into file positions.
public struct ExpressionToken: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A variable or function name: identifiers joined by dots (`caller.tier`, `open`).
        case name(String)
        /// A string literal's value, escapes resolved.
        case string(String)
        case number(Double)
        case duration(Duration)
        case keyword(Keyword)
        case `operator`(Operator)
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case end
    }

    public enum Keyword: String, Hashable, Sendable, CaseIterable {
        case and, or, not, `in`, `true`, `false`
    }

    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// How a message names the token: `'=='`, `the string "vip"`, `the end of the expression`.
    public var description: String {
        switch kind {
        case .name(let name): return "'\(name)'"
        case .string(let value): return "the string \(ExpressionPrinter.quote(value))"
        case .number(let value): return "the number \(ExpressionPrinter.number(value))"
        case .duration(let value): return "the duration \(value)"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .operator(let op): return "'\(op.rawValue)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        case .end: return "the end of the condition"
        }
    }
}

/// A problem found in an expression: what is wrong and the offsets of the token it is about.
public struct ExpressionError: Error, Hashable, Sendable {
    public var problem: ExpressionProblem
    public var range: Range<Int>

    public init(_ problem: ExpressionProblem, at range: Range<Int>) {
        self.problem = problem
        self.range = range
    }

    /// The diagnostic's text.
    public var message: String { problem.message }
}

/// Every problem the type checker found in one expression (at least one).
public struct ExpressionErrors: Error, Hashable, Sendable {
    public var errors: [ExpressionError]

    public init(_ errors: [ExpressionError]) {
        self.errors = errors
    }
}
