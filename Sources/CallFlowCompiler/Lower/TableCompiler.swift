import CallFlowRuntime

/// Why a flow could not be compiled into a table (only for a flow the linter would not pass, or
/// something the table cannot express).
///
/// Each case is one thing lowering needs and did not find; its message is built here only.
public enum TableCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A node numbering left out is still the target of an outcome.
    case leftOutTarget(node: String)
    /// An outcome (of `node`; nil: the flow's `start`) names no node.
    case outcomeNamesNoNode(of: String?)
    /// A node lacks an outcome its kind needs.
    case missingOutcome(node: String, outcome: String)
    case ruleGoesNowhere(rule: String)
    case collectWithoutInto(node: String)
    case collectIntoNeitherStringNorNumber(node: String, into: String)
    /// No table slot for a variable (`placeholder`: named by a prompt's `{name}`).
    case noSlot(String, placeholder: Bool)
    case unknownVariable(String)
    case unknownQueue(String)
    case unknownSchedule(String)
    case schedulesWithoutTimeZone
    case humanKeyNotAKey(String)
    /// A literal (`what`) is not a value of its variable's type.
    case literalNotOfType(what: String, value: LiteralValue, type: ValueType)
    /// A condition without its type-checked tree.
    case conditionNotTypeChecked(String)
    case condition(ConditionCompileError)
    /// The table made does not pass the loader's checks (a compiler bug caught before writing).
    case invalidTable(TableError)

    public var description: String { "cannot compile the routing table: " + message }

    /// What went wrong, without the "cannot compile" prefix.
    public var message: String {
        switch self {
        case .leftOutTarget(let node): return "node '\(node)' was left out but is a target"
        case .outcomeNamesNoNode(let node): return "an outcome\(node.map { " of '\($0)'" } ?? "") names no node"
        case .missingOutcome(let node, let outcome): return "node '\(node)' has no '\(outcome)' outcome"
        case .ruleGoesNowhere(let rule): return "rule '\(rule)' goes nowhere"
        case .collectWithoutInto(let node): return "collect '\(node)' has no `into` variable"
        case .collectIntoNeitherStringNorNumber(let node, let into):
            return "collect '\(node)' stores digits into '\(into)', which is not a string or a number"
        case .noSlot(let name, let placeholder): return placeholder ? "no slot for the placeholder {\(name)}" : "no slot for \(name)"
        case .unknownVariable(let name): return "no variable '\(name)'"
        case .unknownQueue(let name): return "no queue is named '\(name)'"
        case .unknownSchedule(let name): return "no schedule is named '\(name)'"
        case .schedulesWithoutTimeZone: return "the flow has schedules but no time zone"
        case .humanKeyNotAKey(let key): return "the human key '\(key)' is not a key"
        case .literalNotOfType(let what, let value, let type): return "\(what) is \(value), not a \(type)"
        case .conditionNotTypeChecked(let text): return "the condition '\(text)' did not type-check"
        case .condition(let error): return error.description
        case .invalidTable(let error): return error.description
        }
    }
}

/// A compiled table and what the compiler left out.
public struct TableCompilation: Sendable {
    public var table: RoutingTable
    /// Flow node ids that have no node in the table: unreachable ones and threaded ones.
    public var unreachable: [String]
    public var threaded: [String]
    /// The table index of each flow node, or -1.
    public var nodeIndex: [Int32]
}

/// FlowGraph to RoutingTable (docs/language.md, docs/table-format.md). Deterministic: the same
/// flow and source hash always give an equal table, and so the same bytes.
///
/// The work is done by the steps `compile` runs in order, each in its own file of this folder.
public struct TableCompiler {
    private init() {}

