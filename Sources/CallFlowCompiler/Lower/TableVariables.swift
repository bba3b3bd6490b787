import CallFlowRuntime

/// The variables section: one record per slot of the condition compiler (sorted by name), so a
/// condition's slot number is also its variable's index in the table.
struct TableVariables {
    var variables: [TableVariable] = []
    /// The enumerations' value names, each enum variable owning a consecutive run.
    var enumValues: [Int32] = []
    /// The slots the runtime writes itself (failures, priority, the queue's name, wait and depth).
    var builtIns: BuiltInSlots

    /// Lowers every slot's type and default (its zero when the flow declares none).
    init(slots: VariableSlots, flow: Flow, strings: inout TableStrings,
         constants: inout TableConstantPool) throws(TableCompileError) {
        for (slot, name) in slots.names.enumerated() {
            let type = slots.types[slot]
            var record = TableVariable(name: 0, type: Self.code(of: type), enumStart: 0, enumCount: 0, defaultValue: 0)
            if case .enumeration(let names) = type {
                record.enumStart = Int32(enumValues.count)
                record.enumCount = Int32(names.count)
                for value in names { enumValues.append(strings.intern(value)) }
            }
            record.defaultValue = try constants.add(flow.variable(named: name)?.defaultValue, type: type,
                                                    what: "the default of '\(name)'", strings: &strings)
            record.name = strings.intern(name)
            variables.append(record)
        }
        func builtIn(_ name: String) throws(TableCompileError) -> Int32 {
            guard let slot = slots.slot(of: name) else { throw TableCompileError.noSlot(name, placeholder: false) }
            return slot
        }
        builtIns = BuiltInSlots(callFailures: try builtIn("call.failures"), callPriority: try builtIn("call.priority"),
                                queueName: try builtIn("queue.name"), queueWait: try builtIn("queue.wait"),
                                queueDepth: try builtIn("queue.depth"))
    }

    private static func code(of type: ValueType) -> VariableTypeCode {
        switch type {
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .duration: return .duration
        case .enumeration: return .enumeration
        }
    }
}
