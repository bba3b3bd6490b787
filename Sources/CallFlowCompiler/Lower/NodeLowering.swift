import CallFlowRuntime

/// The nodes section and the sections nodes own runs of: edges, switch cases, lookup slots,
/// assignments, menu phrases and queue nodes' extra skills. docs/table-format.md gives each
/// kind's fields and the order of its edges.
struct NodeLowering {
    private(set) var nodes: [TableNode] = []
    private(set) var edges: [Int32] = []
    private(set) var cases: [TableCase] = []
    private(set) var slotLists: [Int32] = []
    private(set) var assignments: [TableAssignment] = []
    private(set) var speech: [TableSpeech] = []
    /// Queue nodes' own `max_wait`, `announce` and `callback` (issue 14).
    private(set) var queueOverrides: [TableQueueOverride] = []
    /// Lookups' `with` variables (issue 14): slots appended to `slotLists`.
    private(set) var lookupInputs: [TableLookupInputs] = []
    /// Voicemails' `max_length` and `transcribe`, callbacks' `number` (issue 14 item 7).
    private(set) var voicemails: [TableVoicemail] = []
    private(set) var callbackNumbers: [TableCallbackNumber] = []
    /// The queues' skills, then each queue node's extra skills.
    private(set) var skills: [Int32]

    private let flow: Flow
    private let slots: VariableSlots
    private let scheduleNames: [String]
    private let branches: SwitchBranches
    private let numbering: NodeNumbering
    private let queues: TableQueues

    init(flow: Flow, slots: VariableSlots, scheduleNames: [String], branches: SwitchBranches,
         numbering: NodeNumbering, queues: TableQueues) {
        self.flow = flow
        self.slots = slots
        self.scheduleNames = scheduleNames
        self.branches = branches
        self.numbering = numbering
        self.queues = queues
        skills = queues.skills
        nodes.reserveCapacity(numbering.kept.count)
    }

    /// Lowers every node the table keeps, in table order.
    mutating func lowerKeptNodes(strings: inout TableStrings, constants: inout TableConstantPool) throws(TableCompileError) {
        for index in numbering.kept {
            try lowerNode(index, strings: &strings, constants: &constants)
        }
    }

    private mutating func lowerNode(_ index: Int, strings: inout TableStrings,
                                    constants: inout TableConstantPool) throws(TableCompileError) {
        let node = flow.nodes[index]
        var record = TableNode(kind: .say, name: strings.intern(node.id.value), edgeStart: Int32(edges.count))
        // Targets lowering decides itself (a switch's `else` after folding), and a menu's keyed edges.
        var given: [String: Int32] = [:]
        var keyed: [Int32] = []
        switch node.kind {
        case .say(let prompt):
            record.text = strings.intern(prompt.value)
        case .menu(let menu):
            keyed = try lowerMenu(menu, at: index, into: &record, strings: &strings)
        case .collect(let collect):
            try lowerCollect(collect, of: node, into: &record, strings: &strings)
        case .switch:
            given["else"] = try lowerSwitch(at: index, into: &record)
        case .hours(let schedule):
            try lowerHours(schedule.value, of: node, into: &record)
        case .lookup(let lookup):
            try lowerLookup(lookup, of: node, into: &record, strings: &strings)
        case .send(let send):
            try lowerSend(send, of: node, into: &record, strings: &strings)
        case .set(let list):
            try lowerSet(list, of: node, into: &record, strings: &strings, constants: &constants)
        case .queue(let step):
            try lowerQueue(step, of: node, into: &record, strings: &strings)
        case .transfer(let target):
            record.kind = .transfer
            record.text = strings.intern(target.value)
        case .voicemail(let voicemail):
            record.kind = .voicemail
            record.text = strings.intern(voicemail.box.value)
            if voicemail.maxLength != nil || voicemail.transcribe != nil {
                voicemails.append(TableVoicemail(node: Int32(nodes.count), maxLength: Int32(voicemail.effectiveMaxLength.seconds),
                                                 transcribe: voicemail.transcribe?.value == true ? 1 : 0))
            }
        case .callback(let step):
            record.kind = .callback
            record.resource = try queues.queue(named: step.queue.value)
            if let number = step.number {
                guard let slot = slots.slot(of: number.value) else { throw TableCompileError.noSlot(number.value, placeholder: false) }
                callbackNumbers.append(TableCallbackNumber(node: Int32(nodes.count), slot: slot))
            }
        case .hangup(let prompt):
            record.kind = .hangup
            record.text = prompt.value.map { strings.intern($0.value) } ?? -1
        }
        try appendEdges(of: index, as: record.kind, given: given)
        edges += keyed
        nodes.append(record)
    }

