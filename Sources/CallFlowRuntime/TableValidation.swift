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
            guard index >= 0, Int(index) < stringCount else { throw TableError("\(what()) names string \(index), there are \(stringCount)") }
        }
        func range(_ start: Int32, _ count: Int32, in total: Int, _ what: @autoclosure () -> String) throws(TableError) {
            guard start >= 0, count >= 0, Int(start) + Int(count) <= total else {
                throw TableError("\(what()) takes \(count) entries from \(start), there are \(total)")
            }
        }
        guard compilerVersion.utf8.count <= TableFormat.compilerVersionBytes else { throw TableError("compiler version too long") }
        try string(flowName, "the flow name")
        try string(timeZone, "the time zone", optional: true)
        guard !nodes.isEmpty, nodes.count <= Self.maxNodes else { throw TableError("\(nodes.count) nodes") }
        guard start >= 0, Int(start) < nodes.count else { throw TableError("the start node \(start) does not exist") }
        guard (0..<12).contains(humanKey) else { throw TableError("human key \(humanKey) is not a key") }
        for phrase in humanPhrases { try string(phrase, "a human phrase") }

        // Variables and constants.
        for (index, constant) in constants.enumerated() {
            if case .string(let s) = constant { try string(s, "constant \(index)") }
            if case .number(let n) = constant, !n.isFinite { throw TableError("constant \(index) is not a finite number") }
        }
        for value in enumValues { try string(value, "an enum value") }
        for (slot, variable) in variables.enumerated() {
            try string(variable.name, "variable \(slot)")
            try range(variable.enumStart, variable.enumCount, in: enumValues.count, "variable \(slot)'s values")
            guard variable.type == .enumeration || variable.enumCount == 0 else { throw TableError("variable \(slot) is not an enum but has values") }
            guard variable.type != .enumeration || variable.enumCount > 0 else { throw TableError("enum variable \(slot) has no values") }
            guard variable.defaultValue >= 0, Int(variable.defaultValue) < constants.count,
                  constants[Int(variable.defaultValue)].kind == variable.type.kind else {
                throw TableError("variable \(slot)'s default is not a \(variable.type.name) constant")
            }
        }
        let slotCount = variables.count
        func slot(_ index: Int32, _ kind: ConditionValueKind, _ what: String) throws(TableError) {
            guard index >= 0, Int(index) < slotCount, variables[Int(index)].type.kind == kind else {
                throw TableError("\(what) is slot \(index), which is not a \(kind) variable")
            }
        }
        try slot(builtIns.callFailures, .number, "call.failures")
        try slot(builtIns.callPriority, .number, "call.priority")
        try slot(builtIns.queueName, .string, "queue.name")
        try slot(builtIns.queueWait, .number, "queue.wait")
        try slot(builtIns.queueDepth, .number, "queue.depth")

        // Schedules, conditions, queues, rules.
        for (index, schedule) in schedules.enumerated() where schedule.timeZone.isEmpty {
            throw TableError("schedule \(index) has no time zone")
        }
        for (index, program) in conditions.enumerated() {
            guard program.slotCount == slotCount, program.scheduleCount == schedules.count else {
                throw TableError("condition \(index) is for \(program.slotCount) slots and \(program.scheduleCount) schedules")
            }
        }
        for skill in skills { try string(skill, "a skill") }
        for (index, queue) in queues.enumerated() {
            try string(queue.name, "queue \(index)")
            try range(queue.skillStart, queue.skillCount, in: skills.count, "queue \(index)'s skills")
            guard queue.maxWait >= 0, queue.announce >= 0, queue.alertDepth >= -1, queue.alertWait >= -1 else {
                throw TableError("queue \(index) has a negative time or threshold")
            }
        }
        var lastTrigger: Int32 = 0
        for (index, rule) in rules.enumerated() {
            try string(rule.name, "rule \(index)")
            guard RuleTriggerCode(rawValue: rule.trigger) != nil, rule.trigger >= lastTrigger else {
                throw TableError("rule \(index) has trigger \(rule.trigger) out of order")
            }
            lastTrigger = rule.trigger
            guard rule.condition >= -1, Int(rule.condition) < conditions.count else { throw TableError("rule \(index) names condition \(rule.condition)") }
            guard rule.target >= 0, Int(rule.target) < nodes.count else { throw TableError("rule \(index) goes to node \(rule.target)") }
            guard (-1...100).contains(rule.priority) else { throw TableError("rule \(index) has priority \(rule.priority)") }
        }

        // Nodes, their edges and lists.
        var nextEdge = 0
        for (index, node) in nodes.enumerated() {
            var what: String { "node \(index)" }
            try string(node.name, what)
            guard Int(node.edgeStart) == nextEdge else { throw TableError("\(what)'s edges start at \(node.edgeStart), expected \(nextEdge)") }
            let kind = node.kind.descriptor
            let edgeCount = kind.edgeCount
            guard nextEdge + edgeCount <= edges.count else { throw TableError("\(what)'s edges run past the end") }
            for position in 0..<edgeCount {
                let target = edges[nextEdge + position]
                let optional = kind.edgeMayBeUnwired(position)
                guard (optional && target == -1) || (target >= 0 && Int(target) < nodes.count) else {
                    throw TableError("\(what)'s outcome \(position) goes to node \(target)")
                }
            }
            nextEdge += edgeCount
            switch node.kind {
            case .say:
                try string(node.text, what)
            case .menu:
                try string(node.text, what)
                guard node.timeout >= 0, (0...Self.maxRetries).contains(node.retries) else { throw TableError("\(what)'s timeout or retries") }
                try range(node.listStart, node.listCount, in: speech.count, "\(what)'s phrases")
                for option in speech[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    try string(option.phrase, what)
                    guard (0..<kind.keyedOutcomes).contains(Int(option.key)),
                          edges[Int(node.edgeStart) + kind.keyPosition(Int(option.key))] >= 0 else {
                        throw TableError("\(what) has a phrase for key \(option.key), which has no option")
                    }
                }
            case .collect:
                try string(node.text, what)
                try slot(node.resource, variables.indices.contains(Int(node.resource)) ? variables[Int(node.resource)].type.kind : .string, what + "'s `into`")
                guard variables[Int(node.resource)].type == .string || variables[Int(node.resource)].type == .number else {
                    throw TableError("\(what) collects into a variable that is not a string or a number")
                }
                guard node.timeout >= 0, (0...Self.maxRetries).contains(node.retries),
                      node.minDigits >= 1, node.minDigits <= node.maxDigits, node.maxDigits <= Self.maxDigits else {
                    throw TableError("\(what)'s timeout, retries or digits")
                }
            case .switch:
                try range(node.listStart, node.listCount, in: cases.count, "\(what)'s cases")
                for item in cases[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    guard item.condition >= 0, Int(item.condition) < conditions.count, item.target >= 0, Int(item.target) < nodes.count else {
                        throw TableError("\(what) has a case with condition \(item.condition) going to \(item.target)")
                    }
                }
            case .hours:
                guard node.resource >= 0, Int(node.resource) < schedules.count else { throw TableError("\(what) names schedule \(node.resource)") }
            case .lookup:
                try string(node.text, what)
                guard node.timeout >= 0 else { throw TableError("\(what)'s timeout") }
                try range(node.listStart, node.listCount, in: slotLists.count, "\(what)'s slots")
                for s in slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)] where s < 0 || Int(s) >= slotCount {
                    throw TableError("\(what) may set slot \(s)")
                }
            case .send:
                try string(node.text, what)
                try range(node.listStart, node.listCount, in: slotLists.count, "\(what)'s slots")
                for s in slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)] where s < 0 || Int(s) >= slotCount {
                    throw TableError("\(what) posts slot \(s)")
                }
            case .set:
                try range(node.listStart, node.listCount, in: assignments.count, "\(what)'s assignments")
                for item in assignments[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    try validateAssignment(item, what)
                }
            case .queue:
                guard node.resource >= 0, Int(node.resource) < queues.count else { throw TableError("\(what) names queue \(node.resource)") }
                guard (-1...100).contains(node.timeout) else { throw TableError("\(what) has priority \(node.timeout)") }
                try range(node.listStart, node.listCount, in: skills.count, "\(what)'s skills")
            case .transfer, .voicemail:
                try string(node.text, what)
            case .callback:
                guard node.resource >= 0, Int(node.resource) < queues.count else { throw TableError("\(what) names queue \(node.resource)") }
            case .hangup:
                try string(node.text, what, optional: true)
            }
            guard Self.unusedFieldsAreZero(node, used: kind.fields) else { throw TableError("\(what) has a field its kind does not use") }
        }
        guard nextEdge == edges.count else { throw TableError("\(edges.count - nextEdge) edges belong to no node") }
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
