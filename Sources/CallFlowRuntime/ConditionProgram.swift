/// A compiled condition (spec section 9: "conditions are compiled (no expression parsing at run
/// time)"): a flat array of fixed-size instructions for a small stack machine, over the call's
/// variables held in numbered slots (`SlotValues`). docs/conditions.md describes the format.
///
/// - `instructions`: `ConditionInstruction`s (an opcode and two `Int32` operands), run from the
///   first to the last. Jumps only go forward, so a program runs at most `instructions.count` steps.
/// - `numbers`: the number pool (numbers, and durations as seconds), each value once.
/// - `strings`: the string table (string literals and enum values), each value once.
/// - `lists`: the members of `in` lists, as indices into `numbers` or `strings` (the instruction
///   says which); an `in` instruction names a range of this pool.
/// - `slotCount`: how many slots the call's variables take (the `SlotValues` it runs against
///   must have at least as many); `scheduleCount`: how many schedules `open` may name;
///   `maxStackDepth`: the deepest the value stack gets.
///
/// Every program that exists has been validated (`init` and decoding validate), so the
/// evaluator never meets a bad index, jump or stack depth.
///
/// Two programs are equal when they run the same: their strings compare as UTF-8 bytes, as the
/// evaluator compares them (`"\u{E9}"` and `"e\u{301}"` are two strings, docs/conditions.md).
public struct ConditionProgram: Equatable, Sendable {
    /// The deepest stack a program may declare.
    public static let stackLimit = 256
    /// The most instructions a program may have.
    public static let instructionLimit = 1 << 20

    public let instructions: [ConditionInstruction]
    public let numbers: [Double]
    public let strings: [String]
    public let lists: [Int32]
    public let slotCount: Int
    public let scheduleCount: Int
    public let maxStackDepth: Int

    /// Equal parts, strings by their UTF-8 bytes (not `String`'s `==`, which is canonical
    /// equivalence and would merge two programs the evaluator tells apart).
    public static func == (x: ConditionProgram, y: ConditionProgram) -> Bool {
        x.instructions == y.instructions && x.numbers == y.numbers && x.lists == y.lists
            && x.slotCount == y.slotCount && x.scheduleCount == y.scheduleCount && x.maxStackDepth == y.maxStackDepth
            && x.strings.count == y.strings.count
            && zip(x.strings, y.strings).allSatisfy { ConditionEvaluator.equal($0, $1) }
    }

    /// A program from its parts, refused with the first problem `validate` finds.
    public init(instructions: [ConditionInstruction], numbers: [Double] = [], strings: [String] = [], lists: [Int32] = [],
                slotCount: Int, scheduleCount: Int, maxStackDepth: Int) throws(ConditionProgramError) {
        self.instructions = instructions
        self.numbers = numbers
        self.strings = strings
        self.lists = lists
        self.slotCount = slotCount
        self.scheduleCount = scheduleCount
        self.maxStackDepth = maxStackDepth
        try validate()
    }

