import Foundation
import Testing
import CallFlowRuntime

/// Hand-built condition programs: evaluation, and validation refusing damaged ones.
@Suite struct ConditionEvaluatorTests {
    typealias I = ConditionInstruction
    static let bool = ConditionValueKind.bool.rawValue
    static let number = ConditionValueKind.number.rawValue
    static let string = ConditionValueKind.string.rawValue

    /// Slots: 0 `caller.tier` (string), 1 `queue.wait` (number, seconds), 2 `caller.vip` (bool),
    /// 3 `caller.number` (string).
    static func slots(tier: String = "standard", wait: Double = 0, vip: Bool = false, number: String = "+4930123") -> SlotValues {
        SlotValues([.string(tier), .number(wait), .bool(vip), .string(number)])
    }

    /// `caller.tier == "vip" and open("office") or queue.wait > 5m`
    static func realistic() throws -> ConditionProgram {
        try ConditionProgram(instructions: [
            I(.pushSlot, 0, string), I(.pushString, 0), I(.compareStrings, ConditionComparison.equal.rawValue),
            I(.jumpIfFalseOrPop, 5), I(.open, 0),
            I(.jumpIfTrueOrPop, 9),
            I(.pushSlot, 1, number), I(.pushNumber, 0), I(.compareNumbers, ConditionComparison.greater.rawValue),
        ], numbers: [300], strings: ["vip"], slotCount: 4, scheduleCount: 1, maxStackDepth: 2)
    }

    @Test func evaluatesWithShortCircuits() throws {
        let program = try Self.realistic()
        let evaluator = ConditionEvaluator()
        var asked = 0
        func run(_ slots: SlotValues, open: Bool) throws -> Bool {
            try evaluator.evaluate(program, slots: slots, open: { index in
                #expect(index == 0)
                asked += 1
                return open
            })
        }
        #expect(try run(Self.slots(tier: "vip"), open: true))
        #expect(asked == 1)
        #expect(try !run(Self.slots(tier: "gold"), open: true))
        #expect(asked == 1)   // `and` skipped open(...)
        #expect(try run(Self.slots(tier: "gold", wait: 301), open: true))
        #expect(try !run(Self.slots(tier: "vip", wait: 300), open: false))
        #expect(try run(Self.slots(tier: "vip", wait: 300.5), open: false))
        #expect(asked == 3)
    }

    @Test func stringFunctionsCompareBytes() throws {
        func run(_ opcode: ConditionOpcode, _ x: String, _ y: String) throws -> Bool {
            let program = try ConditionProgram(instructions: [I(.pushSlot, 0, Self.string), I(.pushString, 0), I(opcode)],
                                               strings: [y], slotCount: 1, scheduleCount: 0, maxStackDepth: 2)
            return try ConditionEvaluator().evaluate(program, slots: SlotValues([.string(x)]))
        }
        #expect(try run(.startsWith, "+4930123", "+49"))
        #expect(try !run(.startsWith, "+49", "+4930"))
        #expect(try run(.startsWith, "", ""))
        #expect(try run(.endsWith, "+4930123", "123"))
        #expect(try !run(.endsWith, "23", "123"))
        #expect(try run(.contains, "support-desk", "t-d"))
        #expect(try run(.contains, "abc", ""))
        #expect(try !run(.contains, "abc", "abd"))
        #expect(try run(.contains, "aaab", "aab"))
        #expect(try run(.compareStrings, "vip", "vip"))
        #expect(try !run(.compareStrings, "vip", "vi"))
        #expect(try run(.compareStrings, "a long string beyond the small form", "a long string beyond the small form"))
        #expect(try !run(.compareStrings, "\u{E9}", "e\u{301}"))   // bytes, not canonical equivalence
        #expect(try run(.startsWith, "e\u{301}", "e"))
    }

