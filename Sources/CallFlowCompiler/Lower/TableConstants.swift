import CallFlowRuntime

/// The constants section being built: variables' defaults and `set` nodes' values, each
/// distinct constant once.
struct TableConstantPool {
    private(set) var constants: [TableConstant] = []
    private var index: [String: Int32] = [:]

    /// The index of `value`, adding it if it is new.
    mutating func add(_ value: TableConstant) -> Int32 {
        // Numbers are keyed by their bits so that 0 and -0 (equal as doubles) stay apart.
        let key: String
        switch value {
        case .bool(let b): key = "b\(b)"
        case .number(let n): key = "n\(n.bitPattern)"
        case .string(let s): key = "s\(s)"
        }
        if let existing = index[key] { return existing }
        constants.append(value)
        index[key] = Int32(constants.count - 1)
        return Int32(constants.count - 1)
    }

    /// The constant for `literal` as a value of `type` (its zero when there is no literal),
    /// interning its text; `what` names it in the error when the literal has another type.
    mutating func add(_ literal: LiteralValue?, type: ValueType, what: String,
                      strings: inout TableStrings) throws(TableCompileError) -> Int32 {
        let value: TableConstant
        switch try TableLiteral(literal, type: type, what: what) ?? TableLiteral(zeroOf: type) {
        case .bool(let b): value = .bool(b)
        case .number(let n): value = .number(n)
        case .text(let s): value = .string(strings.intern(s))
        }
        return add(value)
    }
}

/// A flow literal converted to a variable's type, before its text is interned.
enum TableLiteral {
    case bool(Bool), number(Double), text(String)

    /// The value a variable without a default starts with.
    init(zeroOf type: ValueType) {
        switch type {
        case .bool: self = .bool(false)
        case .number, .duration: self = .number(0)
        case .string: self = .text("")
        case .enumeration(let values): self = .text(values.first ?? "")
        }
    }

    /// `value` as a value of `type`; nil for no literal. Durations are stored as seconds.
    init?(_ value: LiteralValue?, type: ValueType, what: String) throws(TableCompileError) {
        guard let value else { return nil }
        switch (type, value) {
        case (.bool, .bool(let b)): self = .bool(b); return
        case (.number, .number(let n)): self = .number(n); return
        case (.duration, .duration(let d)): self = .number(Double(d.seconds)); return
        case (.duration, .string(let s)):
            guard let d = Duration(parsing: s) else { break }
            self = .number(Double(d.seconds)); return
        case (.duration, .number(let n)): self = .number(n); return
        case (.string, .string(let s)): self = .text(s); return
        case (.string, .number): self = .text(value.description); return
        case (.enumeration(let values), .string(let s)) where values.contains(s): self = .text(s); return
        default: break
        }
        throw .literalNotOfType(what: what, value: value, type: type)
    }
}
