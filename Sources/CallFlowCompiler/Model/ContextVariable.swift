/// The type of a context variable (docs/language.md).
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case bool
    case number
    case string
    case duration
    case enumeration([String])

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .duration: return "duration"
        case .enumeration(let values): return "enum [" + values.joined(separator: ", ") + "]"
        }
    }
}

/// A literal value a variable can hold: defaults, `set` values, lookup results.
public enum LiteralValue: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case number(Double)
    case string(String)
    case duration(Duration)

    public var description: String {
        switch self {
        case .bool(let b): return String(b)
        case .number(let n): return ExpressionPrinter.number(n)
        case .string(let s): return s
        case .duration(let d): return d.description
        }
    }
}

/// A variable the flow reads, declared under `context` (or built in).
public struct ContextVariable: Sendable {
    public var name: Located<String>
    public var type: ValueType
    public var defaultValue: LiteralValue?
    public var description: String?
    /// `format: digits`: a string spoken digit by digit in prompts (docs/language.md).
    public var format: Located<String>? = nil

    public init(name: Located<String>, type: ValueType, defaultValue: LiteralValue? = nil, description: String? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
    }

    /// Variables every flow has (docs/language.md). `queue.*` exist only in `at: queue` rules.
    public static let builtIns: [(name: String, type: ValueType)] = [
        ("caller.number", .string), ("call.dialed", .string), ("call.failures", .number),
        ("call.priority", .number), ("queue.name", .string), ("queue.wait", .duration),
        ("queue.depth", .number),
    ]
}