    @Test func membershipNotAndBools() throws {
        // not (caller.tier in ["gold", "vip"]) and (caller.vip in [true] or queue.wait in [60, 120])
        let program = try ConditionProgram(instructions: [
            I(.pushSlot, 0, Self.string), I(.inStrings, 0, 2), I(.not),
            I(.jumpIfFalseOrPop, 11),
            I(.pushSlot, 2, Self.bool), I(.inBools, 2),
            I(.jumpIfTrueOrPop, 11),
            I(.pushSlot, 1, Self.number), I(.inNumbers, 2, 2),
            I(.pushBool, 1), I(.compareBools, ConditionComparison.equal.rawValue),
        ], numbers: [60, 120], strings: ["gold", "vip"], lists: [0, 1, 0, 1], slotCount: 4, scheduleCount: 0, maxStackDepth: 2)
        let evaluator = ConditionEvaluator()
        #expect(try !evaluator.evaluate(program, slots: Self.slots(tier: "vip", vip: true)))
        #expect(try evaluator.evaluate(program, slots: Self.slots(tier: "standard", vip: true)))
        #expect(try evaluator.evaluate(program, slots: Self.slots(tier: "standard", wait: 120)))
        #expect(try !evaluator.evaluate(program, slots: Self.slots(tier: "standard", wait: 90)))
    }

