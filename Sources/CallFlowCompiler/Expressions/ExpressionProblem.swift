/// What is wrong with an expression (issue 10, item 7): a case per mistake, whose `message` is the
/// text the diagnostic shows. `ExpressionError` adds the offsets it points at. Strings a case
/// carries are names from the expression (a variable, a function, a described operand such as
/// `the string "vip"`) or a suggestion's hint, never the sentence itself.
public enum ExpressionProblem: Hashable, Sendable {
    // Lexing.
    case assignmentOperator
    case bangOperator
    case singleQuotes
    case unexpectedCharacter(Character)
    /// A `+` that starts a phone number (`number` is the whole number).
    case unquotedPhoneNumber(String)
    case unknownEscape
    case unclosedString
    case notADuration(String)
    case notANumber(String)
    // Parsing.
    case empty
    case chainedComparison(ExpressionToken.Operator)
    case expectedIn(found: ExpressionToken)
    case unclosedParenthesis(found: ExpressionToken)
    case expectedOperand(found: ExpressionToken)
    case expectedArgumentSeparator(function: String, found: ExpressionToken)
    case expectedList(found: ExpressionToken)
    case expectedListSeparator(found: ExpressionToken)
    case listItemNotLiteral(found: ExpressionToken)
    case unmatchedParenthesis
    case expectedEnd(found: ExpressionToken)
    case tooDeep(limit: Int)
    // Type checking. `found` is how the message names the operand (`'caller.tier'`, `the string "vip"`).
    case notACondition(found: String, ValueType, hint: String)
    case notOrderable(operator: ExpressionToken.Operator, found: String, ValueType, hint: String)
    case queueVariableOutsideQueue(String)
    case unquotedEnumValue(String, of: String)
    /// `hint`: a suggestion's hint, or empty (then the message says where to declare it).
    case unknownVariable(String, hint: String)
    case unknownFunction(String, hint: String, functions: [String])
    case argumentCount(function: String, takes: Int, found: Int, signature: String)
    case argumentType(function: String, ordinal: String, expected: ValueType, found: String, ValueType)
    /// `open`'s argument is not a string literal (`found`: how the message names it, or "this").
    case scheduleNotQuoted(found: String)
    case unknownSchedule(String, hint: String)
    case notABool(place: String, found: String, ValueType, hint: String)
    case notAnEnumValue(enumeration: String, value: String, values: [String])
    case differentEnumerations(String, String)
    case unknownQueue(String, hint: String)
    case incompatible(expected: ValueType, with: String, operator: String, found: String, ValueType, hint: String)

    public var message: String {
        typealias Checker = ExpressionTypeChecker
        switch self {
        case .assignmentOperator: return "'=' is not an operator; write '==' to compare"
        case .bangOperator: return "'!' is not an operator; write 'not' to negate or '!=' to compare"
        case .singleQuotes: return "strings are written in double quotes (\"...\"), not single quotes"
        case .unexpectedCharacter(let c):
            let hint = c == "&" ? "; write 'and'" : c == "|" ? "; write 'or'" : c == "\t" ? " (a tab); use spaces" : ""
            return "unexpected character '\(c)'\(hint)"
        case .unquotedPhoneNumber(let number): return "unexpected character '+'; a phone number is a string: quote it, \"\(number)\""
        case .unknownEscape: return "unknown escape in a string; only \\\" and \\\\ are allowed"
        case .unclosedString: return "this string has no closing '\"'"
        case .notADuration(let text): return "'\(text)' is not a duration; write one like 5s, 2m, 1h or 1m30s"
        case .notANumber(let text):
            return "'\(text)' is not a number or a duration; write a number like 3 or 2.5, or a duration like 5s, 2m or 1m30s"
        case .empty: return "the condition is empty; write one such as caller.tier == \"vip\""
        case .chainedComparison(let op):
            return "comparisons cannot be chained; join them with 'and', as in a < b and b < c, not '\(op.rawValue)' after a comparison"
        case .expectedIn(let found): return "expected 'in' after 'not' here (as in x not in [\"a\", \"b\"]), found \(found.description)"
        case .unclosedParenthesis(let found): return "expected ')' to close the '(', found \(found.description)"
        case .expectedOperand(let found): return "expected a value, a variable, a function call or '(', found \(found.description)"
        case .expectedArgumentSeparator(let function, let found):
            return "expected ',' or ')' in the arguments of '\(function)', found \(found.description)"
        case .expectedList(let found): return "expected a list such as [\"a\", \"b\"] after 'in', found \(found.description)"
        case .expectedListSeparator(let found): return "expected ',' or ']' in the list, found \(found.description)"
        case .listItemNotLiteral(let found):
            return "a list holds literals only (strings, numbers, durations, true, false), found \(found.description)"
        case .unmatchedParenthesis: return "this ')' closes no '('"
        case .expectedEnd(let found): return "expected 'and', 'or' or the end of the condition, found \(found.description)"
        case .tooDeep(let limit): return "the condition nests deeper than \(limit) levels"
        case .notACondition(let found, let type, let hint):
            return "expected a condition (a bool), found \(found), \(Checker.article(type))\(hint)"
        case .notOrderable(let op, let found, let type, let hint):
            return "expected a number or a duration for '\(op.rawValue)', found \(found), \(Checker.article(type))\(hint)"
        case .queueVariableOutsideQueue(let name):
            return "'\(name)' is only set while a call waits in a queue: use it in an escalation rule with 'at: queue'"
        case .unquotedEnumValue(let name, let owner): return "unknown variable '\(name)'; '\(name)' is a value of \(owner): quote it, \"\(name)\""
        case .unknownVariable(let name, let hint): return "unknown variable '\(name)'\(hint.isEmpty ? "; declare it under 'context'" : hint)"
        case .unknownFunction(let name, let hint, let functions):
            return "unknown function '\(name)'\(hint.isEmpty ? "; the functions are \(functions.joined(separator: ", "))" : hint)"
        case .argumentCount(let function, let count, let found, let signature):
            return "'\(function)' takes \(count) argument\(count == 1 ? "" : "s"), found \(found): \(signature)"
        case .argumentType(let function, let ordinal, let expected, let found, let type):
            return "expected \(Checker.article(expected)) as the \(ordinal) argument of '\(function)', found \(found), \(Checker.article(type))"
        case .scheduleNotQuoted(let found): return "'open' takes a schedule's name in double quotes, such as open(\"office\"), not \(found)"
        case .unknownSchedule(let name, let hint): return "no schedule is named '\(name)'\(hint.isEmpty ? "; define it under 'schedules'" : hint)"
        case .notABool(let place, let found, let type, let hint):
            return "expected a bool \(place), found \(found), \(Checker.article(type))\(hint)"
        case .notAnEnumValue(let enumeration, let value, let values):
            return "\(enumeration) is never \(ExpressionPrinter.quote(value)): its values are \(values.joined(separator: ", "))\(Suggestion.hint(for: value, in: values))"
        case .differentEnumerations(let a, let b): return "cannot compare \(a) with \(b): their values differ"
        case .unknownQueue(let value, let hint): return "'queue.name' is never \(ExpressionPrinter.quote(value)): no queue is named '\(value)'\(hint)"
        case .incompatible(let expected, let with, let op, let found, let type, let hint):
            return "expected \(Checker.article(expected)) to compare with \(with) (\(op)), found \(found), \(Checker.article(type))\(hint)"
        }
    }
}
