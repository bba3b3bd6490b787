/// Routing-table parts of issue 14 (format version 2), kept apart from the version-1 parts so they
/// merge easily: the keys and phrases `request` rules answer, and queue nodes' overrides of their
/// queue's `max_wait`, `announce` and `callback`. docs/table-format.md describes them.

/// The keys and phrases one `request` rule answers instead of the flow's human key and phrases.
/// Rules without a record answer `human_key` and `human_phrases`.
public struct TableRequestAnswers: Equatable, Sendable {
    /// The rule (an index of `rules`, a `request` rule); records are sorted by it, one per rule.
    public var rule: Int32
    /// Bit `k` set: the rule answers key index `k` (0-9, 10 `*`, 11 `#`).
    public var keys: Int32
    /// The rule's phrases: a range of `requestPhrases` (strings).
    public var phraseStart: Int32
    public var phraseCount: Int32

    public init(rule: Int32, keys: Int32, phraseStart: Int32, phraseCount: Int32) {
        self.rule = rule
        self.keys = keys
        self.phraseStart = phraseStart
        self.phraseCount = phraseCount
    }
}

/// The variables a lookup node sends with its request (`with`): a range of `slotLists`.
public struct TableLookupInputs: Equatable, Sendable {
    /// The lookup node (an index of `nodes`); records are sorted by it, one per node.
    public var node: Int32
    public var slotStart: Int32
    public var slotCount: Int32

    public init(node: Int32, slotStart: Int32, slotCount: Int32) {
        self.node = node
        self.slotStart = slotStart
        self.slotCount = slotCount
    }
}

/// A queue node's own `max_wait`, `announce` and `callback` for its visit (-1: the queue's).
public struct TableQueueOverride: Equatable, Sendable {
    /// The queue node (an index of `nodes`); records are sorted by it, one per node.
    public var node: Int32
    /// Seconds, or -1.
    public var maxWait: Int32
    /// Seconds between announcements (0: none), or -1.
    public var announce: Int32
    /// 0 no callback offer, 1 an offer, or -1.
    public var callback: Int32

    public init(node: Int32, maxWait: Int32 = -1, announce: Int32 = -1, callback: Int32 = -1) {
        self.node = node
        self.maxWait = maxWait
        self.announce = announce
        self.callback = callback
    }
}

extension RoutingTable {
    /// The queue a queue node waits in, with the node's overrides applied.
    public func effectiveQueue(atNode index: Int) -> TableQueue {
        var queue = queues[Int(nodes[index].resource)]
        if let override = queueOverrides.first(where: { $0.node == Int32(index) }) {
            if override.maxWait >= 0 { queue.maxWait = override.maxWait }
            if override.announce >= 0 { queue.announce = override.announce }
            if override.callback >= 0 { queue.offersCallback = override.callback == 1 }
        }
        return queue
    }

    /// Checks the issue-14 parts: every index in range, records sorted and unique.
    func validateRouting() throws(TableError) {
        var previous: Int32 = -1
        for (index, answers) in requestAnswers.enumerated() {
            guard answers.rule > previous, answers.rule >= 0, Int(answers.rule) < rules.count,
                  rules[Int(answers.rule)].trigger == RuleTriggerCode.request.rawValue else {
                throw .outOfOrder(.requestAnswers(index, rule: answers.rule))
            }
            previous = answers.rule
            guard answers.keys & ~0xFFF == 0, answers.keys != 0 || answers.phraseCount > 0 else {
                throw .outOfRange(.requestKeys(requestAnswers: index, answers.keys))
            }
            guard answers.phraseStart >= 0, answers.phraseCount >= 0,
                  Int(answers.phraseStart) + Int(answers.phraseCount) <= requestPhrases.count else {
                throw .outOfRange(.phrases(requestAnswers: index))
            }
        }
        for phrase in requestPhrases where phrase < 0 || Int(phrase) >= strings.count {
            throw .badReference(record: "a request phrase", .string(of: nil), index: Int64(phrase))
        }
        previous = -1
        for (index, inputs) in lookupInputs.enumerated() {
            guard inputs.node > previous, inputs.node >= 0, Int(inputs.node) < nodes.count, nodes[Int(inputs.node)].kind == .lookup,
                  inputs.slotStart >= 0, inputs.slotCount > 0, Int(inputs.slotStart) + Int(inputs.slotCount) <= slotLists.count else {
                throw .outOfOrder(.lookupInputs(index, node: inputs.node))
            }
            previous = inputs.node
            for slot in slotLists[Int(inputs.slotStart) ..< Int(inputs.slotStart + inputs.slotCount)] where slot < 0 || Int(slot) >= variables.count {
                throw .badReference(record: "lookup inputs \(index)", .slotSent, index: Int64(slot))
            }
        }
        previous = -1
        for (index, override) in queueOverrides.enumerated() {
            guard override.node > previous, override.node >= 0, Int(override.node) < nodes.count,
                  nodes[Int(override.node)].kind == .queue else {
                throw .outOfOrder(.queueOverride(index, node: override.node))
            }
            previous = override.node
            guard override.maxWait >= -1, override.announce >= -1, (-1...1).contains(override.callback) else {
                throw .outOfRange(.overrideValue(queueOverride: index))
            }
        }
    }
}

extension RoutingTable {
    /// One assignment of a `set` node: a constant of the slot's kind, or (issue 14, a negative
    /// constant) slot `-constant - 1` of the same type; `call.priority` only from a whole number
    /// constant 0-100, and no other built-in slot.
    func validateAssignment(_ item: TableAssignment, _ what: String) throws(TableError) {
        guard item.slot >= 0, Int(item.slot) < variables.count else { throw .badReference(record: what, .slotAssigned, index: Int64(item.slot)) }
        let target = variables[Int(item.slot)]
        guard item.slot != builtIns.callFailures, item.slot != builtIns.queueName, item.slot != builtIns.queueWait,
              item.slot != builtIns.queueDepth else { throw .wrongKind(.builtInAssigned(record: what)) }
        if item.constant >= 0 {
            guard Int(item.constant) < constants.count, constants[Int(item.constant)].kind == target.type.kind else {
                throw .wrongKind(.assignedConstant(record: what, item.constant, target.type.kind))
            }
            if item.slot == builtIns.callPriority {
                guard case .number(let n) = constants[Int(item.constant)], n >= 0, n <= 100, n == n.rounded() else {
                    throw .wrongKind(.priorityConstant(record: what))
                }
            }
            return
        }
        let source = Int(-(Int64(item.constant) + 1))
        guard source < variables.count, item.slot != builtIns.callPriority else {
            throw .wrongKind(.copiedSlot(record: what, source))
        }
        let from = variables[source]
        guard from.type == target.type else { throw .wrongKind(.copy(record: what, from: from.type, into: target.type)) }
        if from.type == .enumeration {
            for k in from.enumStart ..< from.enumStart + from.enumCount {
                let value = enumValues[Int(k)]
                let fits = (target.enumStart ..< target.enumStart + target.enumCount).contains { strings[Int(enumValues[Int($0)])] == strings[Int(value)] }
                guard fits else { throw .wrongKind(.copiedEnumValue(record: what)) }
            }
        }
    }
}