    @Test func wrongValuesAreFaultsNotCrashes() throws {
        let program = try Self.realistic()
        let evaluator = ConditionEvaluator()
        #expect(throws: ConditionFault.slotCount(needed: 4, found: 1)) {
            try evaluator.evaluate(program, slots: SlotValues([.string("vip")]), open: { _ in true })
        }
        #expect(throws: ConditionFault.slotKind(slot: 0, expected: .string, found: .number)) {
            try evaluator.evaluate(program, slots: SlotValues([.number(1), .number(0), .bool(false), .string("")]), open: { _ in true })
        }
    }

    @Test func growsTheStackForADeepProgram() throws {
        // not not ... true, then 40 nested `== true`: depth 41.
        var code: [I] = []
        for _ in 0..<41 { code.append(I(.pushBool, 1)) }
        for _ in 0..<40 { code.append(I(.compareBools, ConditionComparison.equal.rawValue)) }
        let program = try ConditionProgram(instructions: code, slotCount: 0, scheduleCount: 0, maxStackDepth: 41)
        #expect(try ConditionEvaluator(capacity: 1).evaluate(program, slots: SlotValues([])))
    }

    // MARK: Validation

    static func refusal(_ instructions: [I], numbers: [Double] = [300], strings: [String] = ["vip"], lists: [Int32] = [],
                        slotCount: Int = 4, scheduleCount: Int = 1, maxStackDepth: Int = 2) -> ConditionProgramError? {
        do {
            _ = try ConditionProgram(instructions: instructions, numbers: numbers, strings: strings, lists: lists,
                                     slotCount: slotCount, scheduleCount: scheduleCount, maxStackDepth: maxStackDepth)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesABadSlot() {
        #expect(Self.refusal([I(.pushSlot, 4, Self.bool)]) == .badSlot(at: 0, slot: 4, slotCount: 4))
        #expect(Self.refusal([I(.pushSlot, -1, Self.bool)]) == .badSlot(at: 0, slot: -1, slotCount: 4))
        #expect(Self.refusal([I(.pushSlot, 0, 7)]) == .badOperand(at: 0))
    }

    @Test func refusesBadJumps() {
        let backward = [I(.pushBool, 1), I(.jumpIfFalseOrPop, 0), I(.pushBool, 0)]
        #expect(Self.refusal(backward) == .badJump(at: 1, target: 0, count: 3))
        let toItself = [I(.pushBool, 1), I(.jumpIfTrueOrPop, 1), I(.pushBool, 0)]
        #expect(Self.refusal(toItself) == .badJump(at: 1, target: 1, count: 3))
        let pastTheEnd = [I(.pushBool, 1), I(.jumpIfFalseOrPop, 4), I(.pushBool, 0)]
        #expect(Self.refusal(pastTheEnd) == .badJump(at: 1, target: 4, count: 3))
        // Jumping to the end with the stack the fall-through leaves there is fine.
        #expect(Self.refusal([I(.pushBool, 1), I(.jumpIfFalseOrPop, 3), I(.pushBool, 0)]) == nil)
        // Jumping into the middle of `x == y` with a different stack is not.
        let mismatch = [I(.pushBool, 1), I(.jumpIfFalseOrPop, 4), I(.pushBool, 0), I(.pushBool, 1),
                        I(.compareBools, 0)]
        #expect(Self.refusal(mismatch) == .jumpStackMismatch(at: 4))
    }

    @Test func refusesStackOverflowAndUnderflow() {
        let three = [I(.pushBool, 1), I(.pushBool, 1), I(.pushBool, 1), I(.compareBools, 0), I(.compareBools, 0)]
        #expect(Self.refusal(three, maxStackDepth: 2) == .stackOverflow(at: 2, declared: 2))
        #expect(Self.refusal(three, maxStackDepth: 3) == nil)
        #expect(Self.refusal(three, maxStackDepth: 0) == .stackLimit(declared: 0, limit: ConditionProgram.stackLimit))
        #expect(Self.refusal(three, maxStackDepth: 100_000) == .stackLimit(declared: 100_000, limit: ConditionProgram.stackLimit))
        #expect(Self.refusal([I(.not)]) == .stackUnderflow(at: 0))
        #expect(Self.refusal([I(.pushBool, 1), I(.compareBools, 0)]) == .stackUnderflow(at: 1))
    }

    @Test func refusesBadConstantsListsSchedulesAndKinds() {
        #expect(Self.refusal([I(.pushNumber, 1)]) == .badOperand(at: 0))
        #expect(Self.refusal([I(.pushString, 1)]) == .badOperand(at: 0))
        #expect(Self.refusal([I(.pushBool, 2)]) == .badOperand(at: 0))
        #expect(Self.refusal([I(.open, 1)]) == .badSchedule(at: 0, schedule: 1, scheduleCount: 1))
        #expect(Self.refusal([I(.pushSlot, 0, Self.string), I(.inStrings, 0, 2)], lists: [0]) == .badOperand(at: 1))
        #expect(Self.refusal([I(.pushSlot, 0, Self.string), I(.inStrings, 0, 1)], lists: [5]) == .badOperand(at: 1))
        #expect(Self.refusal([I(.pushSlot, 0, Self.string), I(.inStrings, 0, 1)], lists: [0]) == nil)
        #expect(Self.refusal([I(.pushSlot, 1, Self.number), I(.pushString, 0), I(.compareNumbers, 0)])
                == .operandKind(at: 2, expected: .number, found: .string))
        #expect(Self.refusal([I(.pushString, 0), I(.pushString, 0), I(.compareStrings, ConditionComparison.less.rawValue)])
                == .badOperand(at: 2))
        #expect(Self.refusal([I(.pushNumber, 0), I(.pushNumber, 0), I(.compareNumbers, 9)]) == .badOperand(at: 2))
        #expect(Self.refusal([I(.pushNumber, 0)]) == .result([.number]))
        #expect(Self.refusal([I(.pushBool, 0), I(.pushBool, 0)]) == .result([.bool, .bool]))
        #expect(Self.refusal([]) == .badCount("instructions", 0))
    }

    @Test func jsonRoundTripsAndRefusesDamage() throws {
        let program = try Self.realistic()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(program)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#"["push_slot",0,2]"#))
        #expect(try JSONDecoder().decode(ConditionProgram.self, from: data) == program)
        #expect(try encoder.encode(JSONDecoder().decode(ConditionProgram.self, from: data)) == data)

        let damaged = [
            text.replacingOccurrences(of: #"["jump_if_true_or_pop",9,0]"#, with: #"["jump_if_true_or_pop",2,0]"#),
            text.replacingOccurrences(of: #"["push_slot",1,1]"#, with: #"["push_slot",9,1]"#),
            text.replacingOccurrences(of: #""max_stack_depth":2"#, with: #""max_stack_depth":1"#),
            text.replacingOccurrences(of: #"["open",0,0]"#, with: #"["opne",0,0]"#),
            text.replacingOccurrences(of: #"["open",0,0]"#, with: #"["open",0]"#),
        ]
        for variant in damaged {
            #expect(variant != text)
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConditionProgram.self, from: Data(variant.utf8)) }
        }
    }
}
