/// A recursive-descent parser for the expression grammar (grammar/expression.ebnf, docs/expressions.md):
///
///     expr    = or ;
///     or      = and { "or" and } ;
///     and     = unary { "and" unary } ;
///     unary   = "not" unary | compare ;
///     compare = operand [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) operand
///                       | [ "not" ] "in" list ] ;
///     operand = literal | variable | call | "(" expr ")" ;
///     list    = "[" [ literal { "," literal } ] "]" ;
///     call    = name "(" [ operand { "," operand } ] ")" ;
///
/// One function per rule. The first syntax error stops the parse; its range is the token where the
/// parse could not go on.
public struct ExpressionParser {
    private var tokens: [ExpressionToken]
    private var position = 0
    /// Nesting depth of parentheses and `not`, bounded so a hostile expression cannot exhaust the stack.
    private var depth = 0
    public static let maximumDepth = 64

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    public static func parse(_ text: String) -> Result<Expression, ExpressionError> {
        switch ExpressionLexer.tokenize(text) {
        case .failure(let error):
            return .failure(error)
        case .success(let tokens):
            var parser = ExpressionParser(tokens: tokens)
            do throws(ExpressionError) {
                if tokens.first?.kind == .end {
                    throw ExpressionError(.empty, at: 0..<0)
                }
                let expression = try parser.expr()
                try parser.expectEnd()
                return .success(expression)
            } catch {
                return .failure(error)
            }
        }
    }

    private var current: ExpressionToken { tokens[position] }

    private mutating func advance() -> ExpressionToken {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isKeyword(_ keyword: ExpressionToken.Keyword) -> Bool {
        current.kind == .keyword(keyword)
    }

    // expr = or ;
    private mutating func expr() throws(ExpressionError) -> Expression {
        try or()
    }

    // or = and { "or" and } ;
    private mutating func or() throws(ExpressionError) -> Expression {
        var left = try and()
        while isKeyword(.or) {
            _ = advance()
            let right = try and()
            left = Expression(.logical(.or, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    // and = unary { "and" unary } ;
    private mutating func and() throws(ExpressionError) -> Expression {
        var left = try unary()
        while isKeyword(.and) {
            _ = advance()
            let right = try unary()
            left = Expression(.logical(.and, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    // unary = "not" unary | compare ;
    private mutating func unary() throws(ExpressionError) -> Expression {
        guard isKeyword(.not) else { return try compare() }
        let keyword = advance()
        try enter(keyword)
        defer { depth -= 1 }
        let operand = try unary()
        return Expression(.not(operand), keyword.range.lowerBound..<operand.range.upperBound)
    }

    // compare = operand [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) operand | [ "not" ] "in" list ] ;
    private mutating func compare() throws(ExpressionError) -> Expression {
        let left = try operand()
        if case .operator(let op) = current.kind {
            _ = advance()
            let right = try operand()
            if case .operator(let chained) = current.kind {
                throw ExpressionError(.chainedComparison(chained), at: current.range)
            }
            return Expression(.compare(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        var negated = false
        if isKeyword(.not) {
            // `not` after an operand can only start `not in`.
            guard tokens[position + 1].kind == .keyword(.in) else {
                throw ExpressionError(.expectedIn(found: tokens[position + 1]), at: tokens[position + 1].range)
            }
            _ = advance()
            negated = true
        }
        if isKeyword(.in) {
            _ = advance()
            let (list, end) = try list()
            return Expression(.membership(left, negated: negated, list: list), left.range.lowerBound..<end)
        }
        return left
    }

    // operand = literal | variable | call | "(" expr ")" ;
    private mutating func operand() throws(ExpressionError) -> Expression {
        let token = current
        if let literal = literal(token) {
            _ = advance()
            return Expression(.literal(literal), token.range)
        }
        switch token.kind {
        case .name(let name):
            _ = advance()
            if current.kind == .leftParen { return try call(name: name, nameRange: token.range) }
            return Expression(.variable(name), token.range)
        case .leftParen:
            _ = advance()
            try enter(token)
            defer { depth -= 1 }
            let inner = try expr()
            guard current.kind == .rightParen else {
                throw ExpressionError(.unclosedParenthesis(found: current), at: current.range)
            }
            let close = advance()
            return Expression(inner.kind, token.range.lowerBound..<close.range.upperBound)
        default:
            throw ExpressionError(.expectedOperand(found: token), at: token.range)
        }
    }

    // call = name "(" [ operand { "," operand } ] ")" ;
    private mutating func call(name: String, nameRange: Range<Int>) throws(ExpressionError) -> Expression {
        let open = advance()
        try enter(open)
        defer { depth -= 1 }
        var arguments: [Expression] = []
        if current.kind != .rightParen {
            arguments.append(try operand())
            while current.kind == .comma {
                _ = advance()
                arguments.append(try operand())
            }
        }
        guard current.kind == .rightParen else {
            throw ExpressionError(.expectedArgumentSeparator(function: name, found: current), at: current.range)
        }
        let close = advance()
        return Expression(.call(name: name, nameRange: nameRange, arguments: arguments), nameRange.lowerBound..<close.range.upperBound)
    }

    // list = "[" [ literal { "," literal } ] "]" ;
    private mutating func list() throws(ExpressionError) -> ([Expression], Int) {
        guard current.kind == .leftBracket else {
            throw ExpressionError(.expectedList(found: current), at: current.range)
        }
        _ = advance()
        var items: [Expression] = []
        if current.kind != .rightBracket {
            items.append(try listItem())
            while current.kind == .comma {
                _ = advance()
                items.append(try listItem())
            }
        }
        guard current.kind == .rightBracket else {
            throw ExpressionError(.expectedListSeparator(found: current), at: current.range)
        }
        let close = advance()
        return (items, close.range.upperBound)
    }

    private mutating func listItem() throws(ExpressionError) -> Expression {
        let token = current
        guard let literal = literal(token) else {
            throw ExpressionError(.listItemNotLiteral(found: token), at: token.range)
        }
        _ = advance()
        return Expression(.literal(literal), token.range)
    }

    // literal = string | number | duration | "true" | "false" ;
    private func literal(_ token: ExpressionToken) -> ExpressionLiteral? {
        switch token.kind {
        case .string(let value): return .string(value)
        case .number(let value): return .number(value)
        case .duration(let value): return .duration(value)
        case .keyword(.true): return .bool(true)
        case .keyword(.false): return .bool(false)
        default: return nil
        }
    }

    private mutating func expectEnd() throws(ExpressionError) {
        guard current.kind != .end else { return }
        if current.kind == .rightParen {
            throw ExpressionError(.unmatchedParenthesis, at: current.range)
        }
        throw ExpressionError(.expectedEnd(found: current), at: current.range)
    }

    private mutating func enter(_ token: ExpressionToken) throws(ExpressionError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw ExpressionError(.tooDeep(limit: Self.maximumDepth), at: token.range)
        }
    }
}
