/// A whole flow, decoded and checked for form: the input of the graph and of every later stage.
///
/// Built once and never changed (issue 10 item 5): `decode` makes it with its names as written,
/// `resolve` makes the resolved value (every reference to a node as an index: `outcomeTargets`,
/// `startTarget`, `ruleTargets`), `typeCheck` the value with its conditions parsed. The graph and
/// lowering read the indices; they never look a node's name up.
public struct Flow: Sendable {
    public let file: String
    public let name: Located<String>
    public let description: String?
    public let timezone: Located<String>?
    public let start: Located<String>
    public let includes: [Include]
    public let context: [ContextVariable]
    public let skills: [Located<String>]
    public let schedules: [Schedule]
    public let queues: [QueueDefinition]
    public let escalations: [EscalationRule]
    /// The key that asks for a human at any menu or collect; `"0"` unless the flow says otherwise.
    public let humanKey: Located<String>?
    public let humanPhrases: [Located<String>]
    public let ignore: [Located<String>]
    public let nodes: [FlowNode]
    /// Position of each node id in `nodes` (the first node of an id).
    public var nodeIndex: NodeIndex { NodeIndex(table: nodeTable, nodes: nodes) }
    /// The positions behind `nodeIndex`, compared with the nodes' own ids (`NameTable`).
    let nodeTable: NameTable
    /// For each node, the index of each outcome's target in `nodes` (-1: no such node), in the
    /// order of its `outcomes` (`outcomeTargets[node, position]`); empty until `resolve`. A
    /// menu's options are its first outcomes and a switch's cases its first outcomes, in order
    /// (`target(of:item:)`).
    public let outcomeTargets: OutcomeTargets
    /// The index of the `start` node in `nodes`; -1 when no node has that name, or before `resolve`.
    public let startTarget: Int
    /// For each escalation rule, the index of its `goto` node in `nodes` (-1: no such node), in
    /// the order of `escalations`; empty until `resolve`.
    public let ruleTargets: [Int]
    /// `languages:` in order (the first is the default); empty when the flow names none.
    public let languages: [Located<String>]
    /// `voice:`: one for every language (`language` nil) or one per language.
    public let voices: [(language: Located<String>?, voice: Located<String>)]
    /// `human_phrases` given by language (`humanPhrases` then holds every language's).
    public let localizedHumanPhrases: LocalizedPhrases?

    public static let defaultHumanKey = "0"
    public static let defaultHumanPhrases = ["agent", "representative", "operator"]

    /// The flow as written: no name resolved yet (`resolve` or `resolved()` does that).
    init(file: String, name: Located<String>, description: String?, timezone: Located<String>?, start: Located<String>,
         includes: [Include], context: [ContextVariable], skills: [Located<String>], schedules: [Schedule],
         queues: [QueueDefinition], escalations: [EscalationRule], humanKey: Located<String>?,
         humanPhrases: [Located<String>], ignore: [Located<String>], nodes: [FlowNode], nodeTable: NameTable,
         languages: [Located<String>] = [], voices: [(language: Located<String>?, voice: Located<String>)] = [],
         localizedHumanPhrases: LocalizedPhrases? = nil) {
        self.file = file
        self.name = name
        self.description = description
        self.timezone = timezone
        self.start = start
        self.includes = includes
        self.context = context
        self.skills = skills
        self.schedules = schedules
        self.queues = queues
        self.escalations = escalations
        self.humanKey = humanKey
        self.humanPhrases = humanPhrases
        self.ignore = ignore
        self.nodes = nodes
        self.nodeTable = nodeTable
        self.outcomeTargets = OutcomeTargets()
        self.startTarget = -1
        self.ruleTargets = []
        self.languages = languages
        self.voices = voices
        self.localizedHumanPhrases = localizedHumanPhrases
    }

    /// `flow` with its rules, nodes and resolved targets replaced (the stages' results).
    private init(_ flow: Flow, escalations: [EscalationRule], nodes: [FlowNode], outcomeTargets: OutcomeTargets,
                 startTarget: Int, ruleTargets: [Int]) {
        file = flow.file
        name = flow.name
        description = flow.description
        timezone = flow.timezone
        start = flow.start
        includes = flow.includes
        context = flow.context
        skills = flow.skills
        schedules = flow.schedules
        queues = flow.queues
        self.escalations = escalations
        humanKey = flow.humanKey
        humanPhrases = flow.humanPhrases
        ignore = flow.ignore
        self.nodes = nodes
        nodeTable = flow.nodeTable
        self.outcomeTargets = outcomeTargets
        self.startTarget = startTarget
        self.ruleTargets = ruleTargets
        languages = flow.languages
        voices = flow.voices
        localizedHumanPhrases = flow.localizedHumanPhrases
    }

    public var effectiveHumanKey: String { humanKey?.value ?? Flow.defaultHumanKey }

    public var effectiveHumanPhrases: [String] {
        humanPhrases.isEmpty ? Flow.defaultHumanPhrases : humanPhrases.map(\.value)
    }

    public func node(named id: String) -> FlowNode? {
        nodeIndex[id].map { nodes[$0] }
    }