    /// Checks the whole program: counts in range; every operand (slot, value kind, pool index,
    /// list range, schedule, comparison operator) valid; every jump forward and inside the
    /// program; the stack never below empty nor above `maxStackDepth`; every instruction given
    /// operands of the kinds it takes, the same stack at both ends of every jump; and one bool
    /// left at the end.
    public func validate() throws(ConditionProgramError) {
        guard slotCount >= 0, slotCount <= Int(Int32.max) else { throw .badCount("slotCount", slotCount) }
        guard scheduleCount >= 0, scheduleCount <= Int(Int32.max) else { throw .badCount("scheduleCount", scheduleCount) }
        guard maxStackDepth >= 1, maxStackDepth <= Self.stackLimit else {
            throw .stackLimit(declared: maxStackDepth, limit: Self.stackLimit)
        }
        guard !instructions.isEmpty, instructions.count <= Self.instructionLimit else {
            throw .badCount("instructions", instructions.count)
        }
        guard strings.count <= Int(Int32.max), numbers.count <= Int(Int32.max), lists.count <= Int(Int32.max) else {
            throw .badCount("pool", max(strings.count, numbers.count, lists.count))
        }

        // The kinds on the stack before each instruction, found in one pass (jumps only go
        // forward); `incoming[target]` is the stack a jump brings to `target`.
        var stack: [ConditionValueKind] = []
        var incoming: [Int: [ConditionValueKind]] = [:]

        func pop(_ at: Int, _ expected: ConditionValueKind) throws(ConditionProgramError) {
            guard let top = stack.popLast() else { throw .stackUnderflow(at: at) }
            guard top == expected else { throw .operandKind(at: at, expected: expected, found: top) }
        }
        func push(_ at: Int, _ kind: ConditionValueKind) throws(ConditionProgramError) {
            stack.append(kind)
            guard stack.count <= maxStackDepth else { throw .stackOverflow(at: at, declared: maxStackDepth) }
        }
        func listRange(_ at: Int, _ instruction: ConditionInstruction, pool: Int) throws(ConditionProgramError) {
            let start = Int(instruction.a), count = Int(instruction.b)
            guard start >= 0, count >= 0, start + count <= lists.count else { throw .badOperand(at: at) }
            for member in lists[start ..< start + count] where member < 0 || Int(member) >= pool {
                throw .badOperand(at: at)
            }
        }

        for (at, instruction) in instructions.enumerated() {
            if let arriving = incoming.removeValue(forKey: at), arriving != stack {
                throw .jumpStackMismatch(at: at)
            }
            let a = instruction.a, b = instruction.b
            switch instruction.opcode {
            case .pushBool:
                guard a == 0 || a == 1, b == 0 else { throw .badOperand(at: at) }
                try push(at, .bool)
            case .pushNumber:
                guard a >= 0, Int(a) < numbers.count, b == 0 else { throw .badOperand(at: at) }
                try push(at, .number)
            case .pushString:
                guard a >= 0, Int(a) < strings.count, b == 0 else { throw .badOperand(at: at) }
                try push(at, .string)
            case .pushSlot:
                guard a >= 0, Int(a) < slotCount else { throw .badSlot(at: at, slot: Int(a), slotCount: slotCount) }
                guard let kind = ConditionValueKind(rawValue: b) else { throw .badOperand(at: at) }
                try push(at, kind)
            case .compareNumbers, .compareStrings, .compareBools:
                guard let op = ConditionComparison(rawValue: a), b == 0 else { throw .badOperand(at: at) }
                let kind: ConditionValueKind = instruction.opcode == .compareNumbers ? .number
                    : instruction.opcode == .compareStrings ? .string : .bool
                guard kind == .number || op == .equal || op == .notEqual else { throw .badOperand(at: at) }
                try pop(at, kind)
                try pop(at, kind)
                try push(at, .bool)
            case .inNumbers:
                try listRange(at, instruction, pool: numbers.count)
                try pop(at, .number)
                try push(at, .bool)
            case .inStrings:
                try listRange(at, instruction, pool: strings.count)
                try pop(at, .string)
                try push(at, .bool)
            case .inBools:
                guard (0...3).contains(a), b == 0 else { throw .badOperand(at: at) }
                try pop(at, .bool)
                try push(at, .bool)
            case .not:
                guard a == 0, b == 0 else { throw .badOperand(at: at) }
                try pop(at, .bool)
                try push(at, .bool)
            case .jumpIfFalseOrPop, .jumpIfTrueOrPop:
                guard b == 0 else { throw .badOperand(at: at) }
                guard Int(a) > at, Int(a) <= instructions.count else {
                    throw .badJump(at: at, target: Int(a), count: instructions.count)
                }
                guard stack.last == .bool else {
                    if stack.isEmpty { throw .stackUnderflow(at: at) }
                    throw .operandKind(at: at, expected: .bool, found: stack[stack.count - 1])
                }
                if let other = incoming[Int(a)], other != stack { throw .jumpStackMismatch(at: Int(a)) }
                incoming[Int(a)] = stack
                stack.removeLast()
            case .open:
                guard a >= 0, Int(a) < scheduleCount, b == 0 else { throw .badSchedule(at: at, schedule: Int(a), scheduleCount: scheduleCount) }
                try push(at, .bool)
            case .startsWith, .endsWith, .contains:
                guard a == 0, b == 0 else { throw .badOperand(at: at) }
                try pop(at, .string)
                try pop(at, .string)
                try push(at, .bool)
            }
        }
        if let arriving = incoming.removeValue(forKey: instructions.count), arriving != stack {
            throw .jumpStackMismatch(at: instructions.count)
        }
        guard stack == [.bool] else { throw .result(stack) }
    }
}

