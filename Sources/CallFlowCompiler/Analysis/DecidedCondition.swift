import CallFlowRuntime

/// A decidable condition (`ConditionDomain.isDecidable`) compiled to the `ConditionProgram` a
/// routing table holds, so that the analyses (`shadowed-case`, `constant-condition`, the rules'
/// firing, closed loops) decide it with the runtime's own `ConditionEvaluator`: there is one
/// condition semantics, the one calls get (docs/decisions.md, "Issue 10: one condition
/// semantics"). Strings compare as UTF-8 bytes, numbers as doubles, durations by their seconds.
struct DecidedCondition {
    private let program: ConditionProgram
    /// The variable each slot of `program` holds, slot 0 first, and the kind of value it holds.
    private let slotNames: [String]
    private let slotKinds: [ConditionValueKind]

    /// `condition` compiled over slots for just the variables it reads; nil when it does not
    /// compile (a tree the type checker would refuse), which leaves it out of the analyses.
    init?(_ condition: TypedExpression) {
        let slots = VariableSlots(variables: condition.variableTypes)
        guard let program = try? ConditionCompiler.compile(condition, slots: slots, schedules: []) else { return nil }
        self.program = program
        self.slotNames = slots.names
        self.slotKinds = slots.types.map(VariableSlots.kind(of:))
    }

    /// The variables the condition reads, slot 0 first (`holds(slots:_:)` takes their values in this order).
    var slotVariables: [String] { slotNames }

    /// What `holds(under:_:)` gives slot `slot` when the assignment has no value for its variable.
    func absentValue(slot: Int) -> RuntimeValue {
        switch slotKinds[slot] {
        case .bool: return .bool(false)
        case .number: return .number(0)
        case .string: return .string("")
        }
    }

    /// Whether the condition holds with its slots holding `slots` (in the order of `slotVariables`):
    /// `holds(under:_:)` without a dictionary, for analyses that try many assignments (issue 17).
    func holds(slots: SlotValues, _ evaluator: CallFlowRuntime.ConditionEvaluator) -> Bool {
        (try? evaluator.evaluate(program, slots: slots)) ?? false
    }

    /// Whether the condition holds when its variables take the values of `assignment`, as the
    /// runtime evaluates it (a variable missing from `assignment` is not read by the condition).
    func holds(under assignment: [String: ConditionValue], _ evaluator: CallFlowRuntime.ConditionEvaluator) -> Bool {
        var values: [RuntimeValue] = []
        values.reserveCapacity(slotNames.count)
        for (slot, name) in slotNames.enumerated() {
            values.append(assignment[name]?.runtimeValue ?? absentValue(slot: slot))
        }
        // A slot of the wrong kind cannot happen (the domain gives each variable values of its
        // type); were it to, the condition is taken not to hold, as a call's would not.
        return (try? evaluator.evaluate(program, slots: SlotValues(values))) ?? false
    }
}

/// Some decided conditions evaluated at each combination of a domain's representatives in
/// turn, in `ConditionDomain.forEachAssignment`'s order (the last variable advancing first),
/// each condition's slots filled straight from the representatives: no dictionary of names per
/// combination (issue 17: that was most of `FirstHolding` and of `shadowed-case`).
struct CombinationWalk {
    private let conditions: [DecidedCondition?]
    /// Each variable's representatives as slot values, in the order of `ConditionDomain.variables`.
    private let values: [[RuntimeValue]]
    /// Each condition's slots as the current combination fills them.
    private var slots: [SlotValues?]
    /// For each condition and slot: the domain variable it reads, or -1 when its value is the same
    /// in every combination (a fixed variable, or one the domain does not cut).
    private let reads: [[Int]]
    private var digits: [Int]
    private let evaluator = CallFlowRuntime.ConditionEvaluator()
    /// Whether the domain has no combination at all (a variable with no value, an empty enum).
    let isEmpty: Bool

    /// `fixed` variables take their one value in every combination (they are not in the domain).
    init(_ conditions: [DecidedCondition?], _ domain: ConditionDomain, fixed: [String: ConditionValue] = [:]) {
        self.conditions = conditions
        isEmpty = domain.representatives.contains(where: \.isEmpty)
        values = isEmpty ? [] : domain.representatives.map { $0.map(\.runtimeValue) }
        digits = [Int](repeating: 0, count: values.count)
        var position: [String: Int] = [:]
        for (index, name) in domain.variables.enumerated() { position[name] = index }
        var slots: [SlotValues?] = [], reads: [[Int]] = []
        for decided in conditions {
            guard let decided, !isEmpty else { slots.append(nil); reads.append([]); continue }
            var initial: [RuntimeValue] = [], read: [Int] = []
            for (slot, name) in decided.slotVariables.enumerated() {
                if let value = fixed[name] {
                    initial.append(value.runtimeValue)
                    read.append(-1)
                } else if let index = position[name] {
                    initial.append(values[index][0])
                    read.append(index)
                } else {
                    initial.append(decided.absentValue(slot: slot))
                    read.append(-1)
                }
            }
            slots.append(SlotValues(initial))
            reads.append(read)
        }
        self.slots = slots
        self.reads = reads
    }

    /// Whether condition `index` holds at the current combination (false for a nil condition).
    mutating func holds(_ index: Int) -> Bool {
        guard let condition = conditions[index], var current = slots[index] else { return false }
        // Taken out while it is filled, so the slot values are changed in place, not copied.
        slots[index] = nil
        for (slot, variable) in reads[index].enumerated() where variable >= 0 {
            current[slot] = values[variable][digits[variable]]
        }
        let holds = condition.holds(slots: current, evaluator)
        slots[index] = current
        return holds
    }

    /// Moves to the next combination (odometer: the last variable first); false after the last.
    mutating func advance() -> Bool {
        var variable = values.count - 1
        while variable >= 0 {
            digits[variable] += 1
            if digits[variable] < values[variable].count { return true }
            digits[variable] = 0
            variable -= 1
        }
        return false
    }
}
