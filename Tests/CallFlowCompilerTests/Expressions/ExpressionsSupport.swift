import Testing
@testable import CallFlowCompiler

/// The expression tests: `swift test --filter Expressions` runs them all.
@Suite enum Expressions {}

extension Expressions {
    static func parse(_ text: String) throws -> Expression {
        try ExpressionParser.parse(text).get()
    }

    /// The parse error of `text`, or nil when it parses.
    static func syntaxError(_ text: String) -> ExpressionError? {
        if case .failure(let error) = ExpressionParser.parse(text) { return error }
        return nil
    }

    /// An environment like a small flow's: three context variables of each kind, the built-ins,
    /// a schedule `office` and a queue `tech`.
    static func environment(inQueue: Bool = false) -> ExpressionEnvironment {
        var variables: [String: ValueType] = [
            "caller.tier": .enumeration(["standard", "gold", "vip"]),
            "account.level": .enumeration(["basic", "premium"]),
            "caller.vip": .bool,
            "account.balance": .number,
            "account.id": .string,
            "hold.time": .duration,
        ]
        for builtIn in ContextVariable.builtIns { variables[builtIn.name] = builtIn.type }
        return ExpressionEnvironment(variables: variables, schedules: ["office", "late-shift"], queues: ["tech", "billing"],
                                     queueVariablesBound: inQueue)
    }

    /// The type errors of `text` (parse errors too), or [] when it checks.
    static func typeErrors(_ text: String, inQueue: Bool = false) -> [ExpressionError] {
        switch ExpressionTypeChecker.check(text, in: environment(inQueue: inQueue)) {
        case .success: return []
        case .failure(let failure): return failure.errors
        }
    }

    /// The text `range` covers in `text`: what an error underlines.
    static func slice(_ text: String, _ range: Range<Int>) -> String {
        let scalars = Array(text.unicodeScalars)
        let lower = min(range.lowerBound, scalars.count), upper = min(range.upperBound, scalars.count)
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }
}
