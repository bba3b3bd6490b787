import CallFlowRuntime

/// The conditions section being built: switch cases' and rules' conditions compiled to programs,
/// each distinct program once, with constant ones folded away when `foldConstants` is on.
struct TableConditions {
    /// What `add` returns for a condition folding found always true: the table's "no condition".
    static let alwaysTrue: Int32 = -1
    /// What `add` returns for a condition folding found always false; never stored in the table.
    static let alwaysFalse: Int32 = -2

    private(set) var programs: [ConditionProgram] = []
    private let slots: VariableSlots
    private let scheduleNames: [String]
    private let folding: Bool
    private let evaluator = CallFlowRuntime.ConditionEvaluator()

    init(slots: VariableSlots, scheduleNames: [String], folding: Bool) {
        self.slots = slots
        self.scheduleNames = scheduleNames
        self.folding = folding
    }

    /// The index of `source`'s program, or `alwaysTrue` / `alwaysFalse` when folding decides it.
    mutating func add(_ source: ExpressionSource, strings: inout TableStrings) throws(TableCompileError) -> Int32 {
        guard let typed = source.parsed else { throw TableCompileError.conditionNotTypeChecked(source.text) }
        let program: ConditionProgram
        do {
            program = try ConditionCompiler.compile(typed, slots: slots, schedules: scheduleNames)
        } catch {
            throw .condition(error)
        }
        if folding, let value = constantValue(of: program) { return value ? Self.alwaysTrue : Self.alwaysFalse }
        if let existing = programs.firstIndex(of: program) { return Int32(existing) }
        for text in program.strings { _ = strings.intern(text) }
        programs.append(program)
        return Int32(programs.count - 1)
    }

    /// The value of a program that reads no slot and no schedule, found by running it once on
    /// placeholder slots it never reads; nil when it reads either, or when it fails to run.
    private func constantValue(of program: ConditionProgram) -> Bool? {
        guard !program.instructions.contains(where: { $0.opcode == .pushSlot || $0.opcode == .open }) else { return nil }
        let unread = SlotValues(Array(repeating: .bool(false), count: slots.count))
        return try? evaluator.evaluate(program, slots: unread)
    }
}