/// One instruction: an opcode and two operands whose meaning depends on it (docs/conditions.md).
public struct ConditionInstruction: Equatable, Hashable, Sendable {
    public var opcode: ConditionOpcode
    public var a: Int32
    public var b: Int32

    public init(_ opcode: ConditionOpcode, _ a: Int32 = 0, _ b: Int32 = 0) {
        self.opcode = opcode
        self.a = a
        self.b = b
    }
}

/// What an instruction does. Pops are from the top of the stack; `x` is the value below `y`.
public enum ConditionOpcode: UInt8, CaseIterable, Sendable {
    /// Push `a` (0 false, 1 true).
    case pushBool = 0
    /// Push `numbers[a]`.
    case pushNumber = 1
    /// Push `strings[a]`.
    case pushString = 2
    /// Push slot `a`'s value, which must be of kind `b` (`ConditionValueKind`).
    case pushSlot = 3
    /// Pop `y`, `x` (numbers); push `x op y`, `op` being `ConditionComparison(a)`.
    case compareNumbers = 4
    /// Pop `y`, `x` (strings); push `x == y` or `x != y` (UTF-8 bytes).
    case compareStrings = 5
    /// Pop `y`, `x` (bools); push `x == y` or `x != y`.
    case compareBools = 6
    /// Pop a number; push whether it equals one of `numbers[lists[a ..< a + b]]`.
    case inNumbers = 7
    /// Pop a string; push whether it equals one of `strings[lists[a ..< a + b]]`.
    case inStrings = 8
    /// Pop a bool; push whether it is in the set `a` (bit 0: false, bit 1: true).
    case inBools = 9
    /// Pop a bool; push its negation.
    case not = 10
    /// The top (a bool) is false: jump to `a`, leaving it. Else pop it and go on.
    case jumpIfFalseOrPop = 11
    /// The top (a bool) is true: jump to `a`, leaving it. Else pop it and go on.
    case jumpIfTrueOrPop = 12
    /// Push whether schedule `a` is open now (asked of the caller).
    case open = 13
    /// Pop `y`, `x` (strings); push whether `x` starts with `y`.
    case startsWith = 14
    /// Pop `y`, `x` (strings); push whether `x` ends with `y`.
    case endsWith = 15
    /// Pop `y`, `x` (strings); push whether `x` contains `y`.
    case contains = 16

    /// The name the JSON rendition uses: `push_slot`, `jump_if_false_or_pop`.
    public var name: String {
        switch self {
        case .pushBool: return "push_bool"
        case .pushNumber: return "push_number"
        case .pushString: return "push_string"
        case .pushSlot: return "push_slot"
        case .compareNumbers: return "compare_numbers"
        case .compareStrings: return "compare_strings"
        case .compareBools: return "compare_bools"
        case .inNumbers: return "in_numbers"
        case .inStrings: return "in_strings"
        case .inBools: return "in_bools"
        case .not: return "not"
        case .jumpIfFalseOrPop: return "jump_if_false_or_pop"
        case .jumpIfTrueOrPop: return "jump_if_true_or_pop"
        case .open: return "open"
        case .startsWith: return "starts_with"
        case .endsWith: return "ends_with"
        case .contains: return "contains"
        }
    }

    public init?(name: String) {
        guard let opcode = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = opcode
    }
}

/// The comparison of a `compare_*` instruction (its operand `a`).
public enum ConditionComparison: Int32, CaseIterable, Sendable {
    case equal = 0, notEqual = 1, less = 2, lessOrEqual = 3, greater = 4, greaterOrEqual = 5
}

/// The kinds of value a condition works on. Durations are numbers (seconds); enum values are
/// strings.
public enum ConditionValueKind: Int32, CaseIterable, Sendable, CustomStringConvertible {
    case bool = 0, number = 1, string = 2

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        }
    }
}

