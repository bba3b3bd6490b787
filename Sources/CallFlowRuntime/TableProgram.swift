import Foundation

/// A validated table ready to run calls, with what every session needs looked up once: the
/// rules of each trigger, the constants and queue names as slot values, the default slots and a
/// `ScheduleEvaluator` per schedule. Immutable; share one among all sessions and threads.
public final class TableProgram: Sendable {
    public let table: RoutingTable
    let ruleRanges: [Range<Int>]
    let constantValues: [RuntimeValue]
    let queueNames: [RuntimeValue]
    public let defaults: SlotValues
    let evaluators: [ScheduleEvaluator]
    /// The most nodes one event may run through before the session faults.
    public let stepBound: Int
    // The table's parts the executor reads on every step, held here so a step reads a field of
    // this object instead of copying the table struct (and retaining its arrays).
    let nodes: [TableNode]
    let edges: [Int32]
    let rules: [TableRule]
    let cases: [TableCase]
    let assignments: [TableAssignment]
    let speech: [TableSpeech]
    let conditions: [ConditionProgram]
    let queues: [TableQueue]
    let builtIns: BuiltInSlots
    let humanKey: Int32
    let humanPhrases: [Int32]
    let strings: StringTable
    let variables: [TableVariable]
    let slotLists: [Int32]
    let schedules: [CompiledSchedule]
    let sourceHash: UInt64
    let start: Int32
    /// The prompt of each node (-1: none), and the prompts prepared for rendering.
    let nodePrompts: [Int32]
    let promptProgram: PromptProgram
    // Issue 14: speech phrases as folded words (`SpeechMatch`), the keys and phrases each rule
    // answers, every key some request rule answers, and queue nodes' effective queues.
    let speechWords: [[String]]
    let humanPhraseWords: [[String]]
    /// Per rule: the key bits it answers (the human key's for a rule without its own answers).
    let ruleKeys: [Int32]
    /// Per rule: the folded phrases it answers (the human phrases for a rule without its own).
    let rulePhraseWords: [[[String]]]
    /// Bits of every key a `request` rule answers, and always the human key.
    let requestKeys: Int32
    let queueOverrides: [Int32: TableQueue]
    let lookupInputs: [Int32: TableLookupInputs]
    // Issue 14 item 7: voicemail settings, callbacks' number slots, and each queue node's
    // announcement words and hold music (only nodes with either).
    let voicemails: [Int32: TableVoicemail]
    let callbackSlots: [Int32: Int32]
    let announcements: [Int32: (prompt: Int32, holdMusic: Int32)]

    /// Validates `table` (again) and prepares it; refuses a schedule whose time zone this system
    /// does not know.
    public convenience init(_ table: RoutingTable) throws(TableError) {
        try table.validate()
        try self.init(validated: table)
    }

