import Foundation

/// A value of one of the call's variables, as a slot holds it. Durations are `.number` (seconds),
/// enum values `.string` (the value's name). The runtime never interns these: a caller's string
/// (a caller id, a lookup result) stays a Swift `String` and is compared byte for byte with the
/// program's string table.
public enum RuntimeValue: Equatable, Hashable, Sendable, Codable {
    case bool(Bool)
    case number(Double)
    case string(String)

    public var kind: ConditionValueKind {
        switch self {
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        }
    }
}

/// The call's variables by slot: a fixed number of values, set in place. The compiler numbers
/// the slots (`VariableSlots`); a program reads slot `n` as `values[n]`.
public struct SlotValues: Equatable, Sendable, Codable {
    public private(set) var values: [RuntimeValue]

    public init(_ values: [RuntimeValue]) {
        self.values = values
    }

    public var count: Int { values.count }

    /// Slot `slot`'s value. Setting replaces it in place (no other slot moves).
    public subscript(slot: Int) -> RuntimeValue {
        get { values[slot] }
        set { values[slot] = newValue }
    }
}

/// Why an evaluation stopped: the values did not fit the program. The program itself was
/// validated when it was made, so nothing else can go wrong.
public enum ConditionFault: Error, Equatable, Sendable, CustomStringConvertible {
    /// The program reads `needed` slots, the values have `found`.
    case slotCount(needed: Int, found: Int)
    /// Slot `slot` holds a `found`, the program reads it as a `expected`.
    case slotKind(slot: Int, expected: ConditionValueKind, found: ConditionValueKind)

    public var description: String {
        switch self {
        case .slotCount(let needed, let found): return "the condition reads \(needed) slots, the call has \(found)"
        case .slotKind(let slot, let expected, let found): return "slot \(slot) holds a \(found), the condition reads a \(expected)"
        }
    }
}

/// Runs `ConditionProgram`s. It owns a value stack, allocated once and grown only when a program
/// declares a deeper one than any before; an evaluation allocates nothing: no arrays, no strings
/// (strings are compared as UTF-8 bytes in place). It runs at most `instructions.count` steps,
/// since jumps only go forward. One evaluator serves one thread at a time; keep one per worker.
public final class ConditionEvaluator {
    /// A string on the stack: `ref >= 0` is `strings[ref]`, `ref < 0` the string in slot `-1 - ref`.
    private enum Entry {
        case bool(Bool)
        case number(Double)
        case string(Int32)
    }

    private var stack: UnsafeMutablePointer<Entry>
    private var capacity: Int