/// Why a program was refused. Instruction positions count from 0.
public enum ConditionProgramError: Error, Equatable, Sendable, CustomStringConvertible {
    case badCount(String, Int)
    case stackLimit(declared: Int, limit: Int)
    case badOperand(at: Int)
    case badSlot(at: Int, slot: Int, slotCount: Int)
    case badSchedule(at: Int, schedule: Int, scheduleCount: Int)
    case badJump(at: Int, target: Int, count: Int)
    case stackUnderflow(at: Int)
    case stackOverflow(at: Int, declared: Int)
    case operandKind(at: Int, expected: ConditionValueKind, found: ConditionValueKind)
    case jumpStackMismatch(at: Int)
    case result([ConditionValueKind])
    case unknownOpcode(String)

    public var description: String {
        switch self {
        case .badCount(let what, let count): return "condition program: \(what) count \(count) is out of range"
        case .stackLimit(let declared, let limit):
            return "condition program: declared stack depth \(declared) is not in 1...\(limit)"
        case .badOperand(let at): return "condition program: instruction \(at) has an invalid operand"
        case .badSlot(let at, let slot, let count):
            return "condition program: instruction \(at) reads slot \(slot), but there are \(count) slots"
        case .badSchedule(let at, let schedule, let count):
            return "condition program: instruction \(at) asks for schedule \(schedule), but there are \(count) schedules"
        case .badJump(let at, let target, let count):
            return "condition program: instruction \(at) jumps to \(target); jumps must go forward, at most to the end (\(count))"
        case .stackUnderflow(let at): return "condition program: instruction \(at) pops an empty stack"
        case .stackOverflow(let at, let declared):
            return "condition program: instruction \(at) grows the stack past the declared depth \(declared)"
        case .operandKind(let at, let expected, let found):
            return "condition program: instruction \(at) takes a \(expected), finds a \(found)"
        case .jumpStackMismatch(let at):
            return "condition program: the stack differs between the ways into instruction \(at)"
        case .result(let stack):
            return "condition program: ends with [\(stack.map(\.description).joined(separator: ", "))] on the stack, not one bool"
        case .unknownOpcode(let name): return "condition program: unknown opcode '\(name)'"
        }
    }
}

/// The JSON rendition: `{"instructions": [["push_slot", 3, 2], ...], "numbers": [...],
/// "strings": [...], "lists": [...], "slot_count": n, "schedule_count": n, "max_stack_depth": n}`.
/// Decoding validates, so a damaged file is refused with a `DecodingError`.
extension ConditionProgram: Codable {
    private enum CodingKeys: String, CodingKey {
        case instructions, numbers, strings, lists
        case slotCount = "slot_count", scheduleCount = "schedule_count", maxStackDepth = "max_stack_depth"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var list = container.nestedUnkeyedContainer(forKey: .instructions)
        for instruction in instructions {
            var triple = list.nestedUnkeyedContainer()
            try triple.encode(instruction.opcode.name)
            try triple.encode(instruction.a)
            try triple.encode(instruction.b)
        }
        try container.encode(numbers, forKey: .numbers)
        try container.encode(strings, forKey: .strings)
        try container.encode(lists, forKey: .lists)
        try container.encode(slotCount, forKey: .slotCount)
        try container.encode(scheduleCount, forKey: .scheduleCount)
        try container.encode(maxStackDepth, forKey: .maxStackDepth)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .instructions)
        var instructions: [ConditionInstruction] = []
        while !list.isAtEnd {
            var triple = try list.nestedUnkeyedContainer()
            let name = try triple.decode(String.self)
            guard let opcode = ConditionOpcode(name: name) else {
                throw DecodingError.dataCorruptedError(in: triple, debugDescription: ConditionProgramError.unknownOpcode(name).description)
            }
            let a = try triple.decode(Int32.self), b = try triple.decode(Int32.self)
            guard triple.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: triple, debugDescription: "an instruction is [opcode, a, b]")
            }
            instructions.append(ConditionInstruction(opcode, a, b))
        }
        do {
            try self.init(instructions: instructions,
                          numbers: try container.decode([Double].self, forKey: .numbers),
                          strings: try container.decode([String].self, forKey: .strings),
                          lists: try container.decode([Int32].self, forKey: .lists),
                          slotCount: try container.decode(Int.self, forKey: .slotCount),
                          scheduleCount: try container.decode(Int.self, forKey: .scheduleCount),
                          maxStackDepth: try container.decode(Int.self, forKey: .maxStackDepth))
        } catch let error as ConditionProgramError {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description,
                                                                    underlyingError: error))
        }
    }
}
