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