    public init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        self.stack = .allocate(capacity: self.capacity)
    }

    deinit {
        stack.deallocate()
    }

    /// Whether `program` holds for `slots`; `open(n)` answers whether schedule `n` is open now.
    public func evaluate(_ program: ConditionProgram, slots: SlotValues, open: (Int) -> Bool) throws(ConditionFault) -> Bool {
        guard slots.count >= program.slotCount else { throw .slotCount(needed: program.slotCount, found: slots.count) }
        if program.maxStackDepth > capacity {
            stack.deallocate()
            capacity = program.maxStackDepth
            stack = .allocate(capacity: capacity)
        }
        let stack = self.stack
        let code = program.instructions
        var sp = 0, pc = 0
        while pc < code.count {
            let instruction = code[pc]
            pc += 1
            let a = instruction.a
            switch instruction.opcode {
            case .pushBool:
                stack[sp] = .bool(a != 0)
                sp += 1
            case .pushNumber:
                stack[sp] = .number(program.numbers[Int(a)])
                sp += 1
            case .pushString:
                stack[sp] = .string(a)
                sp += 1
            case .pushSlot:
                // Kinds by raw value: 0 bool, 1 number, 2 string (`ConditionValueKind`).
                switch slots.values[Int(a)] {
                case .bool(let value) where instruction.b == 0: stack[sp] = .bool(value)
                case .number(let value) where instruction.b == 1: stack[sp] = .number(value)
                case .string where instruction.b == 2: stack[sp] = .string(-1 - a)
                case let value:
                    throw .slotKind(slot: Int(a), expected: ConditionValueKind(rawValue: instruction.b) ?? .bool, found: value.kind)
                }
                sp += 1
            case .compareNumbers:
                let x = Self.number(stack[sp - 2]), y = Self.number(stack[sp - 1])
                sp -= 1
                let result: Bool
                switch a {   // `ConditionComparison` by raw value
                case 0: result = x == y
                case 1: result = x != y
                case 2: result = x < y
                case 3: result = x <= y
                case 4: result = x > y
                default: result = x >= y
                }
                stack[sp - 1] = .bool(result)
            case .compareStrings:
                let equal = Self.equal(Self.text(stack[sp - 2], program, slots), Self.text(stack[sp - 1], program, slots))
                sp -= 1
                stack[sp - 1] = .bool(a == 0 ? equal : !equal)
            case .compareBools:
                let equal = Self.bool(stack[sp - 2]) == Self.bool(stack[sp - 1])
                sp -= 1
                stack[sp - 1] = .bool(a == 0 ? equal : !equal)
            case .inNumbers:
                let x = Self.number(stack[sp - 1])
                var found = false
                for index in Int(a) ..< Int(a) + Int(instruction.b) where program.numbers[Int(program.lists[index])] == x {
                    found = true
                    break
                }
                stack[sp - 1] = .bool(found)
            case .inStrings:
                let x = Self.text(stack[sp - 1], program, slots)
                var found = false
                for index in Int(a) ..< Int(a) + Int(instruction.b) where Self.equal(x, program.strings[Int(program.lists[index])]) {
                    found = true
                    break
                }
                stack[sp - 1] = .bool(found)
            case .inBools:
                let x = Self.bool(stack[sp - 1])
                stack[sp - 1] = .bool(a & (x ? 2 : 1) != 0)
            case .not:
                stack[sp - 1] = .bool(!Self.bool(stack[sp - 1]))
            case .jumpIfFalseOrPop:
                if Self.bool(stack[sp - 1]) { sp -= 1 } else { pc = Int(a) }
            case .jumpIfTrueOrPop:
                if Self.bool(stack[sp - 1]) { pc = Int(a) } else { sp -= 1 }
            case .open:
                stack[sp] = .bool(open(Int(a)))
                sp += 1
            case .startsWith, .endsWith, .contains:
                let x = Self.text(stack[sp - 2], program, slots), y = Self.text(stack[sp - 1], program, slots)
                sp -= 1
                let result: Bool
                switch instruction.opcode {
                case .startsWith: result = Self.hasPrefix(x, y)
                case .endsWith: result = Self.hasSuffix(x, y)
                default: result = Self.contains(x, y)
                }
                stack[sp - 1] = .bool(result)
            }
        }
        return Self.bool(stack[0])
    }

    /// `evaluate` with every schedule closed: for conditions that name none.
    public func evaluate(_ program: ConditionProgram, slots: SlotValues) throws(ConditionFault) -> Bool {
        try evaluate(program, slots: slots, open: { _ in false })
    }

    // A validated program only ever finds the kind it expects; the fallbacks are never taken.
    @inline(__always) private static func bool(_ entry: Entry) -> Bool {
        if case .bool(let value) = entry { return value }
        return false
    }

    @inline(__always) private static func number(_ entry: Entry) -> Double {
        if case .number(let value) = entry { return value }
        return .nan
    }

    @inline(__always) private static func text(_ entry: Entry, _ program: ConditionProgram, _ slots: SlotValues) -> String {
        guard case .string(let ref) = entry else { return "" }
        if ref >= 0 { return program.strings[Int(ref)] }
        if case .string(let value) = slots.values[Int(-1 - ref)] { return value }
        return ""
    }

    // Strings compare as UTF-8 bytes (no Unicode normalization), in place: a native string's bytes
    // are contiguous (a small one's are copied onto the stack), so nothing is allocated.

    @inline(__always) private static func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text   // a bridged, non-contiguous string: made contiguous (the only allocation)
        return copy.withUTF8(body)
    }

    @inline(__always) private static func same(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        y.isEmpty || memcmp(x.baseAddress! + offset, y.baseAddress!, y.count) == 0
    }

    static func equal(_ x: String, _ y: String) -> Bool {
        guard x.utf8.count == y.utf8.count else { return false }
        return bytes(x) { x in bytes(y) { y in same(x, y, at: 0) } }
    }

    static func hasPrefix(_ x: String, _ y: String) -> Bool {
        bytes(x) { x in bytes(y) { y in y.count <= x.count && same(x, y, at: 0) } }
    }

    static func hasSuffix(_ x: String, _ y: String) -> Bool {
        bytes(x) { x in bytes(y) { y in y.count <= x.count && same(x, y, at: x.count - y.count) } }
    }

    static func contains(_ x: String, _ y: String) -> Bool {
        bytes(x) { x in
            bytes(y) { y in
                guard y.count <= x.count else { return false }
                guard let first = y.first else { return true }
                var offset = 0
                while offset <= x.count - y.count {
                    if x[offset] == first && same(x, y, at: offset) { return true }
                    offset += 1
                }
                return false
            }
        }
    }
}