    /// Compiles `graph`'s flow; `sourceHash` is `TableFormat.fnv1a` of its source files' bytes.
    public static func compile(_ graph: FlowGraph, sourceHash: UInt64, options: TableOptimizations = .all)
        throws(TableCompileError) -> TableCompilation {
        let flow = graph.flow
        // Strings and constants get their indices in the order they are first asked for, so the
        // order of the steps below is part of the table format's determinism: do not reorder them.
        var strings = TableStrings(interning: options.internStrings)
        var constants = TableConstantPool()
        let flowName = strings.intern(flow.name.value)
        let timeZone = flow.timezone.map { strings.intern($0.value) } ?? -1

        let slots = VariableSlots(flow: flow)
        let variables = try TableVariables(slots: slots, flow: flow, strings: &strings, constants: &constants)

        guard let schedules = ScheduleCompiler.compile(flow) else { throw .schedulesWithoutTimeZone }
        for schedule in schedules { _ = strings.intern(schedule.timeZone) }
        let scheduleNames = flow.schedules.map(\.name.value)

        // Conditions, folded: the switches' first, then the rules'.
        var conditions = TableConditions(slots: slots, scheduleNames: scheduleNames, folding: options.foldConstants)
        let branches = try SwitchBranches(flow: flow, conditions: &conditions, strings: &strings)
        let rules = try RuleLowering(flow: flow, conditions: &conditions, strings: &strings)

        // Which nodes the table keeps, and their indices.
        let threading = PassThroughThreading(flow: flow, branches: branches, enabled: options.threadPassThrough)
        let ruleTargets = rules.targets.map(threading.resolve)
        let startNode = threading.resolve(try flow.tableTarget(flow.startTarget, of: nil))
        let reachable = ReachableNodes(graph: graph, entries: [startNode] + ruleTargets, branches: branches,
                                       threading: threading, enabled: options.dropUnreachable)
        let numbering = NodeNumbering(flow: flow, threading: threading, reachable: reachable)

        let queues = TableQueues(flow: flow, strings: &strings)
        var nodes = NodeLowering(flow: flow, slots: slots, scheduleNames: scheduleNames, branches: branches,
                                 numbering: numbering, queues: queues)
        try nodes.lowerKeptNodes(strings: &strings, constants: &constants)
        let ruleRecords = try rules.records(strings: &strings, numbering: numbering)

        guard let humanKeyByte = flow.effectiveHumanKey.utf8.first, case let humanKey = RoutingTable.keyIndex(humanKeyByte), humanKey >= 0 else {
            throw .humanKeyNotAKey(flow.effectiveHumanKey)
        }
        let humanPhrases = flow.effectiveHumanPhrases.map { strings.intern($0) }
        let prompts = try PromptLowering(flow: flow, slots: slots, numbering: numbering, nodes: nodes.nodes, strings: &strings)
        let requests = RequestLowering(rules: rules, strings: &strings)
        // Issue 14 item 7: queues' announcements and hold music, then queue nodes' own announcements.
        var announcements: [TableAnnouncement] = []
        for (index, queue) in flow.queues.enumerated() where queue.announcement != nil || queue.holdMusic != nil {
            announcements.append(TableAnnouncement(queue: Int32(index), node: -1, prompt: prompts.queueAnnouncements[index],
                                                   holdMusic: queue.holdMusic.map { strings.intern($0.value) } ?? -1))
        }
        for (node, prompt) in prompts.nodeAnnouncements {
            announcements.append(TableAnnouncement(queue: -1, node: node, prompt: prompt, holdMusic: -1))
        }

        var table = RoutingTable(
            compilerVersion: CallFlowVersion.current, sourceHash: sourceHash, strings: strings.table, flowName: flowName,
            timeZone: timeZone, start: try numbering.dense(startNode), humanKey: Int32(humanKey), humanPhrases: humanPhrases,
            builtIns: variables.builtIns, variables: variables.variables, enumValues: variables.enumValues,
            constants: constants.constants, schedules: schedules, conditions: conditions.programs, queues: queues.queues,
            skills: nodes.skills, rules: ruleRecords, nodes: nodes.nodes, edges: nodes.edges, cases: nodes.cases,
            slotLists: nodes.slotLists, assignments: nodes.assignments, speech: nodes.speech,
            requestAnswers: requests.answers, requestPhrases: requests.phrases, queueOverrides: nodes.queueOverrides,
            lookupInputs: nodes.lookupInputs)
        table.prompts = prompts.prompts
        table.voicemails = nodes.voicemails
        table.callbackNumbers = nodes.callbackNumbers
        table.announcements = announcements
        // The compiler's own output must pass the loader's checks; failing here is a compiler bug
        // caught before a broken file is written.
        do {
            try table.validate()
        } catch {
            throw .invalidTable(error)
        }
        return TableCompilation(table: table, unreachable: numbering.unreachable, threaded: numbering.threaded,
                                nodeIndex: numbering.tableIndex)
    }

    /// The hash the header records: FNV-1a 64 of the files' bytes, in order.
    public static func sourceHash(_ sources: [SourceFile]) -> UInt64 {
        var bytes: [UInt8] = []
        for source in sources { bytes += source.bytes }
        return TableFormat.fnv1a(bytes)
    }
}

extension Flow {
    /// `target`, the resolved target of an outcome of node `node` (nil: the flow's `start`), when
    /// it names a node (nil or -1: it does not).
    func tableTarget(_ target: Int?, of node: Int?) throws(TableCompileError) -> Int {
        guard let target, target >= 0 else {
            throw .outcomeNamesNoNode(of: node.map { nodes[$0].id.value })
        }
        return target
    }
}