    /// The node's edges in table order (`NodeKindDescription.outcomes`): each outcome's target;
    /// for one left unwired, the target of the outcome it defaults to (`holiday` goes where
    /// `closed` goes), or -1 when it may stay unwired (a queue's `callback`).
    private mutating func appendEdges(of node: Int, as kind: TableNodeKind, given: [String: Int32]) throws(TableCompileError) {
        for outcome in kind.descriptor.outcomes {
            if let target = given[outcome.label] {
                edges.append(target)
            } else if let target = try optionalTarget(outcome.label, of: node) {
                edges.append(target)
            } else if let from = outcome.defaultsTo, let target = try optionalTarget(from, of: node) {
                edges.append(target)
            } else if outcome.mayBeUnwiredInTable {
                edges.append(-1)
            } else {
                throw TableCompileError.missingOutcome(node: flow.nodes[node].id.value, outcome: outcome.label)
            }
        }
    }

    /// The options' spoken phrases as the list; returns the keyed edges, a jump table by key
    /// (-1: no option), which follow the outcome edges `no_input, no_match`.
    private mutating func lowerMenu(_ menu: Menu, at node: Int, into record: inout TableNode,
                                    strings: inout TableStrings) throws(TableCompileError) -> [Int32] {
        record.kind = .menu
        record.text = strings.intern(menu.prompt.value)
        record.timeout = Int32(menu.effectiveTimeout.seconds)
        record.retries = Int32(min(menu.effectiveRetries, Int(RoutingTable.maxRetries)))
        var jump = [Int32](repeating: -1, count: TableNodeKind.menu.descriptor.keyedOutcomes)
        for (position, option) in menu.options.enumerated() {
            guard let first = option.key.value.utf8.first, option.key.value.utf8.count == 1 else { continue }
            let key = RoutingTable.keyIndex(first)
            guard key >= 0, let to = flow.target(of: node, item: position) else { continue }
            jump[key] = try numbering.dense(to)
        }
        let start = speech.count
        for option in menu.options {
            guard let first = option.key.value.utf8.first, case let key = RoutingTable.keyIndex(first), key >= 0 else { continue }
            for phrase in option.speech { speech.append(TableSpeech(phrase: strings.intern(phrase.value), key: Int32(key))) }
        }
        Self.setList(of: &record, from: start, to: speech.count)
        return jump
    }

    /// The digits go into the `into` slot.
    private mutating func lowerCollect(_ collect: Collect, of node: FlowNode, into record: inout TableNode,
                                       strings: inout TableStrings) throws(TableCompileError) {
        record.kind = .collect
        record.text = strings.intern(collect.prompt.value)
        guard let into = collect.into?.value, let slot = slots.slot(of: into) else {
            throw TableCompileError.collectWithoutInto(node: node.id.value)
        }
        guard case let type = slots.types[Int(slot)], type == .string || type == .number else {
            throw TableCompileError.collectIntoNeitherStringNorNumber(node: node.id.value, into: into)
        }
        record.resource = slot
        record.timeout = Int32(collect.effectiveTimeout.seconds)
        record.retries = Int32(min(collect.effectiveRetries, Int(RoutingTable.maxRetries)))
        record.minDigits = Int32(collect.digits?.min ?? 1)
        record.maxDigits = Int32(collect.digits?.max ?? Int(RoutingTable.maxDigits))
    }

    /// The cases left after folding as the list; returns the target of the one edge, the `else`.
    private mutating func lowerSwitch(at index: Int, into record: inout TableNode) throws(TableCompileError) -> Int32 {
        record.kind = .switch
        let start = cases.count
        for (code, to) in branches.cases[index] { cases.append(TableCase(condition: code, target: try numbering.dense(to))) }
        Self.setList(of: &record, from: start, to: cases.count)
        return try numbering.dense(branches.otherwise[index])
    }

    /// The schedule (without a `holiday` outcome a holiday counts as closed).
    private mutating func lowerHours(_ schedule: String, of node: FlowNode, into record: inout TableNode) throws(TableCompileError) {
        record.kind = .hours
        guard let position = scheduleNames.firstIndex(of: schedule) else {
            throw TableCompileError.unknownSchedule(schedule)
        }
        record.resource = Int32(position)
    }