    public func queue(named name: String) -> QueueDefinition? {
        queues.first { $0.name.value == name }
    }

    public func schedule(named name: String) -> Schedule? {
        schedules.first { $0.name.value == name }
    }

    public func variable(named name: String) -> ContextVariable? {
        context.first { $0.name.value == name }
    }
}

// MARK: - Resolved targets

extension Flow {
    /// Whether every reference to a node has its index (`resolve` ran, or `resolved()`).
    public var isResolved: Bool {
        outcomeTargets.count == nodes.count && ruleTargets.count == escalations.count
    }

    /// The index of the node named `name` in `nodes`, -1 for none: how every reference to a node
    /// is resolved, once (by `resolve`, or `resolved()`).
    func target(named name: String) -> Int {
        nodeIndex[name] ?? -1
    }

    /// The flow with every reference to a node resolved, and nothing reported: for a flow built
    /// without the driver's `resolve` stage (the platform importers). The same indices `resolve`
    /// gives.
    public func resolved() -> Flow {
        var targets = OutcomeTargets(reservingNodes: nodes.count)
        let nodeIndex = nodeIndex
        for node in nodes { targets.append(node, in: nodeIndex) }
        return resolving(outcomeTargets: targets, startTarget: target(named: start.value),
                         ruleTargets: escalations.map { target(named: $0.target.value) })
    }

    /// The flow with these resolved targets (the `resolve` stage's result).
    func resolving(outcomeTargets: OutcomeTargets, startTarget: Int, ruleTargets: [Int]) -> Flow {
        Flow(self, escalations: escalations, nodes: nodes, outcomeTargets: outcomeTargets, startTarget: startTarget,
             ruleTargets: ruleTargets)
    }

    /// The flow with its rules and nodes replaced by their type-checked values (the `typeCheck`
    /// stage's result: the same rules and nodes in the same order, conditions parsed).
    func checked(escalations: [EscalationRule], nodes: [FlowNode]) -> Flow {
        Flow(self, escalations: escalations, nodes: nodes, outcomeTargets: outcomeTargets, startTarget: startTarget,
             ruleTargets: ruleTargets)
    }

    /// The index of the node that node `node`'s first `label` outcome goes to; nil when it has no
    /// such outcome or the outcome names no node.
    public func target(of node: Int, _ label: String) -> Int? {
        guard let position = nodes[node].outcomes.firstIndex(where: { $0.label == label }) else { return nil }
        let target = outcomeTargets[node, position]
        return target >= 0 ? target : nil
    }

    /// The index of the node that item `item` of node `node` goes to (a menu's option, a switch's
    /// case: a node's first outcomes, in order); nil when it names no node.
    public func target(of node: Int, item: Int) -> Int? {
        let target = outcomeTargets[node, item]
        return target >= 0 ? target : nil
    }
}

/// Every node's outcome targets: the index in `Flow.nodes` of each outcome's target (-1: no such
/// node), node after node in the order of their outcomes. Two flat arrays rather than an array
/// per node: a flow of 60,000 nodes would otherwise make and keep 60,000 small arrays.
public struct OutcomeTargets: Equatable, Sendable {
    /// Every node's targets, node after node.
    private var targets: [Int32] = []
    /// Where each node's targets end in `targets` (node `i`'s start where node `i - 1`'s end).
    private var ends: [Int32] = []

    /// No node's targets: a flow not resolved yet.
    public init() {}

    init(reservingNodes count: Int) {
        ends.reserveCapacity(count)
        targets.reserveCapacity(count * 3)
    }

    /// How many nodes have their targets: every node of a resolved flow, none before.
    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }

    /// The target of node `node`'s outcome at `position` (in the order of its `outcomes`).
    public internal(set) subscript(node: Int, position: Int) -> Int {
        get { Int(targets[start(of: node) + position]) }
        set { targets[start(of: node) + position] = Int32(truncatingIfNeeded: newValue) }
    }

    /// Node `node`'s targets, in the order of its outcomes.
    public subscript(node: Int) -> [Int] {
        targets[start(of: node) ..< Int(ends[node])].map { Int($0) }
    }

    private func start(of node: Int) -> Int {
        node == 0 ? 0 : Int(ends[node - 1])
    }

    /// Appends the targets of the next node: each outcome's name looked up in `nodeIndex`, the
    /// one way a name becomes an index (the `resolve` stage and `Flow.resolved()` both call it).
    mutating func append(_ node: FlowNode, in nodeIndex: NodeIndex) {
        let outcomes = node.outcomes
        for position in outcomes.indices {
            targets.append(Int32(truncatingIfNeeded: nodeIndex[outcomes.targetName(at: position)] ?? -1))
        }
        ends.append(Int32(truncatingIfNeeded: targets.count))
    }

    /// Appends `other`'s nodes after these: the targets of a range of nodes, resolved apart
    /// (the `resolve` stage on several threads), joined in node order.
    mutating func append(contentsOf other: OutcomeTargets) {
        let base = Int32(truncatingIfNeeded: targets.count)
        targets.append(contentsOf: other.targets)
        ends.reserveCapacity(ends.count + other.ends.count)
        for end in other.ends { ends.append(base + end) }
    }
}