    /// `table` has just been validated (decoding does it).
    private init(validated table: RoutingTable) throws(TableError) {
        self.table = table
        ruleRanges = RuleTriggerCode.allCases.map { table.rules($0) }
        constantValues = table.constants.map { constant in
            switch constant {
            case .bool(let b): return .bool(b)
            case .number(let n): return .number(n)
            case .string(let s): return .string(table.strings[Int(s)])
            }
        }
        queueNames = table.queues.map { .string(table.strings[Int($0.name)]) }
        let constants = constantValues
        defaults = SlotValues(table.variables.map { constants[Int($0.defaultValue)] })
        var evaluators: [ScheduleEvaluator] = []
        for schedule in table.schedules {
            guard let evaluator = ScheduleEvaluator(schedule) else { throw .unknownTimeZone(schedule.timeZone) }
            evaluators.append(evaluator)
        }
        self.evaluators = evaluators
        stepBound = table.nodes.count + table.rules.count + 1
        nodes = table.nodes
        edges = table.edges
        rules = table.rules
        cases = table.cases
        assignments = table.assignments
        speech = table.speech
        conditions = table.conditions
        queues = table.queues
        builtIns = table.builtIns
        humanKey = table.humanKey
        humanPhrases = table.humanPhrases
        strings = table.strings
        variables = table.variables
        slotLists = table.slotLists
        schedules = table.schedules
        sourceHash = table.sourceHash
        start = table.start
        nodePrompts = table.prompts.nodePrompts
        promptProgram = PromptProgram(table)
        speechWords = table.speech.map { SpeechMatch.words(table.strings[Int($0.phrase)]) }
        let human = table.humanPhrases.map { SpeechMatch.words(table.strings[Int($0)]) }
        humanPhraseWords = human
        var ruleKeys = [Int32](repeating: 1 << table.humanKey, count: table.rules.count)
        var rulePhraseWords = [[[String]]](repeating: human, count: table.rules.count)
        for answers in table.requestAnswers {
            ruleKeys[Int(answers.rule)] = answers.keys
            rulePhraseWords[Int(answers.rule)] = table.requestPhrases[Int(answers.phraseStart) ..< Int(answers.phraseStart + answers.phraseCount)]
                .map { SpeechMatch.words(table.strings[Int($0)]) }
        }
        var requestKeys: Int32 = 1 << table.humanKey
        for index in table.rules(.request) { requestKeys |= ruleKeys[index] }
        self.ruleKeys = ruleKeys
        self.rulePhraseWords = rulePhraseWords
        self.requestKeys = requestKeys
        var overrides: [Int32: TableQueue] = [:]
        for override in table.queueOverrides { overrides[override.node] = table.effectiveQueue(atNode: Int(override.node)) }
        queueOverrides = overrides
        lookupInputs = Dictionary(table.lookupInputs.map { ($0.node, $0) }, uniquingKeysWith: { first, _ in first })
        voicemails = Dictionary(table.voicemails.map { ($0.node, $0) }, uniquingKeysWith: { first, _ in first })
        callbackSlots = Dictionary(table.callbackNumbers.map { ($0.node, $0.slot) }, uniquingKeysWith: { first, _ in first })
        var announcements: [Int32: (prompt: Int32, holdMusic: Int32)] = [:]
        if !table.announcements.isEmpty {
            for (index, node) in table.nodes.enumerated() where node.kind == .queue {
                let found = table.announcement(atNode: index)
                if found.prompt >= 0 || found.holdMusic >= 0 { announcements[Int32(index)] = found }
            }
        }
        self.announcements = announcements
    }

    /// The queue node `node` waits in, with its overrides.
    @inline(__always)
    func queue(atNode node: Int32) -> TableQueue {
        queueOverrides[node] ?? queues[Int(nodes[Int(node)].resource)]
    }

    /// Reads, checks and prepares a table file's bytes.
    public convenience init(bytes: [UInt8]) throws(TableError) {
        try self.init(validated: RoutingTable(decoding: bytes))
    }

    /// The slot of the variable `name`, or nil.
    public func slot(named name: String) -> Int? {
        table.variables.firstIndex { table.strings[Int($0.name)] == name }
    }

    /// `text` as a value of slot `slot`'s type (a `--context` or scenario value); nil when it is not
    /// one (an enum value must be one of the enum's).
    public func value(_ text: String, forSlot slot: Int) -> RuntimeValue? {
        guard slot >= 0, slot < table.variables.count else { return nil }
        let variable = table.variables[slot]
        switch variable.type {
        case .bool: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .number: return Double(text).flatMap { $0.isFinite ? .number($0) : nil }
        case .duration: return RuntimeDuration.seconds(text).map { .number(Double($0)) }
        case .string: return .string(text)
        case .enumeration:
            for k in variable.enumStart ..< variable.enumStart + variable.enumCount where table.strings[Int(table.enumValues[Int(k)])] == text {
                return .string(text)
            }
            return nil
        }
    }

    /// Whether `value` may be held by slot `slot` (kind, enum membership, a finite number).
    public func accepts(_ value: RuntimeValue, slot: Int) -> Bool {
        guard slot >= 0, slot < table.variables.count else { return false }
        let variable = table.variables[slot]
        guard value.kind == variable.type.kind else { return false }
        if case .number(let number) = value, !number.isFinite { return false }
        if variable.type == .enumeration, case .string(let text) = value { return self.value(text, forSlot: slot) != nil }
        return true
    }
}