    /// The slots it may set as the list (`not_found` defaults to `next`).
    private mutating func lowerLookup(_ lookup: Lookup, of node: FlowNode, into record: inout TableNode,
                                      strings: inout TableStrings) throws(TableCompileError) {
        record.kind = .lookup
        record.text = strings.intern(lookup.integration.value)
        record.timeout = Int32(lookup.effectiveTimeout.seconds)
        let start = slotLists.count
        for name in lookup.sets {
            guard let slot = slots.slot(of: name.value) else { throw TableCompileError.unknownVariable(name.value) }
            slotLists.append(slot)
        }
        Self.setList(of: &record, from: start, to: slotLists.count)
        if !lookup.with.isEmpty {
            let inputStart = slotLists.count
            for name in lookup.with {
                guard let slot = slots.slot(of: name.value) else { throw TableCompileError.unknownVariable(name.value) }
                slotLists.append(slot)
            }
            lookupInputs.append(TableLookupInputs(node: Int32(nodes.count), slotStart: Int32(inputStart),
                                                  slotCount: Int32(slotLists.count - inputStart)))
        }
    }

    /// Issue 14: the integration, and the slots it posts as the list.
    private mutating func lowerSend(_ send: Send, of node: FlowNode, into record: inout TableNode,
                                    strings: inout TableStrings) throws(TableCompileError) {
        record.kind = .send
        record.text = strings.intern(send.integration.value)
        let start = slotLists.count
        for name in send.with {
            guard let slot = slots.slot(of: name.value) else { throw TableCompileError.unknownVariable(name.value) }
            slotLists.append(slot)
        }
        Self.setList(of: &record, from: start, to: slotLists.count)
    }

    /// The assignments (slot and constant) as the list.
    private mutating func lowerSet(_ list: [Assignment], of node: FlowNode, into record: inout TableNode,
                                   strings: inout TableStrings, constants: inout TableConstantPool) throws(TableCompileError) {
        record.kind = .set
        let start = assignments.count
        for assignment in list {
            let name = assignment.variable.value
            guard let slot = slots.slot(of: name) else { throw TableCompileError.unknownVariable(name) }
            if let source = assignment.source {
                // Issue 14: a negative constant copies slot `-constant - 1`.
                guard let from = slots.slot(of: source.value) else { throw TableCompileError.unknownVariable(source.value) }
                assignments.append(TableAssignment(slot: slot, constant: -from - 1))
                continue
            }
            let constant = try constants.add(assignment.value.value, type: slots.types[Int(slot)], what: "'\(name)'", strings: &strings)
            assignments.append(TableAssignment(slot: slot, constant: constant))
        }
        Self.setList(of: &record, from: start, to: assignments.count)
    }

    /// The queue and priority (-1: none), the extra skills as the list.
    private mutating func lowerQueue(_ step: QueueStep, of node: FlowNode, into record: inout TableNode,
                                     strings: inout TableStrings) throws(TableCompileError) {
        record.kind = .queue
        record.resource = try queues.queue(named: step.queue.value)
        record.timeout = Int32(step.priority?.value ?? -1)
        let start = skills.count
        for skill in step.skills { skills.append(strings.intern(skill.value)) }
        Self.setList(of: &record, from: start, to: skills.count)
        if step.maxWait != nil || step.announce != nil || step.offersCallback != nil {
            queueOverrides.append(TableQueueOverride(node: Int32(nodes.count), maxWait: step.maxWait.map { Int32($0.value.seconds) } ?? -1,
                                                     announce: step.announce.map { Int32($0.value.seconds) } ?? -1,
                                                     callback: step.offersCallback.map { $0.value ? 1 : 0 } ?? -1))
        }
    }

    /// The table index of node `node`'s `label` outcome, or nil without one.
    private func optionalTarget(_ label: String, of node: Int) throws(TableCompileError) -> Int32? {
        guard let to = flow.target(of: node, label) else { return nil }
        return try numbering.dense(to)
    }

    /// Points `record`'s list at a section's entries `start..<end`. An empty list starts at 0,
    /// because the format requires unused fields to be 0.
    private static func setList(of record: inout TableNode, from start: Int, to end: Int) {
        record.listStart = end == start ? 0 : Int32(start)
        record.listCount = Int32(end - start)
    }
}
