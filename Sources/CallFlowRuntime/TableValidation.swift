extension RoutingTable {
    /// The limits a table must respect (a crafted file cannot ask for unbounded work).
    public static let maxNodes = 1 << 22
    public static let maxRetries: Int32 = 100
    public static let maxDigits: Int32 = 32

    /// Checks every index, range and kind in the table. Conditions and schedules were validated
    /// when they were made; here their slot and schedule counts are checked against the table.
    public func validate() throws(TableError) {
        let stringCount = strings.count
        func string(_ index: Int32, _ what: @autoclosure () -> String, optional: Bool = false) throws(TableError) {
            if optional && index == -1 { return }
            guard index >= 0, Int(index) < stringCount else { throw .badReference(record: what(), .string(of: stringCount), index: Int64(index)) }
        }
        func range(_ start: Int32, _ count: Int32, in total: Int, _ what: @autoclosure () -> String) throws(TableError) {
            guard start >= 0, count >= 0, Int(start) + Int(count) <= total else {
                throw .outOfRange(.entries(record: what(), count: count, start: start, total: total))
            }
        }
        guard compilerVersion.utf8.count <= TableFormat.compilerVersionBytes else { throw .malformed(.compilerVersionTooLong) }
        try string(flowName, "the flow name")
        try string(timeZone, "the time zone", optional: true)
        guard !nodes.isEmpty, nodes.count <= Self.maxNodes else { throw .outOfRange(.nodeCount(nodes.count)) }
        guard start >= 0, Int(start) < nodes.count else { throw .badReference(record: "the start node", .existing, index: Int64(start)) }
        guard (0..<12).contains(humanKey) else { throw .outOfRange(.humanKey(humanKey)) }
        for phrase in humanPhrases { try string(phrase, "a human phrase") }

        // Variables and constants.
        for (index, constant) in constants.enumerated() {
            if case .string(let s) = constant { try string(s, "constant \(index)") }
            if case .number(let n) = constant, !n.isFinite { throw .outOfRange(.notFinite(constant: index)) }
        }
        for value in enumValues { try string(value, "an enum value") }
        for (slot, variable) in variables.enumerated() {
            try string(variable.name, "variable \(slot)")
            try range(variable.enumStart, variable.enumCount, in: enumValues.count, "variable \(slot)'s values")
            guard variable.type == .enumeration || variable.enumCount == 0 else { throw .wrongKind(.valuesWithoutEnum(variable: slot)) }
            guard variable.type != .enumeration || variable.enumCount > 0 else { throw .wrongKind(.enumWithoutValues(variable: slot)) }
            guard variable.defaultValue >= 0, Int(variable.defaultValue) < constants.count,
                  constants[Int(variable.defaultValue)].kind == variable.type.kind else {
                throw .wrongKind(.defaultValue(variable: slot, variable.type))
            }
        }
        let slotCount = variables.count
        func slot(_ index: Int32, _ kind: ConditionValueKind, _ what: String) throws(TableError) {
            guard index >= 0, Int(index) < slotCount, variables[Int(index)].type.kind == kind else {
                throw .wrongKind(.slot(record: what, index, kind))
            }
        }
        try slot(builtIns.callFailures, .number, "call.failures")
        try slot(builtIns.callPriority, .number, "call.priority")
        try slot(builtIns.queueName, .string, "queue.name")
        try slot(builtIns.queueWait, .number, "queue.wait")
        try slot(builtIns.queueDepth, .number, "queue.depth")

        // Schedules, conditions, queues, rules.
        for (index, schedule) in schedules.enumerated() where schedule.timeZone.isEmpty {
            throw .mismatch(.scheduleWithoutZone(index))
        }
        for (index, program) in conditions.enumerated() {
            guard program.slotCount == slotCount, program.scheduleCount == schedules.count else {
                throw .mismatch(.conditionCounts(index, slots: program.slotCount, schedules: program.scheduleCount))
            }
        }
        for skill in skills { try string(skill, "a skill") }
        for (index, queue) in queues.enumerated() {
            try string(queue.name, "queue \(index)")
            try range(queue.skillStart, queue.skillCount, in: skills.count, "queue \(index)'s skills")
            guard queue.maxWait >= 0, queue.announce >= 0, queue.alertDepth >= -1, queue.alertWait >= -1 else {
                throw .outOfRange(.queueTimes(queue: index))
            }
        }
        var lastTrigger: Int32 = 0
        for (index, rule) in rules.enumerated() {
            try string(rule.name, "rule \(index)")
            guard RuleTriggerCode(rawValue: rule.trigger) != nil, rule.trigger >= lastTrigger else {
                throw .outOfOrder(.ruleTrigger(rule: index, rule.trigger))
            }
            lastTrigger = rule.trigger
            guard rule.condition >= -1, Int(rule.condition) < conditions.count else { throw .badReference(record: "rule \(index)", .condition, index: Int64(rule.condition)) }
            guard rule.target >= 0, Int(rule.target) < nodes.count else { throw .badReference(record: "rule \(index)", .node, index: Int64(rule.target)) }
            guard (-1...100).contains(rule.priority) else { throw .outOfRange(.priority(record: "rule \(index)", rule.priority)) }
        }

        // Nodes, their edges and lists.
        var nextEdge = 0
        for (index, node) in nodes.enumerated() {
            var what: String { "node \(index)" }
            try string(node.name, what)
            guard Int(node.edgeStart) == nextEdge else { throw .outOfOrder(.edgeStart(record: what, node.edgeStart, expected: nextEdge)) }
            let kind = node.kind.descriptor
            let edgeCount = kind.edgeCount
            guard nextEdge + edgeCount <= edges.count else { throw .outOfRange(.edgesPastEnd(record: what)) }
            for position in 0..<edgeCount {
                let target = edges[nextEdge + position]
                let optional = kind.edgeMayBeUnwired(position)
                guard (optional && target == -1) || (target >= 0 && Int(target) < nodes.count) else {
                    throw .badReference(record: "\(what)'s outcome \(position)", .node, index: Int64(target))
                }
            }
            nextEdge += edgeCount
            switch node.kind {
            case .say:
                try string(node.text, what)
            case .menu:
                try string(node.text, what)
                guard node.timeout >= 0, (0...Self.maxRetries).contains(node.retries) else { throw .outOfRange(.timing(record: what, .timeoutOrRetries)) }
                try range(node.listStart, node.listCount, in: speech.count, "\(what)'s phrases")
                for option in speech[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    try string(option.phrase, what)
                    guard (0..<kind.keyedOutcomes).contains(Int(option.key)),
                          edges[Int(node.edgeStart) + kind.keyPosition(Int(option.key))] >= 0 else {
                        throw .mismatch(.keyWithoutOption(record: what, key: option.key))
                    }
                }
            case .collect:
                try string(node.text, what)
                try slot(node.resource, variables.indices.contains(Int(node.resource)) ? variables[Int(node.resource)].type.kind : .string, what + "'s `into`")
                guard variables[Int(node.resource)].type == .string || variables[Int(node.resource)].type == .number else {
                    throw .wrongKind(.collectInto(record: what))
                }
                guard node.timeout >= 0, (0...Self.maxRetries).contains(node.retries),
                      node.minDigits >= 1, node.minDigits <= node.maxDigits, node.maxDigits <= Self.maxDigits else {
                    throw .outOfRange(.timing(record: what, .timeoutRetriesOrDigits))
                }
            case .switch:
                try range(node.listStart, node.listCount, in: cases.count, "\(what)'s cases")
                for item in cases[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    guard item.condition >= 0, Int(item.condition) < conditions.count, item.target >= 0, Int(item.target) < nodes.count else {
                        throw .badReference(record: what, .caseTarget(item.target), index: Int64(item.condition))
                    }
                }
            case .hours:
                guard node.resource >= 0, Int(node.resource) < schedules.count else { throw .badReference(record: what, .schedule, index: Int64(node.resource)) }
            case .lookup:
                try string(node.text, what)
                guard node.timeout >= 0 else { throw .outOfRange(.timing(record: what, .timeout)) }
                try range(node.listStart, node.listCount, in: slotLists.count, "\(what)'s slots")
                for s in slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)] where s < 0 || Int(s) >= slotCount {
                    throw .badReference(record: what, .slotSet, index: Int64(s))
                }
            case .send:
                try string(node.text, what)
                try range(node.listStart, node.listCount, in: slotLists.count, "\(what)'s slots")
                for s in slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)] where s < 0 || Int(s) >= slotCount {
                    throw .badReference(record: what, .slotPosted, index: Int64(s))
                }
            case .set:
                try range(node.listStart, node.listCount, in: assignments.count, "\(what)'s assignments")
                for item in assignments[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    try validateAssignment(item, what)
                }
            case .queue:
                guard node.resource >= 0, Int(node.resource) < queues.count else { throw .badReference(record: what, .queue, index: Int64(node.resource)) }
                guard (-1...100).contains(node.timeout) else { throw .outOfRange(.priority(record: what, node.timeout)) }
                try range(node.listStart, node.listCount, in: skills.count, "\(what)'s skills")
            case .transfer, .voicemail:
                try string(node.text, what)
            case .callback:
                guard node.resource >= 0, Int(node.resource) < queues.count else { throw .badReference(record: what, .queue, index: Int64(node.resource)) }
            case .hangup:
                try string(node.text, what, optional: true)
            }
            guard Self.unusedFieldsAreZero(node, used: kind.fields) else { throw .mismatch(.unusedField(record: what)) }
        }
        guard nextEdge == edges.count else { throw .mismatch(.strayEdges(edges.count - nextEdge)) }
        try prompts.validate(self)
        try validateRouting()
        try validateEndings()
    }

    /// Fields a kind does not use (`NodeKindDescription.fields`) must be 0.
    @inline(__always)
    static func unusedFieldsAreZero(_ node: TableNode, used: TableNodeFields) -> Bool {
        (used.contains(.text) || node.text == 0) && (used.contains(.resource) || node.resource == 0)
            && (used.contains(.timeout) || node.timeout == 0) && (used.contains(.retries) || node.retries == 0)
            && (used.contains(.minDigits) || node.minDigits == 0) && (used.contains(.maxDigits) || node.maxDigits == 0)
            && (used.contains(.list) || (node.listStart == 0 && node.listCount == 0))
    }
}
